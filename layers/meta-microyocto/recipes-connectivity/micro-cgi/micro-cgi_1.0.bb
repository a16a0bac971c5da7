# SPDX-License-Identifier: MIT
SUMMARY = "catafile: a tiny CGI that shows files and folders (the talk's cgi-bin/catafile)"
DESCRIPTION = "A busybox-sh CGI for busybox httpd: /cgi-bin/catafile?/etc/hostname prints the file, \
or lists the folder. The 2014 original was a small C program; a shell script needs no compiler here."
LICENSE = "MIT"
LIC_FILES_CHKSUM = "file://${COMMON_LICENSE_DIR}/MIT;md5=0835ade698e0bcf8506ecda2f7b4f302"

SRC_URI = "file://catafile"
S = "${UNPACKDIR}"

do_install() {
    install -d ${D}/srv/www/cgi-bin
    install -m 0755 ${UNPACKDIR}/catafile ${D}/srv/www/cgi-bin/catafile
}

FILES:${PN} = "/srv/www/cgi-bin"
RDEPENDS:${PN} = "busybox-httpd"
