#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make bench: boot-time, footprint, PV-operation and Linux dom0 figures against Xen 4.17 and native
# (never a pass/fail test).
python3 "$(dirname "$0")/bench.py" "$@" || exit
python3 "$(dirname "$0")/pvops.py" || exit
python3 "$(dirname "$0")/vcpuswitch.py" || exit
python3 "$(dirname "$0")/domains.py" || exit
python3 "$(dirname "$0")/domu.py" || exit
exec python3 "$(dirname "$0")/linux.py"
