#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# QEMU boot tests of the bare hypervisor: prints "PASS boot/<name>" or "FAIL boot/<name>: reason".
"""Usage: tests/boot/run.py [-l] [-j N] [-v] [NAME_OR_GLOB ...]

  -l      list the tests and their QEMU settings
  -j N    QEMUs in parallel (default 2, the most the project allows)
  -v      print the whole serial log of every test, not only the last 30 lines of failures
Environment: BOOT_TIMEOUT (seconds per boot, default 60); HV_DIR (test the xenolith and
xenolith.gz of another build directory instead of xen/).
Logs with host timestamps: build/tests/boot/<name>.log. Ends with "N passed, N failed"."""
import concurrent.futures
import contextlib
import fnmatch
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import badkernels  # noqa: E402
import checks  # noqa: E402
import crash  # noqa: E402
import kernels  # noqa: E402
import qemu  # noqa: E402
import selfcheck  # noqa: E402
from checks import Fail  # noqa: E402

BASE = 'console=com1 com1=115200,8n1 loglvl=all'
TIMEOUT = float(os.environ.get('BOOT_TIMEOUT', '60'))
BAD_OPTIONS = 'loglvl=bogus com1=abc dom0_mem= nosuch=1'

# Every -smp, -m and -cpu value on both boot paths in 6 boots instead of the 36 of the full
# product; each path pairs the values differently, and 6G (RAM above 4 GiB) meets -smp 4 once.
MATRIX = [
    ('kernel', 1, '128M', 'qemu64'),
    ('kernel', 2, '6G', 'max'),
    ('kernel', 4, '1G', 'qemu64'),
    ('iso', 1, '1G', 'max'),
    ('iso', 2, '128M', 'qemu64'),
    ('iso', 4, '6G', 'max'),
]


class Test:
    def __init__(self, name, check, boot='kernel', smp=2, mem='128M', cpu='qemu64',
                 cmdline=BASE, stop_at=checks.END_OF_BOOT + '|' + checks.PANIC, grace=0.5,
                 modules=()):
        self.name, self.check, self.boot, self.modules = name, check, boot, modules
        self.smp, self.mem, self.cpu, self.cmdline = smp, mem, cpu, cmdline
        self.stop_at, self.grace = stop_at, grace

    def describe(self):
        return '%s: %s -smp %d -m %s -cpu %s "%s"' % (self.name, self.boot, self.smp, self.mem,
                                                     self.cpu, self.cmdline)


def check_matrix(t, b):
    checks.all_of(checks.reached_end, lambda b: checks.summary(b, t.smp, t.mem),
                  checks.selftests, checks.timer_marks)(b)


def check_boot_path(t, b):
    """The loader's information arrives intact: banner, command line, memory map, modules."""
    checks.all_of(lambda b: checks.banner(b, t.cmdline),
                  checks.memory_map,
                  lambda b: checks.modules(b, [a for _, a in t.modules]))(b)


def check_poweroff(t, b):
    """No module, no noreboot: the hypervisor says so and QEMU exits by itself."""
    checks.reached_end(b)
    if not b.exited:
        raise Fail('QEMU still running %.0f s after "%s": no power-off'
                   % (t.grace, checks.END_OF_BOOT))


def check_noreboot(t, b):
    """With noreboot the hypervisor idles after the line instead of powering off."""
    checks.reached_end(b)
    if b.exited:
        raise Fail('QEMU exited (status %s) although noreboot was given' % b.returncode)
    if not b.find(checks.END_OF_BOOT + r'.*noreboot'):
        raise Fail('the end-of-boot line does not say it idles for noreboot')


def check_fault(t, b):
    checks.fault_dump(b)


def check_badopts(t, b):
    checks.warned(b, [o.split('=')[0] for o in BAD_OPTIONS.split()])
    checks.reached_end(b)


def module_files():
    """Two small dummy modules (the hypervisor only has to report them)."""
    d = os.path.join(qemu.BUILD, 'boot')
    os.makedirs(d, exist_ok=True)
    files = []
    for i, size in enumerate((4096, 10000)):
        f = os.path.join(d, 'module%d.bin' % i)
        if not os.path.exists(f):
            with open(f, 'wb') as out:
                out.write(bytes((i + j) & 0xff for j in range(size)))
        files.append(f)
    return files


def tests():
    ts = []
    # Module command lines with spaces, '=' and a comma (QEMU's -initrd needs it escaped).
    mods = list(zip(module_files(), ('dom0 console=hvc0 root=/dev/xvda1', 'second,module x=1')))
    for boot in ('kernel', 'iso'):
        ts.append(Test(boot + '-bootinfo', check_boot_path, boot, cmdline=BASE + ' noreboot',
                       modules=mods, stop_at=r'^Module 1\b|' + checks.PANIC + '|' + checks.END_OF_BOOT))
    for boot, smp, mem, cpu in MATRIX:
        ts.append(Test('%s-smp%d-%s-%s' % (boot, smp, mem, cpu), check_matrix, boot, smp, mem, cpu,
                       cmdline=BASE + ' selftest=all noreboot'))
    # The focused tests leave selftest=all out, so a broken self-test cannot hide what they check.
    for boot in ('kernel', 'iso'):
        ts.append(Test(boot + '-poweroff', check_poweroff, boot, grace=5.0))
    ts.append(Test('kernel-noreboot', check_noreboot, cmdline=BASE + ' noreboot', grace=2.0))
    ts.append(Test('kernel-fault', check_fault, cmdline=BASE + ' selftest=fault noreboot',
                   grace=1.0))
    ts.append(Test('kernel-badopts', check_badopts, cmdline=BASE + ' noreboot ' + BAD_OPTIONS))
    for name, mods, opts, mem, expected in badkernels.cases():
        ts.append(Test('badkernel-' + name, badkernels.check(expected), mem=mem, cmdline=BASE + opts,
                       modules=mods, stop_at=badkernels.NO_DOMAIN + '|' + checks.PANIC, grace=5.0))
    ts.append(Test('guest-crash-isolated', crash.check, cmdline=BASE + ' dom0_mem=64M noreboot',
                   mem='256M', modules=[(crash.kernel(), '')],
                   stop_at=r"not rebooting|" + checks.PANIC, grace=2.0))
    for name, path in kernels.cases():
        ts.append(Test('kernel-compressed-' + name, kernels.check, cmdline=BASE + ' dom0_mem=64M',
                       mem='256M', modules=[(path, '')], stop_at=kernels.VERDICT + '|' + checks.PANIC,
                       grace=0.5))
    return ts


out_lock = threading.Lock()
big_lock = threading.Lock()     # one -m 6G guest at a time: a scrubbing hypervisor touches it all


def run_one(t, verbose):
    log = os.path.join(qemu.BUILD, 'boot', t.name + '.log')
    b = None
    try:
        argv = qemu.qemu_argv(t.boot, t.smp, t.mem, t.cpu, t.cmdline, t.modules)
        with big_lock if checks.mem_bytes(t.mem) > 4 << 30 else contextlib.nullcontext():
            b = qemu.run(argv, timeout=TIMEOUT, stop_at=t.stop_at, grace=t.grace, log=log)
        t.check(t, b)
        ok, reason = True, ''
    except (Fail, RuntimeError) as e:     # RuntimeError: the ISO could not be built
        ok, reason = False, str(e)
    except Exception as e:              # a harness error is a failure too, never a crash
        ok, reason = False, 'harness error: %s: %s' % (type(e).__name__, e)
    with out_lock:
        if ok:
            print('PASS boot/' + t.name)
        else:
            print('FAIL boot/%s: %s' % (t.name, reason))
        if b and (verbose or not ok):
            lines = [l.raw for l in b.lines] if verbose else b.tail(30)
            print('    --- serial (%s; full log %s) ---' % ('all' if verbose else 'last 30 lines',
                                                           os.path.relpath(log, qemu.TOP)))
            for l in lines:
                print('    | ' + l)
            if b.stderr.strip():
                print('    --- qemu stderr ---\n    | ' + b.stderr.strip().replace('\n', '\n    | '))
        sys.stdout.flush()
    return ok


def main(argv):
    jobs, verbose, listing, pats = 2, False, False, []
    it = iter(argv)
    for a in it:
        if a == '-j':
            jobs = max(1, min(2, int(next(it))))
        elif a == '-v':
            verbose = True
        elif a == '-l':
            listing = True
        elif a in ('-h', '--help'):
            print(__doc__)
            return 0
        else:
            pats.append(a)
    wanted = lambda name: not pats or any(fnmatch.fnmatch(name, p) for p in pats)  # noqa: E731
    sel = [t for t in tests() if wanted(t.name)]
    if listing:
        print('harness-selfcheck: the checks against canned good and broken logs (no QEMU)')
        for t in sel:
            print(t.describe())
        return 0
    results = [selfcheck.main() == 0] if wanted('harness-selfcheck') else []
    if not sel and not results:
        print('no boot test matches %s' % ' '.join(pats))
        print('0 passed, 1 failed')
        return 1
    for f in ('xenolith', 'xenolith.gz'):
        f = os.path.join(qemu.HV_DIR, f)
        if not os.path.exists(f):
            print('FAIL boot/build: %s missing (run make first)' % f)
            print('0 passed, 1 failed')
            return 1
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        results += list(ex.map(lambda t: run_one(t, verbose), sel))
    passed = sum(results)
    print('boot tests took %.0f s' % (time.monotonic() - start))
    print('%d passed, %d failed' % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
