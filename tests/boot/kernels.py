# SPDX-License-Identifier: GPL-2.0-only
# Compressed initial-domain kernels: the hello test kernel packed by Debian's gzip, xz (as Linux
# packs its payload: x86 BCJ + LZMA2, CRC32), lz4 (Linux's legacy format) and zstd must boot and
# report SUCCESS, which exercises every in-hypervisor decoder end to end.
import os
import subprocess

import checks
import qemu
from checks import Fail
from badkernels import _guest

VERDICT = r'Test result:'
TOOLS = {
    'gzip': ['gzip', '-9', '-n', '-c'],
    'xz': ['xz', '--format=xz', '--check=crc32', '--x86', '--lzma2=dict=32MiB', '-c'],
    'lz4': ['lz4', '-l', '-9', '-c'],
    'zstd': ['zstd', '-19', '-q', '-c'],
}


def cases():
    """(name, module file) for each compression."""
    src = _guest('hello')
    d = os.path.join(qemu.BUILD, 'boot', 'kernels')
    os.makedirs(d, exist_ok=True)
    out = []
    for name, cmd in TOOLS.items():
        path = os.path.join(d, 'hello.elf.' + name)
        with open(src, 'rb') as f, open(path, 'wb') as o:
            subprocess.run(cmd, stdin=f, stdout=o, check=True)
        if name in ('xz', 'lz4', 'zstd'):       # Linux appends the uncompressed size
            with open(path, 'ab') as o:
                o.write(os.path.getsize(src).to_bytes(4, 'little'))
        out.append((name, path))
    return out


def check(t, b):
    if b.find(r'\*\*\* Fatal exception|' + checks.PANIC):
        raise Fail('the hypervisor crashed')
    hit = b.find(VERDICT)
    if not hit:
        raise Fail('the compressed kernel never reported a verdict')
    if 'SUCCESS' not in hit.text:
        raise Fail('verdict: %s' % hit.text.strip())
