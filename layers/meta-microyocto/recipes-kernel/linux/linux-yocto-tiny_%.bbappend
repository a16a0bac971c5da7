# SPDX-License-Identifier: MIT
# The talk's kernel features as recipe-space kernel metadata: files/microyocto-kmeta is a
# `type=kmeta` folder, so KERNEL_FEATURES entries are paths inside it
# (features/microyocto/<name>.scc). The active profile picks them through
# MICROYOCTO_KERNEL_FEATURES (written to auto.conf by microyocto), not by editing this file as
# one did with meta-galileo's commented-out KERNEL_FEATURES_append_galileo lines.
FILESEXTRAPATHS:prepend := "${THISDIR}/files:"
SRC_URI += "file://microyocto-kmeta;type=kmeta;destsuffix=microyocto-kmeta"

MICROYOCTO_KERNEL_FEATURES ??= ""
KERNEL_FEATURES:append = " ${MICROYOCTO_KERNEL_FEATURES}"

# Galileo is not in linux-yocto-tiny's COMPATIBLE_MACHINE; build it as a generic PC with the
# Quark bits from the galileo-bsp feature.
COMPATIBLE_MACHINE:galileo = "galileo"
KMACHINE:galileo = "common-pc"
KERNEL_FEATURES:append:galileo = " features/microyocto/galileo-bsp.scc"
