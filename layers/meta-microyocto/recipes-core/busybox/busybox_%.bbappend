# SPDX-License-Identifier: MIT
# image-micro's web server: busybox httpd with CGI (poky-tiny's defconfig has it off).
FILESEXTRAPATHS:prepend := "${THISDIR}/files:"
SRC_URI:append:poky-micro = " file://httpd-cgi.cfg"
