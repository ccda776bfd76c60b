#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Run every test layer (unit, boot, guests) and end with one line: "N passed, N failed[, N skipped]".
#
# Usage: tests/run-all.sh [LAYER ...]    (default: every layer whose run.sh exists)
# Layers: unit (host), boot (QEMU, bare hypervisor), guests (PV test kernels on Xenolith),
# guests-xen (the same kernels on Debian's Xen 4.17: the mirror that checks our ABI reading).
# and linux (Debian's own kernel booted on Xenolith to a busybox /init; tests/linux/run.sh),
# domains (several boot-time domains from a device tree; tests/domains/run.sh) and domains-xen
# (the same on Xen 4.17: reported as skipped, Xen has no device-tree boot on x86).
# SKIP="guests guests-xen" leaves layers out (each counts as one skipped). Exit status 1 if
# anything failed.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
layers=("$@")
[ ${#layers[@]} -gt 0 ] || layers=(unit boot guests guests-xen linux domains domains-xen)

# The command line of each layer's runner.
layer_cmd() {
    case $1 in
    guests) echo tests/guests/run.sh --hv xenolith --hv-image xen/xenolith.gz ;;
    guests-xen) echo tests/guests/run.sh --hv xen ;;
    domains) echo tests/domains/run.sh --hv xenolith --hv-image xen/xenolith.gz ;;
    domains-xen) echo tests/domains/run.sh --hv xen ;;
    *) echo "tests/$1/run.sh" ;;
    esac
}
skip=" ${SKIP:-} "
passed=0 failed=0 skipped=0

for layer in "${layers[@]}"; do
    read -r -a cmd <<< "$(layer_cmd "$layer")"
    if [ ! -x "$top/${cmd[0]}" ]; then
        echo "== $layer: ${cmd[0]} not present yet, nothing to run"
        continue
    fi
    if [[ $skip == *" $layer "* ]]; then
        echo "SKIP $layer (SKIP=$SKIP)"
        skipped=$((skipped + 1))
        continue
    fi
    echo "== $layer"
    start=$SECONDS
    summary=
    # Stream the layer's lines; keep its final count instead of echoing it as ours.
    while IFS= read -r line; do
        if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)?$ ]]; then
            summary=$line
            p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]} s=${BASH_REMATCH[4]:-0}
        else
            printf '%s\n' "$line"
        fi
    done < <(cd "$top" && "${cmd[@]}" 2>&1)
    wait $! 2>/dev/null
    status=$?
    if [ -z "$summary" ]; then
        echo "FAIL $layer: ${cmd[*]} ended (status $status) without an \"N passed, N failed\" line"
        failed=$((failed + 1))
        continue
    fi
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $layer: ${cmd[*]} exited with status $status but reported no failure"
        f=1
    fi
    echo "== $layer: $summary ($((SECONDS - start)) s)"
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

[ "$skipped" -gt 0 ] && s=", $skipped skipped" || s=
echo "$passed passed, $failed failed$s"
[ "$failed" -eq 0 ]
