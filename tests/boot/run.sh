#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Boot-test layer entry point (same contract as the other layers); arguments go to run.py.
exec python3 "$(dirname "$0")/run.py" "$@"
