# SPDX-License-Identifier: GPL-2.0-only
# Feeds canned serial logs to the boot checks: a good log must pass, each broken one must fail.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402
from qemu import PREFIX, Boot, Line  # noqa: E402

GOOD = """\
(XENO) [    0.050000] Xenolith 0.1 (built today)
(XENO) [    0.050000] Command line: a=1 b
(XENO) [    0.050000]  0000000000000000 - 000000000009fc00 (RAM)
(XENO) [    0.050000]  0000000000100000 - 00000000bffe0000 (RAM)
(XENO) [    0.050000]  0000000100000000 - 00000001c0000000 (RAM)
(XENO) [    0.050000] Module 0: 0x100000-0x101000 'k console=hvc0'
(XENO) [    0.060000] SELFTEST mm PASS
(XENO) [    0.060000] SELFTEST timer mark 0 100000000
(XENO) [    0.060000] SELFTEST timer mark 1 200000000
(XENO) [    0.060000] SELFTEST timer mark 2 300000000
(XENO) [    0.060000] SELFTEST timer mark 3 400000000
(XENO) [    0.060000] SELFTEST timer PASS
(XENO) [    0.060000] SELFTEST ipi PASS: 4 CPUs answered
(XENO) [    0.060000] SELFTEST wx PASS: text RX, rodata R, data RW NX, image slot holds only the image, text writes fault, SMEP on
(XENO) [    0.060000] 4 CPUs online, 6143 MiB RAM
(XENO) [    0.060000] No dom0 kernel given (no multiboot module): nothing to run, powering off
"""

FAULT = """\
(XENO) [    0.053327] *** Fatal exception #PF page fault (vector 14, error code 0x2) on CPU 0 ***
(XENO) [    0.053601] RIP:    e008:[<ffff82d080200ee4>] fault_here+0x24/0x3e
(XENO) [    0.053709] rax: 0000000000000010   rbx: 0000008000000000   rcx: ffff82d08021f8f2
(XENO) [    0.053769] rdx: 00000000000003f8   rsi: 000000000000000a   rdi: ffff82d08021f8f3
(XENO) [    0.053830] rbp: ffff82d08021fd60   rsp: ffff82d08021fd50   r8:  00000000000003fd
(XENO) [    0.053891] r9:  ffff82d08021f8f3   r10: 00000000000003f8   r11: 000000000000000d
(XENO) [    0.053955] r12: ffff82d0802068a4   r13: 0000000000000005   r14: ffff82d080232e60
(XENO) [    0.054018] r15: 0000000000000064   cs: e008   ss: e010
(XENO) [    0.054067] cr0: 0000000080010033   cr2: 0000008000000000
(XENO) [    0.054123] cr3: 0000000000208000   cr4: 00000000000000a0
(XENO) [    0.054182] Backtrace:
(XENO) [    0.054216]   [<ffff82d080200ee4>] fault_here+0x24/0x3e
(XENO) [    0.054566] Panic on CPU 0:
"""


def boot(text, mark_ms=100.0):
    """A Boot whose lines arrive 1 ms apart, timer marks mark_ms apart."""
    b, t = Boot(argv=[]), 0.0
    for raw in text.splitlines():
        t += mark_ms / 1000 if ' timer mark ' in raw else 0.001
        b.lines.append(Line(t, raw, PREFIX.sub('', raw)))
    return b


def matrix(b):
    checks.all_of(checks.reached_end, lambda b: checks.summary(b, 4, '6G'), checks.selftests,
                  checks.timer_marks, lambda b: checks.banner(b, 'a=1 b'),
                  lambda b: checks.modules(b, ['console=hvc0']))(b)


# (what is broken, log, check): every one of these must raise Fail.
BROKEN = [
    ('good log', GOOD, matrix),
    ('ipi missing', GOOD.replace('SELFTEST ipi PASS', 'SELFTEST ipi start'), matrix),
    ('a FAIL line', GOOD.replace('SELFTEST mm PASS', 'SELFTEST mm FAIL: x'), matrix),
    ('wrong CPU count', GOOD.replace('4 CPUs', '3 CPUs'), matrix),
    ('RAM above 4G lost', GOOD.replace('6143 MiB', '3071 MiB'), matrix),
    ('more RAM than the map', GOOD.replace('6143 MiB', '6200 MiB'), matrix),
    ('no end of boot', GOOD.replace('No dom0', 'No dom1'), matrix),
    ('panic', GOOD + '(XENO) [    0.1] Panic on CPU 0:\n', matrix),
    ('cmdline lost a word', GOOD.replace('a=1 b', 'b'), matrix),
    ('module cmdline lost', GOOD.replace("k console=hvc0", "k"), matrix),
    ('too few marks', GOOD.replace('mark 3', 'marx 3').replace('mark 2', 'marx 2'), matrix),
    ('fault: good', FAULT, checks.fault_dump),
    ('fault: no vector line', FAULT.replace('Fatal exception', 'Fatal exceptio'), checks.fault_dump),
    ('fault: RIP unsymbolised', FAULT.replace('] fault_here+0x24/0x3e\n(XENO) [    0.053709]',
                                              '] ??\n(XENO) [    0.053709]'), checks.fault_dump),
    ('fault: no r15', FAULT.replace('r15:', 'r16:'), checks.fault_dump),
    ('fault: no cr2', FAULT.replace('cr2:', 'cr:'), checks.fault_dump),
    ('fault: empty backtrace', FAULT.replace('  [<ffff82d080200ee4>] fault_here+0x24/0x3e\n', ''),
     checks.fault_dump),
    ('fault: no panic', FAULT.replace('Panic on', 'Panik on'), checks.fault_dump),
]


def main():
    errors = []
    for what, log, check in BROKEN:
        should_pass = what in ('good log', 'fault: good')
        try:
            check(boot(log))
            if not should_pass:
                errors.append('"%s" was not caught' % what)
        except checks.Fail as e:
            if should_pass:
                errors.append('"%s" failed: %s' % (what, e))
    for ms, ok in ((100, True), (118, True), (79, False), (125, False)):
        try:
            checks.timer_marks(boot(GOOD, ms))
            if not ok:
                errors.append('marks %d ms apart were accepted' % ms)
        except checks.Fail as e:
            if ok:
                errors.append('marks %d ms apart were refused: %s' % (ms, e))
    if errors:
        print('FAIL boot/harness-selfcheck: ' + '; '.join(errors))
        return 1
    print('PASS boot/harness-selfcheck')
    return 0


if __name__ == '__main__':
    sys.exit(main())
