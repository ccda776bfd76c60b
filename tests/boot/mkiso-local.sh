#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# TEMPORARY stand-in for scripts/mkiso.sh (same interface, zero modules allowed); delete when it lands.
#
# Usage: tests/boot/mkiso-local.sh OUT.iso HYPERVISOR_IMAGE "HV_CMDLINE" [MODULE "MOD_CMDLINE" ...]
set -euo pipefail

if [ $# -lt 3 ] || [ $(( ($# - 3) % 2 )) -ne 0 ]; then
    echo "usage: $0 OUT.iso HYPERVISOR_IMAGE \"HV_CMDLINE\" [MODULE \"MOD_CMDLINE\" ...]" >&2
    exit 2
fi
out=$1 hv=$2 hv_cmdline=$3
shift 3

work=$(mktemp -d "${TMPDIR:-/tmp}/mkiso.XXXXXX")
trap 'rm -rf "$work"' EXIT
stage=$work/iso                 # the log stays outside what goes into the ISO
mkdir -p "$stage/boot/grub"
cp "$hv" "$stage/boot/hv"
{
    echo "serial --unit=0 --speed=115200 --word=8 --parity=no --stop=1"
    echo "terminal_input serial"
    echo "terminal_output serial"
    echo "set timeout=0"
    echo "set default=0"
    echo "menuentry \"xenolith\" {"
    echo "    multiboot2 /boot/hv $hv_cmdline"
    n=0
    while [ $# -gt 0 ]; do
        cp "$1" "$stage/boot/mod$n"
        echo "    module2 /boot/mod$n $2"
        n=$((n + 1))
        shift 2
    done
    echo "}"
} > "$stage/boot/grub/grub.cfg"

mkdir -p "$(dirname "$out")"
grub-mkrescue --compress=no -d /usr/lib/grub/i386-pc -o "$out" "$stage" \
    --install-modules="multiboot2 normal serial terminal iso9660 biosdisk gzio configfile" \
    >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
