#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Linux boot tests: Debian's own kernel on Xenolith through a GRUB 2 ISO, to a busybox /init.
#
# Usage: tests/linux/run.sh     Unprivileged initial domain here, then the real dom0 (dom0.py). Prints "PASS linux/<name>" or "FAIL linux/<name>: reason" (with the
# last 50 console lines) per test, then "N passed, N failed[, N skipped]". A kernel that cannot
# be fetched (no package registry) is a SKIP with the reason, never a pass.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/tests/linux
mkdir -p "$out"
passed=0 failed=0 skipped=0
timeout=${LINUX_TIMEOUT:-240}

report() {   # name status reason [log]
    case $2 in
    PASS) echo "PASS linux/$1"; passed=$((passed + 1)) ;;
    SKIP) echo "SKIP linux/$1: $3"; skipped=$((skipped + 1)) ;;
    *) echo "FAIL linux/$1: $3"; failed=$((failed + 1))
       [ -n "${4:-}" ] && tail -n 50 "$4" | tr -d '\r' | sed 's/^/    | /' ;;
    esac
}

finish() {
    if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"
    else echo "$passed passed, $failed failed"; fi
    [ "$failed" -eq 0 ]
    exit
}

kernel=$("$top/scripts/get-linux.sh" 2> "$out/get-linux.log")
busybox=$(command -v busybox || true)
if [ -z "$kernel" ] || [ -z "$busybox" ]; then
    why=${kernel:+no busybox (install busybox-static)}
    report unprivileged-qemu64 SKIP "${why:-cannot fetch Debian's kernel: $(tail -n1 "$out/get-linux.log")}"
    report unprivileged-max SKIP "${why:-cannot fetch Debian's kernel}"
    finish
fi

# The initramfs: a static busybox and /init (the same builder as the dom0 tests').
"$top/tests/linux/initramfs.py" "$out/initramfs.gz" --init "$top/tests/linux/init.sh" ||
    { report initramfs FAIL "tests/linux/initramfs.py failed"; finish; }

# name cpu hypervisor-options [kernel]
run() {
    local name=$1 cpu=$2 opts=$3 kernel=${4:-$kernel} log=$out/$1.serial iso=$out/$1.iso
    "$top/scripts/mkiso.sh" "$iso" "$top/xen/xenolith.gz" \
        "console=com1 com1=115200,8n1 loglvl=all noreboot $opts" \
        "$kernel" "console=hvc0 earlyprintk=xen" "$out/initramfs.gz" "" 2> "$out/$name.mkiso" ||
        { report "$name" FAIL "mkiso failed"; return; }
    timeout "$timeout" qemu-system-x86_64 -accel tcg,thread=multi -cpu "$cpu" -smp 2 -m 1024 \
        -nographic -nodefaults -no-reboot -monitor none -cdrom "$iso" -boot d \
        -serial "file:$log" > "$out/$name.qemu" 2>&1
    local rc=$?
    local bad
    bad=$(tr -d '\r' < "$log" | grep -m1 -E 'Kernel panic|Oops|BUG:|crashed:|Panic on CPU|Fatal exception')
    if [ -n "$bad" ]; then report "$name" FAIL "$bad" "$log"; return; fi
    [ "$rc" -eq 124 ] && { report "$name" FAIL "hung: no power-off within ${timeout}s" "$log"; return; }
    for m in 'Run /init as init process' 'XENOLITH-LINUX: userspace reached' \
             'XENOLITH-LINUX: fork\+exec done: 100' 'XENOLITH-LINUX: cpus 2' \
             'XENOLITH-LINUX: powering off' 'Initial domain halted: powering off'; do
        grep -qE "$m" "$log" || { report "$name" FAIL "marker missing: $m" "$log"; return; }
    done
    report "$name" PASS
}

# Unprivileged initial domain first (issue #4).
# Two QEMUs at once; each writes its lines to a file, counted here (subshells cannot count).
tests=(unprivileged-qemu64:qemu64 unprivileged-max:max)
for t in "${tests[@]}"; do
    run "${t%%:*}" "${t##*:}" "dom0_unprivileged dom0_mem=512M dom0_max_vcpus=2" > "$out/${t%%:*}.result" &
done
wait
# Debian's cloud flavour (an LZ4 bzImage) is a domU kernel: it cannot drive devices as dom0 (on Xen
# 4.17 it gets no physical IRQs), so it is tested unprivileged.
if cloud=$("$top/scripts/get-linux.sh" cloud-amd64 2>> "$out/get-linux.log"); then
    tests+=(unprivileged-cloud-qemu64:qemu64)
    run unprivileged-cloud-qemu64 qemu64 "dom0_unprivileged dom0_mem=512M dom0_max_vcpus=2" \
        "$cloud" > "$out/unprivileged-cloud-qemu64.result" &
    wait
else
    report unprivileged-cloud-qemu64 SKIP "cannot fetch Debian's cloud kernel: $(tail -n1 "$out/get-linux.log")"
fi
for t in "${tests[@]}"; do
    r=$out/${t%%:*}.result
    cat "$r"
    passed=$((passed + $(grep -c '^PASS' "$r"))) failed=$((failed + $(grep -c '^FAIL' "$r")))
done

# The real dom0 on Xenolith and its Xen 4.17 mirror (tests/linux/dom0.py prints its own lines).
while IFS= read -r line; do
    if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)?$ ]]; then
        passed=$((passed + BASH_REMATCH[1])) failed=$((failed + BASH_REMATCH[2]))
        skipped=$((skipped + ${BASH_REMATCH[4]:-0}))
        dom0_done=1
    else
        printf '%s\n' "$line"
    fi
done < <("$top/tests/linux/dom0.py" 2>&1)
[ -n "${dom0_done:-}" ] || report dom0 FAIL "tests/linux/dom0.py ended without a summary line"
finish
