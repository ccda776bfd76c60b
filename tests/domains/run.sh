#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot each multi-domain test (a device tree of boot-time domains) under a hypervisor in QEMU and report.
#
# Usage: tests/domains/run.sh --hv xenolith|xen [--hv-image PATH] [--hv-cmdline STR]
#                             [--cpu MODEL] [--timeout SECONDS] [TEST...]
#   TEST       folder names under tests/domains (default: all)
# A test folder holds domains.dts (compiled with dtc, multiboot module 0), usually main.c (the test
# kernel, module 1) and optionally: modules (further modules, one per line: a path relative to the
# folder or guest:<name> for tests/guests/build/<name>.elf, then its command line), qemu-options
# (e.g. "-smp 2"), xenolith-options (hypervisor command-line words), timeout (seconds), expect.
# Every domain of the tree must have a xenolith,name; the test passes when each one printed exactly
# one "(d<id>:<name>) Test result: SUCCESS" and the machine then powered off. With an `expect` file
# (a tree the hypervisor must refuse) it passes when every line of that file is in the serial log.
# See tests/guests/README.md.
# Xen 4.17 cannot build domains from a device tree on x86, so --hv xen reports each test as SKIP.
# Prints PASS/FAIL/SKIP domains/<hv>/<test> lines and ends with "N passed, N failed[, N skipped]".
# Serial logs are kept in build/domains/<hv>/<test>.serial.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/tests/domains
hv=
hv_image=
hv_cmdline="console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all noreboot"
cpu=qemu64
timeout=
tests=()

usage() { sed -n '4,18p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

while [ $# -gt 0 ]; do
    case $1 in
    --hv) hv=$2; shift 2 ;;
    --hv-image) hv_image=$2; shift 2 ;;
    --hv-cmdline) hv_cmdline=$2; shift 2 ;;
    --cpu) cpu=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "run.sh: unknown option $1" >&2; usage ;;
    *) tests+=("$1"); shift ;;
    esac
done
[ ${#tests[@]} -gt 0 ] || for d in "$here"/*/; do [ -f "$d/domains.dts" ] && tests+=("$(basename "$d")"); done

passed=0 failed=0 skipped=0
finish() {
    if [ "$skipped" -gt 0 ]; then
        echo "$passed passed, $failed failed, $skipped skipped"
    else
        echo "$passed passed, $failed failed"
    fi
    [ "$failed" -eq 0 ]
    exit
}

case $hv in
xen)
    for t in "${tests[@]}"; do
        echo "SKIP domains/xen/$t: Xen 4.17 has no device-tree (hyperlaunch) boot on x86; Xenolith only"
        skipped=$((skipped + 1))
    done
    finish ;;
xenolith)
    : "${hv_image:=${XENOLITH_IMAGE:-}}"
    [ -n "$hv_image" ] && [ -f "$hv_image" ] || { echo "run.sh: --hv xenolith needs --hv-image PATH" >&2; exit 2; }
    ;;
*) usage ;;
esac
command -v dtc >/dev/null || { echo "run.sh: dtc not found (scripts/install-deps.sh installs device-tree-compiler)" >&2; exit 2; }
make -s -C "$top/tests/guests" all domains >&2 || { echo "run.sh: building the test kernels failed" >&2; exit 2; }

out=$top/build/domains/xenolith
mkdir -p "$out"

# Words of a per-test file, comments dropped.
words() { [ -f "$1" ] && grep -v '^#' "$1" | tr -s ' \t\n' ' ' | sed 's/^ //; s/ $//'; }

# Boot one test; print its PASS/FAIL line and set $status.
run_one() {
    local t=$1 dir=$here/$1 log=$out/$1.serial
    local elf=$top/tests/guests/build/domains/$1.elf
    status=FAIL
    if [ ! -f "$dir/domains.dts" ]; then
        echo "FAIL domains/xenolith/$t: no such test (no tests/domains/$t/domains.dts)"
        return
    fi
    if ! dtc -q -W no-unit_address_vs_reg -I dts -O dtb -o "$out/$t.dtb" "$dir/domains.dts" 2> "$out/$t.dtc"; then
        echo "FAIL domains/xenolith/$t: dtc: $(head -n1 "$out/$t.dtc")"
        return
    fi
    local names
    names=$(grep -o 'xenolith,name *= *"[^"]*"' "$dir/domains.dts" | sed 's/.*"\(.*\)"/\1/')
    if [ -z "$names" ] && [ ! -f "$dir/expect" ]; then
        echo "FAIL domains/xenolith/$t: domains.dts names no domain (xenolith,name)"
        return
    fi
    local mods=("$out/$t.dtb" "")
    [ -f "$dir/main.c" ] && mods+=("$elf" "")
    if [ -f "$dir/modules" ]; then
        while read -r file args; do
            case $file in ''|'#'*) continue ;; guest:*) file=$top/tests/guests/build/${file#guest:}.elf ;;
            *) file=$dir/$file ;; esac
            mods+=("$file" "$args")
        done < "$dir/modules"
    fi
    local cmdline=$hv_cmdline
    [ -f "$dir/xenolith-options" ] && cmdline="$cmdline $(words "$dir/xenolith-options")"
    if ! "$top/scripts/mkiso.sh" "$out/$t.iso" "$hv_image" "$cmdline" "${mods[@]}" 2> "$out/$t.mkiso"; then
        echo "FAIL domains/xenolith/$t: mkiso failed: $(tail -n1 "$out/$t.mkiso")"
        return
    fi
    local secs=${timeout:-$(cat "$dir/timeout" 2>/dev/null || echo 120)}
    local qopts
    read -r -a qopts <<< "$(words "$dir/qemu-options")"
    : > "$log"
    local start=$SECONDS
    timeout "$((secs + 10))" qemu-system-x86_64 -accel tcg,thread=multi -cpu "$cpu" -m 512M -nographic \
        -nodefaults -no-reboot -monitor none -cdrom "$out/$t.iso" -boot d -serial "file:$log" \
        "${qopts[@]}" > "$out/$t.qemu" 2>&1 &
    local qpid=$!
    # Until power-off (QEMU exits), a stop with noreboot, or the timeout.
    while kill -0 "$qpid" 2>/dev/null; do
        grep -qE 'at least one crashed|Panic on CPU|Boot domains: not starting' "$log" && { sleep 0.5; break; }
        [ $((SECONDS - start)) -ge "$secs" ] && break
        sleep 0.2
    done
    kill "$qpid" 2>/dev/null
    wait "$qpid" 2>/dev/null
    local clean; clean=$(tr -d '\r' < "$log")

    local why= skip= n name line
    if [ -f "$dir/expect" ]; then
        while IFS= read -r line; do
            [ -z "$line" ] || grep -qF -- "$line" <<< "$clean" || why="${why:+$why; }no line \"$line\""
        done < "$dir/expect"
        names=
    fi
    for name in $names; do
        line=$(grep -E "^(\(XENO\).*)?\(d[0-9]+:$name\) Test result:" <<< "$clean" | sed 's/.*Test result: //')
        n=$(grep -c . <<< "$line")
        if [ "$n" -eq 0 ]; then
            why="${why:+$why; }$name: no verdict"
        elif [ "$n" -gt 1 ]; then
            why="${why:+$why; }$name: $n verdicts"
        else
            case $line in
            SUCCESS*) ;;
            SKIP*) skip="${skip:+$skip; }$name: ${line#SKIP: }" ;;
            *) why="${why:+$why; }$name: $line" ;;
            esac
        fi
    done
    if [ -z "$why" ] && [ ! -f "$dir/expect" ] && ! grep -q 'All boot-time domains stopped: powering off' <<< "$clean"; then
        why="the machine did not power off after the last domain stopped"
    fi
    if [ -n "$why" ]; then
        echo "FAIL domains/xenolith/$t: $why ($((SECONDS - start)) s); last serial lines:"
        tail -n 30 <<< "$clean" | sed 's/^/    | /'
    elif [ -n "$skip" ]; then
        echo "SKIP domains/xenolith/$t: $skip"
        status=SKIP
    else
        echo "PASS domains/xenolith/$t ($((SECONDS - start)) s)"
        status=PASS
    fi
}

for t in "${tests[@]}"; do
    run_one "$t"
    case $status in
    PASS) passed=$((passed + 1)) ;;
    SKIP) skipped=$((skipped + 1)) ;;
    *) failed=$((failed + 1)) ;;
    esac
done
finish
