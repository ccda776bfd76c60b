#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Fetch Debian's current linux-image-amd64 kernel package into a cache; print the vmlinuz path.
#
# Usage: scripts/get-linux.sh [FLAVOUR [CACHE_DIR]]   (FLAVOUR: amd64 (default) or cloud-amd64;
#        CACHE_DIR default: build/cache/linux at the repo top)
# The package's modules are unpacked next to the image: CACHE_DIR/PKG/lib/modules/VERSION.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/deb-fetch.sh"
flavour=${1:-amd64}
cache=${2:-$top/build/cache/linux}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)

# The metapackage names the current ABI package, e.g. linux-image-6.1.0-56-amd64.
pkg=$(apt-cache depends "linux-image-$flavour" 2>/dev/null |
      awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
if [ -z "$pkg" ]; then
    echo "get-linux: cannot resolve linux-image-$flavour (run apt-get update?)" >&2
    exit 1
fi
version=${pkg#linux-image-}
image=$cache/$pkg/boot/vmlinuz-$version
if [ -f "$image" ] && [ -d "$cache/$pkg/lib/modules/$version/kernel" ]; then
    echo "$image"
    exit 0
fi

deb=$(deb_fetch "$cache" "$pkg")
rm -rf "$cache/$pkg.tmp"
mkdir -p "$cache/$pkg.tmp"
dpkg-deb --fsys-tarfile "$deb" |
    tar -x -C "$cache/$pkg.tmp" "./boot/vmlinuz-$version" "./lib/modules/$version"
rm -rf "$cache/$pkg"
mv "$cache/$pkg.tmp" "$cache/$pkg"
[ -f "$image" ] || { echo "get-linux: $image missing from $deb" >&2; exit 1; }
echo "$image"
