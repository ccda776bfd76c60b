#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Fetch Debian's Xen 4.17 hypervisor package into a cache; print the image path.
#
# Usage: scripts/get-xen.sh [CACHE_DIR]   (default: build/cache/xen at the repo top)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/deb-fetch.sh"
cache=${1:-$top/build/cache/xen}
pkg=xen-hypervisor-4.17-amd64

mkdir -p "$cache"
cache=$(cd "$cache" && pwd)

image=$(find "$cache/root" -name 'xen-4.17-amd64.gz' -print -quit 2>/dev/null || true)
if [ -n "$image" ]; then
    echo "$image"
    exit 0
fi

deb=$(deb_fetch "$cache" "$pkg")

rm -rf "$cache/root.tmp"
dpkg-deb -x "$deb" "$cache/root.tmp"
mv "$cache/root.tmp" "$cache/root"

image=$(find "$cache/root" -name 'xen-4.17-amd64.gz' -print -quit)
if [ -z "$image" ]; then
    echo "get-xen: xen-4.17-amd64.gz not found in $deb" >&2
    exit 1
fi
echo "$image"
