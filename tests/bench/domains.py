#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# Two boot-time domains on one CPU: interdomain event round trip and yield switch cost (Xenolith only).
"""Usage: tests/bench/domains.py   (part of make bench; BENCH_RUNS boots of each, default 3)

evtchn-pingpong: boots tests/domains/evtchn-pingpong (two domains from a device tree, -smp 1)
and reads the ping domain's "ping: N round trips in X us (Y ns each)". On one CPU every round
trip is two switches between the domains plus two event deliveries, so half of it bounds the
domain-to-domain context-switch cost from above.

yield-switch: boots tests/domains/yield-switch. Domain a first yields alone for a second (no
rival: the hypercall and the scheduler's decision, no switch), then both yield for a second,
each counting its yields and the yields that switched it out (its runstate area's
state_entry_time changed). With N yields and S switches in the paired window of T ns, and a
cost y per yield from the control, one switch costs (T - N*y) / S; the same in TSC cycles.

Xen 4.17 cannot boot domains from a device tree on x86, so there is no Xen column here; the
single-domain vCPU switch (vcpuswitch.py) is the comparison with Xen."""
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..'))
RUNS = int(os.environ.get('BENCH_RUNS', '3'))
PING = re.compile(r'ping: (\d+) round trips in (\d+) us \((\d+) ns each\)')
YIELD = re.compile(r'\(d\d+:yield-(\w)\) yield (alone|paired): (\d+) yields, (\d+) switched away, '
                   r'in (\d+) ns, (\d+) cycles')


def boot(test):
    """Serial log of one boot of tests/domains/<test>, or None if it did not pass."""
    log = os.path.join(TOP, 'build', 'domains', 'xenolith', test + '.serial')
    r = subprocess.run([os.path.join(TOP, 'tests', 'domains', 'run.sh'), '--hv', 'xenolith',
                        '--hv-image', os.path.join(TOP, 'xen', 'xenolith.gz'), test],
                       stdout=subprocess.PIPE, text=True)
    text = open(log, errors='replace').read() if os.path.exists(log) else ''
    if r.returncode:
        print('  %s did not pass (see %s)' % (test, log))
        return None
    return text


def yield_costs(text):
    """(control ns, control cycles, switch ns, switch cycles, elapsed/switches ns) of one boot."""
    rows = {(m.group(1), m.group(2)): [int(x) for x in m.groups()[2:]] for m in YIELD.finditer(text)}
    if not all(k in rows for k in (('a', 'alone'), ('a', 'paired'), ('b', 'paired'))):
        return None
    n0, _, t0, c0 = rows[('a', 'alone')]
    pa, pb = rows[('a', 'paired')], rows[('b', 'paired')]
    n, s = pa[0] + pb[0], pa[1] + pb[1]
    t, c = (pa[2] + pb[2]) / 2, (pa[3] + pb[3]) / 2
    y_ns, y_cyc = t0 / n0, c0 / n0
    return y_ns, y_cyc, (t - n * y_ns) / s, (c - n * y_cyc) / s, t / s


def main():
    rts, ys = [], []
    for _ in range(RUNS):
        text = boot('evtchn-pingpong')
        m = PING.search(text or '')
        if m:
            rts.append(int(m.group(3)))
        text = boot('yield-switch')
        y = yield_costs(text or '')
        if y:
            ys.append(y)
        elif text is not None:
            print('  yield-switch printed no figures')
    if rts:
        rt = statistics.median(rts)
        print('Interdomain events, two boot-time domains on one CPU, median of %d boots (TCG, -cpu '
              'qemu64 -smp 1):' % len(rts))
        print('  event round trip        %8.1f us  (%d/s)' % (rt / 1000, 1e9 / rt))
        print('  domain switch (bound)   %8.1f us  (half a round trip)' % (rt / 2000))
    if ys:
        med = [statistics.median(col) for col in zip(*ys)]
        print('SCHEDOP_yield between two boot-time domains on one CPU, median of %d boots:' % len(ys))
        print('  yield alone (control)   %8.2f us  %8d cycles' % (med[0] / 1000, med[1]))
        print('  domain switch           %8.2f us  %8d cycles  (control subtracted)' % (med[2] / 1000, med[3]))
        print('  elapsed / switches      %8.2f us' % (med[4] / 1000))
    return 0 if rts and ys else 1


if __name__ == '__main__':
    sys.exit(main())
