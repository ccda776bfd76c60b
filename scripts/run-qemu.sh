#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot a hypervisor image under QEMU (TCG) through GRUB 2 (ISO) or -kernel, serial console on stdio.
#
# Usage: scripts/run-qemu.sh [options] [-- extra QEMU arguments]
#   --boot kernel|iso     kernel: QEMU -kernel, multiboot1 (default); iso: GRUB 2 rescue ISO, multiboot2
#   --iso FILE            boot this prebuilt ISO (implies --boot iso; --cmdline/--module are then baked in)
#   --image FILE          hypervisor (default xen/xenolith.gz for iso, xen/xenolith for kernel)
#   --cmdline "ARGS"      hypervisor command line (default: serial console, all log levels)
#   --module FILE "ARGS"  a multiboot module and its command line (repeatable; the first is dom0)
#   --smp N  --mem SIZE  --cpu MODEL      (defaults 2, 1G, qemu64)
#   --batch               for scripts: serial on stdout only, no monitor, no keyboard escape
#   --dry-run             print the QEMU command instead of running it
# Never uses KVM: the tests want the same machine everywhere.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
boot=kernel iso='' image='' smp=2 mem=1G cpu=qemu64 batch=0 dry=0
cmdline="console=com1 com1=115200,8n1 loglvl=all"
modules=()
extra=()

while [ $# -gt 0 ]; do
    case $1 in
    --boot) boot=$2; shift 2 ;;
    --iso) iso=$2; boot=iso; shift 2 ;;
    --image) image=$2; shift 2 ;;
    --cmdline) cmdline=$2; shift 2 ;;
    --module) modules+=("$2" "$3"); shift 3 ;;
    --smp) smp=$2; shift 2 ;;
    --mem) mem=$2; shift 2 ;;
    --cpu) cpu=$2; shift 2 ;;
    --batch) batch=1; shift ;;
    --dry-run) dry=1; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '3,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "run-qemu: unknown option '$1' (try --help)" >&2; exit 2 ;;
    esac
done

qemu=(qemu-system-x86_64 -accel "tcg,thread=multi" -machine pc -cpu "$cpu" -smp "$smp" -m "$mem"
      -display none -vga none -no-reboot -nodefaults)
if [ "$batch" = 1 ]; then
    qemu+=(-serial stdio -monitor none)
else
    qemu+=(-serial mon:stdio)
fi

case $boot in
kernel)
    image=${image:-$top/xen/xenolith}
    qemu+=(-kernel "$image" -append "$cmdline")
    if [ ${#modules[@]} -gt 0 ]; then
        # QEMU's multiboot -initrd: "file args,file args"; a literal comma is written ",,".
        initrd=
        for ((i = 0; i < ${#modules[@]}; i += 2)); do
            m="${modules[i]}${modules[i+1]:+ ${modules[i+1]}}"
            initrd+="${initrd:+,}${m//,/,,}"
        done
        qemu+=(-initrd "$initrd")
    fi
    ;;
iso)
    if [ -z "$iso" ]; then
        image=${image:-$top/xen/xenolith.gz}
        tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-qemu.XXXXXX")
        trap 'rm -rf "$tmp"' EXIT
        iso=$tmp/boot.iso
        "$top/scripts/mkiso.sh" "$iso" "$image" "$cmdline" ${modules[@]+"${modules[@]}"}
    fi
    qemu+=(-cdrom "$iso" -boot d)
    ;;
*) echo "run-qemu: --boot must be iso or kernel, not '$boot'" >&2; exit 2 ;;
esac
qemu+=(${extra[@]+"${extra[@]}"})

if [ "$dry" = 1 ]; then
    printf '%q ' "${qemu[@]}"; echo
    exit 0
fi
if [ "$batch" = 0 ]; then
    echo "run-qemu: serial console follows; quit QEMU with Ctrl-a x (Ctrl-a h for help)." >&2
fi
if [ -n "${tmp:-}" ]; then
    "${qemu[@]}"                # not exec: the trap removes the temporary ISO afterwards
else
    exec "${qemu[@]}"
fi
