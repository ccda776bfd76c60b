#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Run every test layer (unit, boot, guests) and end with one line: "N passed, N failed[, N skipped]".
#
# Usage: tests/run-all.sh [LAYER ...]         (default: every layer whose run.sh exists)
# SKIP="guests boot" leaves layers out (each counts as one skipped). Exit status 1 if anything failed.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
layers=("$@")
[ ${#layers[@]} -gt 0 ] || layers=(unit boot guests)
skip=" ${SKIP:-} "
passed=0 failed=0 skipped=0

for layer in "${layers[@]}"; do
    runner=$top/tests/$layer/run.sh
    if [ ! -x "$runner" ]; then
        echo "== $layer: tests/$layer/run.sh not present yet, nothing to run"
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
    done < <(cd "$top" && "$runner" 2>&1)
    wait $! 2>/dev/null
    status=$?
    if [ -z "$summary" ]; then
        echo "FAIL $layer: tests/$layer/run.sh ended (status $status) without an \"N passed, N failed\" line"
        failed=$((failed + 1))
        continue
    fi
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $layer: tests/$layer/run.sh exited with status $status but reported no failure"
        f=1
    fi
    echo "== $layer: $summary ($((SECONDS - start)) s)"
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

[ "$skipped" -gt 0 ] && s=", $skipped skipped" || s=
echo "$passed passed, $failed failed$s"
[ "$failed" -eq 0 ]
