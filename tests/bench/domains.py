#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# Interdomain event round trip between two boot-time domains on one CPU (Xenolith only).
"""Usage: tests/bench/domains.py   (part of make bench; BENCH_RUNS boots, default 3)

Boots tests/domains/evtchn-pingpong (two domains from a device tree, -smp 1) and reads the ping
domain's "ping: N round trips in X us (Y ns each)". On one CPU every round trip is two switches
between the domains plus two event deliveries, so half of it bounds the domain-to-domain
context-switch cost from above. Xen 4.17 cannot boot domains from a device tree on x86, so there
is no Xen column here; the single-domain vCPU switch (vcpuswitch.py) is the comparison with Xen."""
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..'))
RUNS = int(os.environ.get('BENCH_RUNS', '3'))
LOG = os.path.join(TOP, 'build', 'domains', 'xenolith', 'evtchn-pingpong.serial')
FIGURE = re.compile(r'ping: (\d+) round trips in (\d+) us \((\d+) ns each\)')


def main():
    samples = []
    for _ in range(RUNS):
        r = subprocess.run([os.path.join(TOP, 'tests', 'domains', 'run.sh'), '--hv', 'xenolith',
                            '--hv-image', os.path.join(TOP, 'xen', 'xenolith.gz'),
                            'evtchn-pingpong'], stdout=subprocess.PIPE, text=True)
        m = FIGURE.search(open(LOG, errors='replace').read()) if os.path.exists(LOG) else None
        if r.returncode or not m:
            print('  evtchn-pingpong did not finish (see %s)' % LOG)
            continue
        samples.append(int(m.group(3)))
    if not samples:
        return 1
    rt = statistics.median(samples)
    print('Interdomain events, two boot-time domains on one CPU, median of %d boots (TCG, -cpu '
          'qemu64 -smp 1):' % len(samples))
    print('  event round trip        %8.1f us  (%d/s)' % (rt / 1000, 1e9 / rt))
    print('  domain switch (bound)   %8.1f us  (half a round trip)' % (rt / 2000))
    return 0


if __name__ == '__main__':
    sys.exit(main())
