# SPDX-License-Identifier: MIT
SUMMARY = "microYocto image: busybox, a web server with CGI and dropbear"
DESCRIPTION = "The 2014 microYocto image-micro (meta-galileo daisy) on current releases: \
busybox shell and utilities, busybox httpd with a CGI (nostromo and its C CGI in 2014), \
and dropbear for ssh. Meant to run from an initramfs."
LICENSE = "MIT"

IMAGE_INSTALL = "packagegroup-core-boot ${CORE_IMAGE_EXTRA_INSTALL} busybox-httpd micro-cgi"
IMAGE_FEATURES += "ssh-server-dropbear"
IMAGE_LINGUAS = ""

inherit core-image

# kB: a few MB of flash is all there is.
IMAGE_ROOTFS_SIZE = "8192"
IMAGE_ROOTFS_EXTRA_SPACE = "0"
