# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the get-*.sh scripts: deb_fetch CACHE PKG prints the path of PKG's .deb, downloading it into CACHE once.
deb_fetch() {
    local cache=$1 pkg=$2 deb
    deb=$(ls "$cache"/"${pkg}"_*.deb 2>/dev/null | head -n1 || true)
    if [ -z "$deb" ]; then
        (cd "$cache" && apt-get -o APT::Sandbox::User=root download "$pkg" >&2) || return 1
        deb=$(ls "$cache"/"${pkg}"_*.deb | head -n1)
    fi
    echo "$deb"
}
