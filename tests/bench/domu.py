#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# Interdomain event round trip between dom0 and a domU it built, on one CPU, on Xenolith and Xen 4.17.
"""Usage: tests/bench/domu.py   (part of make bench; BENCH_RUNS boots, default 5)

Boots the guest test tests/guests/domu-evtchn-pingpong as dom0 (-cpu qemu64 -m 512M -smp 1): it
builds a PV domU with hypercalls only (tests/guests/runtime/domu_build.c), then bounces 10,000
events with it and prints "ping: N round trips with dX in T us (Y ns each)". On one CPU each round
trip is two dom0<->domU switches plus two sends and two polls, so half of it bounds the switch cost
from above. The same kernel runs on both hypervisors: this is the two-domain comparison with Xen
that device-tree domains (tests/bench/domains.py) cannot give."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'boot'))
import qemu  # noqa: E402
from bench import xen_image  # noqa: E402
from pvops import XEN_NO_MITIGATIONS  # noqa: E402
import vcpuswitch  # noqa: E402

CONSOLE = 'console=com1 com1=115200,8n1 loglvl=all noreboot dom0_mem=64M,max:64M dom0_max_vcpus=1'
FIGURE = r'ping: \d+ round trips with d\d+ in \d+ us \((\d+) ns each\)'


def main():
    os.makedirs(vcpuswitch.OUT, exist_ok=True)
    guests = os.path.join(qemu.TOP, 'tests', 'guests')
    elf = os.path.join(guests, 'build', 'domu-evtchn-pingpong.elf')
    subprocess.run(['make', '-s', '-C', guests, elf], check=True, stdout=subprocess.DEVNULL)

    def run(label, image, extra=''):
        return vcpuswitch.run(label, image, elf, extra, CONSOLE, FIGURE, 'domu')
    ours = run('xenolith', os.path.join(qemu.HV_DIR, 'xenolith.gz'))
    ximg = xen_image()
    theirs = run('xen', ximg) if ximg else None
    bare = run('xen-nomitig', ximg, XEN_NO_MITIGATIONS) if ximg else None

    def us(ns, div=1):
        return '%.1f' % (ns / div / 1000) if ns else '-'
    print('\ndom0 <-> built domU on one CPU, us (median of %d boots; -cpu qemu64, TCG)' % vcpuswitch.RUNS)
    print('| figure | Xenolith | Xen 4.17 | Xen 4.17, mitigations off |')
    print('|---|---|---|---|')
    print('| interdomain event round trip | %s | %s | %s |' % (us(ours), us(theirs), us(bare)))
    print('| dom0<->domU switch (bound: half a round trip) | %s | %s | %s |' %
          (us(ours, 2), us(theirs, 2), us(bare, 2)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
