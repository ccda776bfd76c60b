#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# Boot-time and footprint benchmark of Xenolith against Debian's Xen 4.17 in the same QEMU.
"""Usage: tests/bench/run.sh            (make bench)

Boots each hypervisor through the same GRUB 2 rescue ISO (multiboot2), -cpu qemu64 -m 1G,
-smp 1, 2 and 4, BENCH_RUNS times each (default 5), one QEMU at a time, and prints medians:
  Xenolith: "Boot took N ms of TSC since the first instruction", and its "Footprint: ..." line
            when the hypervisor prints one;
  Xen 4.17: the console_timestamps=boot stamp of "*** Building a PV Dom0 ***".
Both get the same 64 KiB dummy dom0 module (not an ELF: building dom0 stops there) and noreboot.
Xen counts its time from a TSC stamp taken in its 32-bit entry code, so both figures start at
the hypervisor's first instructions.
Also the host time from QEMU start to that line (firmware + GRUB + load + boot), and the size of
each loaded image. Environment: BENCH_RUNS, BENCH_SMP ("1 2 4"), XEN_IMAGE (skip get-xen.sh)."""
import gzip
import os
import re
import statistics
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'boot'))
import qemu  # noqa: E402

RUNS = int(os.environ.get('BENCH_RUNS', '5'))
SMPS = [int(s) for s in os.environ.get('BENCH_SMP', '1 2 4').split()]
MEM, CPU = '1G', 'qemu64'
CONSOLE = 'console=com1 com1=115200,8n1 loglvl=all noreboot'
XENOLITH_END = r'Boot took (\d+) ms of TSC since the first instruction'
XEN_END = r'\*\*\* Building a PV Dom0 \*\*\*'
STAMP = re.compile(r'^\((?:XEN|XENO)\) \[\s*(\d+)\.(\d+)\]')
OUT = os.path.join(qemu.BUILD, 'bench')


def loaded_size(path):
    """Bytes the ELF image occupies once loaded (sum of PT_LOAD p_memsz), gzip or not."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:2] == b'\x1f\x8b':
        data = gzip.decompress(data)
    if data[:4] != b'\x7fELF':
        return None
    is64 = data[4] == 2
    phoff, phentsize, phnum = (struct.unpack_from('<Q', data, 32)[0], *struct.unpack_from('<HH', data, 54)) \
        if is64 else (struct.unpack_from('<I', data, 28)[0], *struct.unpack_from('<HH', data, 42))
    total = 0
    for i in range(phnum):
        off = phoff + i * phentsize
        if struct.unpack_from('<I', data, off)[0] != 1:       # PT_LOAD
            continue
        total += struct.unpack_from('<Q', data, off + 40)[0] if is64 else \
            struct.unpack_from('<I', data, off + 20)[0]
    return total


def boot_once(iso, smp, end, name):
    argv = qemu.qemu_argv('iso', smp, MEM, CPU, iso=iso)
    b = qemu.run(argv, timeout=120, stop_at=end + r'|Panic on CPU', grace=0.3,
                 log=os.path.join(OUT, name + '.log'))
    hit = b.find(end)
    if not hit:
        raise RuntimeError('%s: no line matching %r (see %s)' % (name, end, os.path.join(OUT, name + '.log')))
    return b, hit


def xenolith(smp, run, iso):
    b, hit = boot_once(iso, smp, XENOLITH_END, 'xenolith-smp%d-%d' % (smp, run))
    ms = float(re.search(XENOLITH_END, hit.text).group(1))
    foot = b.find(r'^Footprint:')
    return ms, (hit.host - b.started) * 1000, foot.text.strip() if foot else None


def xen(smp, run, iso):
    b, hit = boot_once(iso, smp, XEN_END, 'xen-smp%d-%d' % (smp, run))
    m = STAMP.match(hit.raw)
    if not m:
        raise RuntimeError('no [s.us] stamp on %r: console_timestamps=boot not honoured?' % hit.raw)
    ms = int(m.group(1)) * 1000 + int(m.group(2).ljust(6, '0')) / 1000
    return ms, (hit.host - b.started) * 1000, None


def xen_image():
    if os.environ.get('XEN_IMAGE'):
        return os.environ['XEN_IMAGE']
    getter = os.path.join(qemu.TOP, 'scripts', 'get-xen.sh')
    if not os.access(getter, os.X_OK):
        return None
    return subprocess.run([getter], check=True, stdout=subprocess.PIPE, text=True).stdout.strip()


def measure(label, fn, iso):
    rows = []
    for smp in SMPS:
        res = [fn(smp, r, iso) for r in range(RUNS)]
        rows.append((smp, statistics.median(r[0] for r in res), min(r[0] for r in res),
                     max(r[0] for r in res), statistics.median(r[1] for r in res), res[-1][2]))
        print('  %-9s -smp %d: median %7.1f ms (min %.1f, max %.1f); host, QEMU start to it: %.0f ms'
              % (label, *rows[-1][:5]), flush=True)
    return rows


def main():
    os.makedirs(OUT, exist_ok=True)
    hv = os.path.join(qemu.HV_DIR, 'xenolith.gz')
    print('Boot benchmark: GRUB 2 ISO, -cpu %s -m %s, median of %d boots, one QEMU at a time'
          % (CPU, MEM, RUNS), flush=True)
    module = os.path.join(OUT, 'dummy-dom0.bin')
    with open(module, 'wb') as f:
        f.write(bytes(65536))
    ours = measure('Xenolith', xenolith, qemu.build_iso(hv, CONSOLE, [(module, '')]))
    theirs, ximg = None, xen_image()
    if ximg:
        iso = qemu.build_iso(ximg, CONSOLE + ' console_timestamps=boot', [(module, '')])
        theirs = measure('Xen 4.17', xen, iso)
    else:
        print('  Xen 4.17: skipped (no scripts/get-xen.sh yet and no XEN_IMAGE)')

    print('\n| -smp | Xenolith, ms of TSC to "Boot took" | Xen 4.17, ms to "Building a PV Dom0" | ratio |')
    print('|---|---|---|---|')
    for i, (smp, med, lo, *_rest) in enumerate(ours):
        x = theirs[i] if theirs else None
        print('| %d | %.0f (min %.0f) | %s | %s |' % (
            smp, med, lo, '%.0f (min %.0f)' % (x[1], x[2]) if x else 'n/a',
            '%.2f' % (med / x[1]) if x else 'n/a'))
    print('\n| -smp | Xenolith host ms (QEMU start to end line) | Xen 4.17 host ms |')
    print('|---|---|---|')
    for i, row in enumerate(ours):
        print('| %d | %.0f | %s |' % (row[0], row[4], '%.0f' % theirs[i][4] if theirs else 'n/a'))
    print('\nXenolith, -smp %d: %s' % (ours[-1][0], ours[-1][5] or 'no "Footprint:" line printed yet'))
    print('Loaded image: Xenolith %s KiB%s' % (
        (loaded_size(hv) or 0) // 1024,
        ', Xen 4.17 %d KiB' % (loaded_size(ximg) // 1024) if ximg and loaded_size(ximg) else ''))
    print('Logs: %s' % os.path.relpath(OUT, qemu.TOP))
    return 0


if __name__ == '__main__':
    sys.exit(main())
