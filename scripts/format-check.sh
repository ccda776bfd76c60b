#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Report clang-format deviations (.clang-format) per C file; warns only, unless STRICT=1.
#
# Usage: scripts/format-check.sh [FILE ...]   (default: every tracked .c/.h file)
# Prints "<warnings> <file>" for each file that deviates, then a total. Files added since
# BASE (default: the merge base with main) are listed as "new"; STRICT=1 fails when a new
# file deviates, so the style can be enforced on new code without reformatting old code.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
command -v clang-format >/dev/null || { echo "format-check: clang-format not installed (scripts/install-deps.sh)"; exit 0; }

if [ $# -gt 0 ]; then
    files=("$@")
else
    mapfile -t files < <(git ls-files '*.c' '*.h')
fi
base=${BASE:-$(git merge-base HEAD main 2>/dev/null || true)}
new=" "
[ -n "$base" ] && new+="$(git diff --name-only --diff-filter=A "$base" -- '*.c' '*.h' | tr '\n' ' ')"
new+="$(git ls-files --others --exclude-standard -- '*.c' '*.h' | tr '\n' ' ')"

total=0 bad_new=0 nfiles=0
for f in "${files[@]}"; do
    [ -f "$f" ] || continue
    n=$(clang-format --dry-run "$f" 2>&1 | grep -c 'warning:' || true)
    nfiles=$((nfiles + 1))
    [ "$n" -gt 0 ] || continue
    total=$((total + n))
    if [[ $new == *" $f "* ]]; then
        echo "$n $f (new)"
        bad_new=$((bad_new + 1))
    else
        echo "$n $f"
    fi
done
echo "format-check: $total clang-format warnings in $nfiles files; $bad_new new files deviate"
echo "format-check: see one file's changes with: clang-format FILE | diff FILE -"
if [ "${STRICT:-0}" = 1 ] && [ "$bad_new" -gt 0 ]; then
    exit 1
fi
