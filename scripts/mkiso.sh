#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build a GRUB 2 (i386-pc) rescue ISO booting a multiboot2 hypervisor with modules.
#
# Usage: scripts/mkiso.sh OUT.iso HYPERVISOR_IMAGE "HV_CMDLINE" \
#            MODULE1 "MOD1_CMDLINE" [MODULE2 "MOD2_CMDLINE" ...]
# The menu has one entry, timeout=0, and GRUB talks on the first serial port.
set -euo pipefail

if [ $# -lt 3 ] || [ $(( ($# - 3) % 2 )) -ne 0 ]; then
    echo "usage: $0 OUT.iso HYPERVISOR_IMAGE \"HV_CMDLINE\" [MODULE \"MOD_CMDLINE\" ...]" >&2
    exit 2
fi

out=$1
hv=$2
hv_cmdline=$3
shift 3

work=$(mktemp -d "${TMPDIR:-/tmp}/mkiso.XXXXXX")
trap 'rm -rf "$work"' EXIT
stage=$work/iso
mkdir -p "$stage/boot/grub"

cp "$hv" "$stage/boot/hv"
cfg=$stage/boot/grub/grub.cfg
cat > "$cfg" <<CFG
serial --unit=0 --speed=115200 --word=8 --parity=no --stop=1
terminal_input serial
terminal_output serial
set timeout=0
set default=0
menuentry "xenolith-test" {
    multiboot2 /boot/hv $hv_cmdline
CFG

n=0
while [ $# -gt 0 ]; do
    cp "$1" "$stage/boot/mod$n"
    echo "    module2 /boot/mod$n $2" >> "$cfg"
    n=$((n + 1))
    shift 2
done
echo "}" >> "$cfg"

mkdir -p "$(dirname "$out")"
grub-mkrescue --compress=no -d /usr/lib/grub/i386-pc -o "$out" "$stage" \
    --install-modules="multiboot2 normal serial terminal iso9660 biosdisk gzio configfile" \
    >/dev/null 2>"$work/log" || { cat "$work/log" >&2; exit 1; }
