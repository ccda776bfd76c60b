#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# Cycles per PV operation, from the pvops benchmark kernel, on Xenolith and on Xen 4.17.
"""Usage: tests/bench/pvops.py   (part of make bench)

Boots tests/bench/guests/pvops as the initial domain through the same GRUB 2 ISO on each
hypervisor (-cpu qemu64 -m 512M -smp 1), BENCH_RUNS times (default 5), and prints the median of
each "BENCH <name> <cycles>" line (each already a median of 9 batches of 2000 operations inside
the guest), and the ratio Xenolith / Xen. An operation a hypervisor cannot do yet is shown as '-'.
Xen runs twice: as Debian ships it (speculative-execution mitigations on, as a sysadmin gets it) and
with `spec-ctrl=no xpti=false pv-l1tf=false`, the like-for-like comparison while Xenolith has none."""
import os
import re
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'boot'))
import qemu  # noqa: E402
from bench import xen_image  # noqa: E402

RUNS = int(os.environ.get('BENCH_RUNS', '5'))
OPS = ('null_hypercall', 'mmu_update_pte', 'evtchn_send_self_upcall', 'user_syscall_bounce',
       'grant_map_unmap', 'grant_copy_4k')
CONSOLE = 'console=com1 com1=115200,8n1 loglvl=all noreboot dom0_mem=64M,max:64M dom0_max_vcpus=1'
OUT = os.path.join(qemu.BUILD, 'bench')


def kernel():
    subprocess.run(['make', '-s', '-C', os.path.join(qemu.TOP, 'tests', 'guests'), 'bench'],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(qemu.TOP, 'tests', 'guests', 'build', 'bench', 'pvops.elf')


XEN_NO_MITIGATIONS = ' spec-ctrl=no xpti=false pv-l1tf=false'


def run(label, image, elf, extra=''):
    iso = qemu.build_iso(image, CONSOLE + extra, [(elf, '')])
    samples = {op: [] for op in OPS}
    for r in range(RUNS):
        log = os.path.join(OUT, 'pvops-%s-%d.log' % (label, r))
        b = qemu.run(qemu.qemu_argv('iso', 1, '512M', 'qemu64', iso=iso), timeout=180,
                     stop_at=r'Test result:', grace=0.3, log=log)
        for op in OPS:
            hit = b.find(r'BENCH %s (\d+)' % op)
            if hit:
                samples[op].append(int(re.search(r'BENCH %s (\d+)' % op, hit.text).group(1)))
        verdict = b.find(r'Test result:')
        if verdict and 'SUCCESS' not in verdict.text:
            print('  %s run %d: %s (see %s)' % (label, r, verdict.text.strip(), log))
    return {op: statistics.median(v) if v else None for op, v in samples.items()}


def main():
    os.makedirs(OUT, exist_ok=True)
    elf = kernel()
    ours = run('xenolith', os.path.join(qemu.HV_DIR, 'xenolith.gz'), elf)
    ximg = xen_image()
    none = {op: None for op in OPS}
    theirs = run('xen', ximg, elf) if ximg else none
    bare = run('xen-nomitig', ximg, elf, XEN_NO_MITIGATIONS) if ximg else none
    print('\nPV operation costs, cycles (median of %d boots; -cpu qemu64, TCG)' % RUNS)
    print('| operation | Xenolith | Xen 4.17 | ratio | Xen 4.17, mitigations off | ratio |')
    print('|---|---|---|---|---|---|')

    def ratio(a, b):
        return '%.2f' % (a / b) if a and b else '-'
    for op in OPS:
        a, b, c = ours[op], theirs[op], bare[op]
        print('| %s | %s | %s | %s | %s | %s |' % (op, a or '-', b or '-', ratio(a, b), c or '-',
                                                  ratio(a, c)))


if __name__ == '__main__':
    main()
