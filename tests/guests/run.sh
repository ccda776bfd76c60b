#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot each PV test kernel as the initial domain under a hypervisor in QEMU and report.
#
# Usage: tests/guests/run.sh --hv xen|xenolith [--hv-image PATH] [--hv-cmdline STR]
#                            [--cpu MODEL] [--timeout SECONDS] [--jobs N] [--keep] [TEST...]
#   TEST       test folder names under tests/guests (default: all)
#   --hv-image hypervisor image for GRUB's multiboot2 (default for xen: scripts/get-xen.sh;
#              for xenolith: $XENOLITH_IMAGE)
#   --timeout  seconds to wait for the verdict per test (default 90)
#   --jobs     QEMU instances at once (default 2, at most 2)
# A test folder may hold `xenolith-options`: its words are appended to the Xenolith command
# line for that test only (e.g. dom0_unprivileged); Xen runs ignore it. `hv-options` words go
# to both hypervisors; a dom0_max_vcpus=N there also gives QEMU N CPUs (-smp N). A
# `xenolith-expect` file lists extended regexes (one a line, # comments) that Xenolith's serial log
# must match for a SUCCESS verdict to pass (its hypervisor messages; Xen runs ignore it).
# Prints "PASS guests/<hv>/<test>" / "FAIL guests/<hv>/<test>: <reason>" /
# "SKIP guests/<hv>/<test>: <reason>" per test and ends with "N passed, N failed[, N skipped]".
# Serial logs are kept in build/guests/<hv>/<test>.serial. Exit status 0 iff nothing failed.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
hv=
hv_image=
hv_cmdline=
cpu=qemu64
timeout=90
jobs=2
tests=()

usage() { sed -n '4,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

while [ $# -gt 0 ]; do
    case $1 in
    --hv) hv=$2; shift 2 ;;
    --hv-image) hv_image=$2; shift 2 ;;
    --hv-cmdline) hv_cmdline=$2; shift 2 ;;
    --cpu) cpu=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "run.sh: unknown option $1" >&2; usage ;;
    *) tests+=("$1"); shift ;;
    esac
done

case $hv in
xen)
    [ -n "$hv_image" ] || hv_image=$("$top/scripts/get-xen.sh") || exit 2
    : "${hv_cmdline:=console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all noreboot dom0_mem=64M,max:64M dom0_max_vcpus=1}"
    ;;
xenolith)
    : "${hv_image:=${XENOLITH_IMAGE:-}}"
    [ -n "$hv_image" ] || { echo "run.sh: --hv xenolith needs --hv-image or XENOLITH_IMAGE" >&2; exit 2; }
    : "${hv_cmdline:=console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all noreboot dom0_mem=64M,max:64M dom0_max_vcpus=1}"
    ;;
*) usage ;;
esac
[ -f "$hv_image" ] || { echo "run.sh: no hypervisor image at $hv_image" >&2; exit 2; }
[ "$jobs" -ge 1 ] && [ "$jobs" -le 2 ] || jobs=2

make -s -C "$top/tests/guests" all >&2 || { echo "run.sh: building the test kernels failed" >&2; exit 2; }
[ ${#tests[@]} -gt 0 ] || read -r -a tests <<< "$(make -s -C "$top/tests/guests" list)"
# Each test once (results are kept per name).
read -r -a tests <<< "$(printf '%s\n' "${tests[@]}" | awk '!seen[$0]++' | tr '\n' ' ')"

out=$top/build/guests/$hv
mkdir -p "$out"

# Boot one test; write "<STATUS>\t<message>" to $out/<test>.result.
run_one() {
    local t=$1 elf=$top/tests/guests/build/$1.elf
    local iso=$out/$t.iso log=$out/$t.serial res=$out/$t.result
    local start end qpid verdict=

    rm -f "$log" "$res"
    if [ ! -f "$elf" ]; then
        printf 'FAIL\tno such test\n' > "$res"
        return
    fi
    local cmdline=$hv_cmdline opts=$top/tests/guests/$t/xenolith-options both=$top/tests/guests/$t/hv-options
    local smp=1 words
    if [ -f "$both" ]; then
        words=$(grep -v '^#' "$both" | tr -s ' \t\n' ' ' | sed 's/^ //; s/ $//')
        cmdline="$cmdline $words"
        smp=$(printf '%s\n' $words | sed -n 's/^dom0_max_vcpus=\([0-9]*\)$/\1/p' | tail -n1)
        [ -n "$smp" ] || smp=1
    fi
    if [ "$hv" = xenolith ] && [ -f "$opts" ]; then
        cmdline="$cmdline $(grep -v '^#' "$opts" | tr -s ' \t\n' ' ' | sed 's/^ //; s/ $//')"
    fi
    if ! "$top/scripts/mkiso.sh" "$iso" "$hv_image" "$cmdline" "$elf" "" 2> "$out/$t.mkiso"; then
        printf 'FAIL\tmkiso failed: %s\n' "$(tail -n1 "$out/$t.mkiso")" > "$res"
        return
    fi
    start=$(date +%s%N)
    : > "$log"
    qemu-system-x86_64 -accel tcg,thread=multi -cpu "$cpu" -smp "$smp" -m 512M -nographic -nodefaults \
        -no-reboot -monitor none -cdrom "$iso" -boot d -serial "file:$log" \
        > "$out/$t.qemu" 2>&1 &
    qpid=$!
    while :; do
        if grep -q 'Test result:' "$log" 2>/dev/null; then
            sleep 0.3   # let a duplicate verdict show up
            verdict=found
            break
        fi
        if grep -qE 'Dom0 (crashed|shutdown)|Panic on CPU|domain_crash' "$log" 2>/dev/null; then
            sleep 0.5
            grep -q 'Test result:' "$log" && verdict=found
            break
        fi
        if ! kill -0 "$qpid" 2>/dev/null; then
            # QEMU exited (Xenolith powers off after the verdict): read the log one last time.
            grep -q 'Test result:' "$log" 2>/dev/null && verdict=found
            break
        fi
        if [ $(( ($(date +%s%N) - start) / 1000000000 )) -ge "$timeout" ]; then
            break
        fi
        sleep 0.1
    done
    kill "$qpid" 2>/dev/null
    wait "$qpid" 2>/dev/null
    end=$(date +%s%N)
    local ms=$(( (end - start) / 1000000 ))
    echo "$ms" > "$out/$t.ms"

    if [ -z "$verdict" ]; then
        local why="no verdict after $((ms / 1000)).$(printf '%03d' $((ms % 1000)))s"
        grep -qE 'Dom0 crashed|Panic on CPU|domain_crash' "$log" && why="crashed before a verdict"
        {
            printf 'FAIL\tERROR: %s; last serial lines:\n' "$why"
            tail -n 30 "$log" | tr -d '\r' | sed 's/^/    | /'
        } > "$res"
        return
    fi
    local lines n
    lines=$(tr -d '\r' < "$log" | grep -o 'Test result:.*')
    n=$(printf '%s\n' "$lines" | wc -l)
    local line=${lines%%$'\n'*}
    local what=${line#Test result: }
    if [ "$n" -ne 1 ]; then
        printf 'FAIL\t%d verdict lines (first: %s)\n' "$n" "$what" > "$res"
        return
    fi
    # Xenolith's own console lines a test needs (its hypervisor messages differ from Xen's).
    local expect=$top/tests/guests/$t/xenolith-expect pat
    if [ "$hv" = xenolith ] && [ -f "$expect" ] && [ "${what%%:*}" = SUCCESS ]; then
        while IFS= read -r pat; do
            case $pat in ''|'#'*) continue ;; esac
            if ! tr -d '\r' < "$log" | grep -qE -- "$pat"; then
                printf 'FAIL\tserial log has no line matching: %s\n' "$pat" > "$res"
                return
            fi
        done < "$expect"
    fi
    case $what in
    SUCCESS*) printf 'PASS\t\n' > "$res" ;;
    SKIP*) printf 'SKIP\t%s\n' "${what#SKIP}" | sed 's/\t: /\t/' > "$res" ;;
    FAILURE*|ERROR*) printf 'FAIL\t%s\n' "$what" > "$res" ;;
    *) printf 'FAIL\tunknown verdict: %s\n' "$what" > "$res" ;;
    esac
}

report() {
    local t=$1 res=$top/build/guests/$hv/$1.result status msg
    IFS=$'\t' read -r status msg < "$res"
    case $status in
    PASS) echo "PASS guests/$hv/$t"; passed=$((passed + 1)) ;;
    SKIP) echo "SKIP guests/$hv/$t: $msg"; skipped=$((skipped + 1)) ;;
    *) echo "FAIL guests/$hv/$t: $msg"; tail -n +2 "$res"; failed=$((failed + 1)) ;;
    esac
}

passed=0 failed=0 skipped=0
t0=$(date +%s%N)
pending=()
for t in "${tests[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        wait -n
        for p in "${pending[@]}"; do
            [ -f "$out/$p.result" ] && [ ! -f "$out/$p.reported" ] && { report "$p"; touch "$out/$p.reported"; }
        done
    done
    rm -f "$out/$t.result" "$out/$t.reported"
    pending+=("$t")
    # Tests Xenolith cannot run yet are listed with the missing feature; they are not booted.
    why=$([ "$hv" = xenolith ] && awk -v t="$t" '$1 == t { $1 = ""; sub(/^ /, ""); print; exit }' \
          "$top/tests/guests/xenolith-pending.txt" 2>/dev/null)
    if [ -n "$why" ]; then
        printf 'SKIP\tnot yet on Xenolith: %s\n' "$why" > "$out/$t.result"
        continue
    fi
    run_one "$t" &
done
wait
for p in "${pending[@]}"; do
    [ -f "$out/$p.reported" ] || { report "$p"; touch "$out/$p.reported"; }
done

total_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "time: ${#tests[@]} tests in $((total_ms / 1000)).$(printf '%03d' $((total_ms % 1000)))s with $jobs QEMU at a time"
if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
