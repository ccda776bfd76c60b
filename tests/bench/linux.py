#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# Debian's kernel as dom0 on Xenolith and on Xen 4.17, and natively: boot times and syscall costs.
"""Usage: tests/bench/linux.py   (part of make bench; BENCH_RUNS boots per system, default 3)

The same kernel (Debian's linux-image-amd64) and initramfs (busybox, tests/bench/linux/lbench,
tools/privcmd-probe) in the same QEMU machine (TCG, -cpu qemu64 -smp 2 -m 1024): as the privileged
dom0 (dom0_mem=512M dom0_max_vcpus=2) of Xenolith and of Xen 4.17 through a GRUB 2 ISO, and natively
through QEMU -kernel. Printed per system, medians over the boots:
  to kernel   host seconds from QEMU start to Linux's first line ("Linux version")
  hv boot     host seconds from the hypervisor's first serial line to Linux's first line (the
              hypervisor's own boot, kernel decompression included)
  to /init    host seconds from QEMU start to /init's first line
  getppid, privcmd null hypercall, fork+exit+wait, fork+exec+wait: ns, measured inside the guest
              (each a median of 7 batches)."""
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'boot'))
sys.path.insert(0, os.path.join(HERE, '..', 'linux'))
import qemu  # noqa: E402
from dom0 import hv_image, kernel  # noqa: E402  (the dom0 tests' kernel and hypervisor fetchers)

TOP = qemu.TOP
OUT = os.path.join(qemu.BUILD, 'bench', 'linux')
RUNS = int(os.environ.get('BENCH_RUNS', '3'))
HV = 'console=com1 com1=115200,8n1 loglvl=all noreboot dom0_mem=512M dom0_max_vcpus=2'
CMDLINES = {'xenolith': HV, 'xen': HV.replace('dom0_mem=512M', 'dom0_mem=512M,max:512M')}
OPS = ('getppid_ns', 'privcmd_null_ns', 'fork_exit_ns', 'fork_exec_ns')
HV_FIRST = re.compile(r'^\((XENO|XEN)\)')


def prepare():
    os.makedirs(OUT, exist_ok=True)
    image, moddir = kernel('amd64')
    subprocess.run(['make', '-s', '-C', os.path.join(TOP, 'tools')], check=True)
    lbench = os.path.join(OUT, 'lbench')
    subprocess.run(['gcc', '-O2', '-static', '-Wall', '-Werror', '-o', lbench,
                    os.path.join(HERE, 'linux', 'lbench.c')], check=True)
    ird = os.path.join(OUT, 'initramfs.gz')
    subprocess.run([os.path.join(TOP, 'tests', 'linux', 'initramfs.py'), ird,
                    '--init', os.path.join(HERE, 'linux', 'init-bench.sh'),
                    '--modules-dir', moddir, '--module', 'xenfs', '--module', 'xen-privcmd',
                    '--file', lbench + ':/bin/lbench',
                    '--file', os.path.join(TOP, 'tools', 'build', 'privcmd-probe') +
                    ':/bin/privcmd-probe'], check=True)
    return image, ird


def boot(system, image, ird, run):
    if system == 'native':
        argv = ['qemu-system-x86_64', '-accel', 'tcg,thread=multi', '-machine', 'pc', '-cpu',
                'qemu64', '-smp', '2', '-m', '1024', '-display', 'none', '-vga', 'none',
                '-no-reboot', '-nodefaults', '-serial', 'stdio', '-monitor', 'none',
                '-kernel', image, '-initrd', ird, '-append', 'console=ttyS0']
    else:
        iso = qemu.build_iso(hv_image(system), CMDLINES[system], [(image, 'console=hvc0'), (ird, '')])
        argv = qemu.qemu_argv(boot='iso', smp=2, mem='1024M', cpu='qemu64', iso=iso)
    b = qemu.run(argv, timeout=600, stop_at=r'LBENCH done|Kernel panic', grace=1.0,
                 log=os.path.join(OUT, '%s-%d.log' % (system, run)))
    linux, init = b.find(r'Linux version'), b.find(r'LBENCH init reached')
    if not linux or not init or not b.find(r'LBENCH done'):
        raise RuntimeError('%s run %d did not finish (see %s)' % (system, run, OUT))
    first_hv = next((l for l in b.lines if HV_FIRST.match(l.raw)), None)
    r = {'to_kernel': linux.host - b.started, 'to_init': init.host - b.started,
         'hv_boot': linux.host - first_hv.host if first_hv else None}
    for op in OPS:
        m = b.find(r'LBENCH %s (\d+)' % op)
        r[op] = float(re.search(r'LBENCH %s (\d+)' % op, m.text).group(1)) if m else None
    return r


def med(rows, key):
    vals = [r[key] for r in rows if r[key] is not None]
    return statistics.median(vals) if vals else None


def fmt(v, unit):
    if v is None:
        return '-'
    return '%.2f s' % v if unit == 's' else '%.0f ns' % v


def main():
    image, ird = prepare()
    systems = [s for s in ('native', 'xen', 'xenolith') if s in (sys.argv[1:] or
                                                                  ('native', 'xen', 'xenolith'))]
    results = {}
    for s in systems:
        rows = []
        for run in range(RUNS):
            try:
                rows.append(boot(s, image, ird, run))
            except RuntimeError as e:
                print('  %s: %s' % (s, e))
        results[s] = rows
    keys = [('to_kernel', 's'), ('hv_boot', 's'), ('to_init', 's')] + [(o, 'ns') for o in OPS]
    print('Linux dom0 (Debian %s), -cpu qemu64 -smp 2 -m 1024, medians of %d boots:'
          % (os.path.basename(image), RUNS))
    print('  %-16s' % '' + ''.join('%14s' % s for s in systems) + '   Xenolith/Xen')
    for k, unit in keys:
        vals = {s: med(results[s], k) for s in systems}
        ratio = ''
        if vals.get('xenolith') and vals.get('xen'):
            ratio = '%14.2f' % (vals['xenolith'] / vals['xen'])
        print('  %-16s' % k + ''.join('%14s' % fmt(vals[s], unit) for s in systems) + ratio)


if __name__ == '__main__':
    main()
