#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# Context-switch cost between two vCPUs on one physical CPU, on Xenolith and on Xen 4.17.
"""Usage: tests/bench/vcpuswitch.py   (part of make bench)

Boots tests/bench/guests/vcpuswitch as a two-vCPU initial domain on a one-CPU machine (-cpu qemu64
-m 512M -smp 1, dom0_max_vcpus=2), BENCH_RUNS times (default 5), and prints the median of its
"BENCH vcpu_switch_ns <ns>" line: half an event-channel IPI round trip between the two vCPUs, each
blocked in SCHEDOP_poll while the other runs (so one switch plus one send and one poll)."""
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'boot'))
import qemu  # noqa: E402
from bench import xen_image  # noqa: E402
from pvops import kernel, XEN_NO_MITIGATIONS  # noqa: E402

RUNS = int(os.environ.get('BENCH_RUNS', '5'))
CONSOLE = 'console=com1 com1=115200,8n1 loglvl=all noreboot dom0_mem=64M,max:64M dom0_max_vcpus=2'
OUT = os.path.join(qemu.BUILD, 'bench')


def run(label, image, elf, extra='', console=CONSOLE, figure=r'BENCH vcpu_switch_ns (\d+)', name='vcpuswitch'):
    """Median over RUNS boots of the number `figure` (a regex, group 1) prints; None if never."""
    iso = qemu.build_iso(image, console + extra, [(elf, '')])
    samples = []
    for r in range(RUNS):
        log = os.path.join(OUT, '%s-%s-%d.log' % (name, label, r))
        b = qemu.run(qemu.qemu_argv('iso', 1, '512M', 'qemu64', iso=iso), timeout=180,
                     stop_at=r'Test result:', grace=0.3, log=log)
        hit = b.find(figure)
        if hit:
            samples.append(int(re.search(figure, hit.text).group(1)))
        verdict = b.find(r'Test result:')
        if verdict and 'SUCCESS' not in verdict.text:
            print('  %s run %d: %s (see %s)' % (label, r, verdict.text.strip(), log))
    return statistics.median(samples) if samples else None


def main():
    os.makedirs(OUT, exist_ok=True)
    elf = os.path.join(os.path.dirname(kernel()), 'vcpuswitch.elf')
    ours = run('xenolith', os.path.join(qemu.HV_DIR, 'xenolith.gz'), elf)
    ximg = xen_image()
    theirs = run('xen', ximg, elf) if ximg else None
    bare = run('xen-nomitig', ximg, elf, XEN_NO_MITIGATIONS) if ximg else None
    print('\nvCPU context switch on one CPU, ns (median of %d boots; -cpu qemu64, TCG)' % RUNS)
    print('| Xenolith | Xen 4.17 | Xen 4.17, mitigations off |')
    print('|---|---|---|')
    print('| %s | %s | %s |' % (ours or '-', theirs or '-', bare or '-'))


if __name__ == '__main__':
    main()
