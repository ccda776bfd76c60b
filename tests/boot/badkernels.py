# SPDX-License-Identifier: GPL-2.0-only
# Hostile initial-domain images: each must get one clear "Initial domain: <cause>" line and a clean
# power-off, never a crash.
import gzip
import os
import subprocess

import checks
import qemu
from checks import Fail

NO_DOMAIN = r'No initial domain: nothing to run'


def _guest(name):
    """A built test kernel (tests/guests), built on demand."""
    path = os.path.join(qemu.TOP, 'tests', 'guests', 'build', name + '.elf')
    if not os.path.exists(path):
        subprocess.run(['make', '-s', '-C', os.path.join(qemu.TOP, 'tests', 'guests'), 'all'],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def _write(name, data):
    d = os.path.join(qemu.BUILD, 'boot', 'badkernels')
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, name)
    with open(path, 'wb') as f:
        f.write(data)
    return path


def cases():
    """(name, module files with command lines, extra hypervisor options, -m, expected cause)."""
    hello = open(_guest('hello'), 'rb').read()
    hv_syms = os.path.join(qemu.HV_DIR, 'xenolith-syms')    # ELF64 without Xen notes
    hv_elf32 = os.path.join(qemu.HV_DIR, 'xenolith')        # a 32-bit ELF
    corrupt = bytearray(gzip.compress(hello, mtime=0))
    corrupt[len(corrupt) // 2] ^= 0xff
    return [
        ('garbage', [(_write('garbage', bytes(range(256)) * 64), '')], '', '128M', r'kernel: '),
        ('truncated', [(_write('truncated', hello[:len(hello) // 3]), '')], '', '128M', r'kernel: '),
        ('elf32', [(hv_elf32, '')], '', '128M', r'kernel: ELF is 32-bit'),
        ('no-xen-notes', [(hv_syms, '')], '', '128M', r'kernel: .*(note|Xen)'),
        ('corrupt-gzip', [(_write('corrupt.gz', bytes(corrupt)), '')], '', '128M', r'gzip: '),
        ('dom0-mem-too-big', [(_guest('hello'), '')], ' dom0_mem=4G', '128M',
         r'dom0_mem asks for 4096 MiB, only \d+ MiB are free'),
        ('initrd-too-big', [(_guest('hello'), ''), (_write('big-initrd', bytes(24 << 20)), '')],
         ' dom0_mem=16M', '128M', r'dom0_mem \(16 MiB\) is too small for the kernel and initrd'),
    ]


def check(expected):
    def run(t, b):
        line = b.find(r'Initial domain: ' + expected)
        if not line:
            raise Fail('no "Initial domain: %s" line' % expected)
        if b.find(r'\*\*\* Fatal exception|' + checks.PANIC):
            raise Fail('the hypervisor crashed instead of refusing the image')
        if not b.find(NO_DOMAIN):
            raise Fail('no "%s" line after the error' % NO_DOMAIN)
        if not b.exited:
            raise Fail('QEMU still running after the refusal: no power-off')
    return run
