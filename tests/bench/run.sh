#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make bench: boot-time and footprint figures against Xen 4.17 (never a pass/fail test).
python3 "$(dirname "$0")/bench.py" "$@" || exit
python3 "$(dirname "$0")/pvops.py" || exit
exec python3 "$(dirname "$0")/vcpuswitch.py"
