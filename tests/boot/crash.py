# SPDX-License-Identifier: GPL-2.0-only
# A guest fault with no guest handler crashes that domain only: one report naming domain, vCPU,
# RIP and cause, and the hypervisor keeps running (noreboot: it idles instead of rebooting).
import os
import subprocess

import checks
import qemu
from checks import Fail

CRASHED = r'Domain 0 \(dom0\) crashed: vCPU 0 at RIP [0-9a-f]{16} \(kernel mode\): unhandled exception 14'


def kernel():
    subprocess.run(['make', '-s', '-C', os.path.join(qemu.TOP, 'tests', 'guests'), 'boot-kernels'],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(qemu.TOP, 'tests', 'guests', 'build', 'bootk', 'crash-no-handler.elf')


def check(t, b):
    if not b.find(r'CRASH-TEST: faulting'):
        raise Fail('the crash-test kernel never ran')
    if b.find(r'CRASH-TEST: still alive'):
        raise Fail('the faulting write did not fault')
    if not b.find(CRASHED):
        raise Fail('no crash report naming domain, vCPU, RIP and the exception')
    if b.find(r'\*\*\* Fatal exception|' + checks.PANIC):
        raise Fail('the hypervisor itself crashed')
    if not b.find(r"'noreboot' set, not rebooting"):
        raise Fail('no line saying the machine stays up (noreboot)')
    if b.exited:
        raise Fail('QEMU exited: the hypervisor did not keep running')
