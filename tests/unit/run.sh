#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Build and run every host unit test: one "PASS unit/<name>" or "FAIL unit/<name>: reason" each, then the totals.
cd "$(dirname "$0")" || exit 1
pass=0
fail=0
for src in test_*.c; do
    name=${src#test_}
    name=${name%.c}
    if ! err=$(make -s "build/test_$name" 2>&1); then
        echo "FAIL unit/$name: does not build: $(echo "$err" | grep -m1 -E 'error|Error' || echo "$err" | head -n 1)"
        fail=$((fail + 1))
        continue
    fi
    out=$(ASAN_OPTIONS=detect_leaks=0 "./build/test_$name" 2>&1)
    rc=$?
    if [ $rc -eq 0 ]; then
        echo "PASS unit/$name"
        pass=$((pass + 1))
    else
        reason=$(echo "$out" | grep -m1 '^FAIL:' | sed 's/^FAIL: //')
        [ -n "$reason" ] || reason="exit status $rc: $(echo "$out" | grep -m1 -E 'ERROR|error|runtime' || echo "$out" | tail -n 1)"
        echo "FAIL unit/$name: $reason"
        [ -n "$VERBOSE" ] && echo "$out" | sed 's/^/    /'
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
