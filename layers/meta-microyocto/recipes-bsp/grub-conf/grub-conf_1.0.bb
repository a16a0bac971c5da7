# SPDX-License-Identifier: MIT
SUMMARY = "grub.conf for the Galileo firmware's GRUB 0.97"
DESCRIPTION = "Boots bzImage with the image-micro initramfs, serial console on ttyS1 (as meta-galileo's grub-conf did)."
LICENSE = "MIT"
LIC_FILES_CHKSUM = "file://${COMMON_LICENSE_DIR}/MIT;md5=0835ade698e0bcf8506ecda2f7b4f302"

SRC_URI = "file://grub.conf"
S = "${UNPACKDIR}"
COMPATIBLE_MACHINE = "galileo"
INHIBIT_DEFAULT_DEPS = "1"

inherit deploy nopackages

do_configure[noexec] = "1"
do_compile[noexec] = "1"

do_deploy() {
    install -m 0644 ${UNPACKDIR}/grub.conf ${DEPLOYDIR}/grub.conf
}
addtask deploy after do_install before do_build
