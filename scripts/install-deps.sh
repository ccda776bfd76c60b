#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Install the Debian 12 packages Xenolith needs to build, boot and test; only the missing ones.
#
# Usage: scripts/install-deps.sh [--update]   (--update: apt-get update first, as CI does)
set -euo pipefail

packages=(
    make gcc binutils libc6-dev     # the hypervisor and the host unit tests
    libfdt-dev                      # boot-domain device trees: linked into the hypervisor, host unit test
    device-tree-compiler            # dtc: the multi-domain tests' domains.dts
    gzip                            # xenolith.gz
    xz-utils lz4 zstd               # decoder unit tests and compressed-kernel boot tests
    busybox-static cpio             # the Linux boot tests' initramfs
    e2fsprogs                       # the dom0 test's ext4 disk image (mkfs.ext4 -d)
    qemu-system-x86                 # boots, tests, bench
    grub-pc-bin grub-common xorriso mtools      # GRUB 2 rescue ISOs (grub-mkrescue)
    python3                         # test and bench harness
    clang-format                    # make format-check
    git                             # make format-check (which files are new)
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ] && [ "${1:-}" != --update ]; then
    exit 0
fi

sudo=
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
if [ "${1:-}" = --update ] || ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then
    $sudo apt-get update
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}"
    $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
