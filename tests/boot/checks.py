# SPDX-License-Identifier: GPL-2.0-only
# Assertions on a boot's serial log; each raises Fail with the reason shown in "FAIL boot/<name>: ...".
import re
import statistics

END_OF_BOOT = r'No dom0 kernel given'
PANIC = r'Panic on CPU \d+'
REQUIRED_SELFTESTS = ('mm', 'timer', 'ipi', 'wx')
MARK_MS = 100.0         # the timer self-test prints a mark every 100 ms of NOW()
MARK_TOLERANCE = 0.20


class Fail(Exception):
    pass


def all_of(*fns):
    """Run every check, so a failure report names all that is wrong, not only the first."""
    def run(b):
        errors = []
        for fn in fns:
            try:
                fn(b)
            except Fail as e:
                errors.append(str(e))
        if errors:
            raise Fail('; '.join(errors))
    return run


def mem_bytes(s):
    """QEMU -m value ('128M', '6G') in bytes."""
    m = re.fullmatch(r'(\d+)([KMGT]?)', s.upper())
    return int(m.group(1)) << {'': 20, 'K': 10, 'M': 20, 'G': 30, 'T': 40}[m.group(2)]


def reached_end(b):
    """The hypervisor got to the end of boot without a panic or a fatal exception."""
    bad = b.find(r'\*\*\* Fatal exception|' + PANIC)
    if bad:
        raise Fail('panic: ' + bad.text.strip())
    if not b.find(END_OF_BOOT):
        why = 'QEMU exited (status %s)' % b.returncode if b.exited else 'timed out'
        raise Fail('no "%s" line (%s)' % (END_OF_BOOT, why))


def banner(b, cmdline):
    if not b.find(r'^Xenolith \S+'):
        raise Fail('no "Xenolith <version>" banner')
    got = b.find(r'^Command line:')
    if not got:
        raise Fail('no "Command line:" line')
    text = got.text[len('Command line:'):].strip()
    if text != cmdline:
        raise Fail('command line printed as %r, given %r' % (text, cmdline))


def ram_in_map(b):
    """Sum of the RAM ranges in the memory map the hypervisor printed, in bytes."""
    total = 0
    for _, m in b.findall(r'^\s*([0-9a-f]{16}) - ([0-9a-f]{16}) \(RAM\)'):
        total += int(m.group(2), 16) - int(m.group(1), 16)
    return total


def memory_map(b):
    if not ram_in_map(b):
        raise Fail('no RAM ranges in the printed memory map')


def summary(b, smp, mem):
    """'<N> CPUs online, <M> MiB RAM': N is -smp; M is at most the RAM in the loader's map and at
    least 90% of it (the hypervisor may keep its image, the low 1 MiB and modules out, but losing
    e.g. the RAM above 4 GiB must fail)."""
    hit = b.find(r'(\d+) CPUs? online, (\d+) MiB RAM')
    if not hit:
        raise Fail('no "<N> CPUs online, <M> MiB RAM" summary line')
    m = re.search(r'(\d+) CPUs? online, (\d+) MiB RAM', hit.text)
    cpus, mib = int(m.group(1)), int(m.group(2))
    if cpus != smp:
        raise Fail('%d CPUs online, QEMU has -smp %d' % (cpus, smp))
    in_map = ram_in_map(b)
    if not in_map:
        raise Fail('no RAM ranges in the printed memory map')
    if in_map > mem_bytes(mem) or in_map < mem_bytes(mem) * 0.95:
        raise Fail('memory map shows %d MiB of RAM for -m %s' % (in_map >> 20, mem))
    lo, hi = in_map * 0.90 / (1 << 20), -(-in_map // (1 << 20))
    if not lo <= mib <= hi:
        raise Fail('%d MiB RAM reported, the memory map has %.1f MiB (accept %.0f-%d)'
                   % (mib, in_map / (1 << 20), lo, hi))


def selftests(b, required=REQUIRED_SELFTESTS):
    """No SELFTEST ... FAIL line, and a PASS line for each required test."""
    fails = b.findall(r'^SELFTEST (\S+) FAIL')
    if fails:
        raise Fail('; '.join(l.text.strip() for l, _ in fails))
    passed = {m.group(1) for _, m in b.findall(r'^SELFTEST (\S+) PASS')}
    missing = [t for t in required if t not in passed]
    if missing:
        raise Fail('no SELFTEST PASS for: ' + ', '.join(missing))


def timer_marks(b):
    """Host intervals between consecutive 'SELFTEST timer mark <n> <ns>' lines: median within 20%
    of 100 ms. Returns (median host ms, median NOW() ms) for the log."""
    marks = b.findall(r'^SELFTEST timer mark (\d+) (\d+)')
    if len(marks) < 3:
        raise Fail('%d "SELFTEST timer mark" lines, need at least 3' % len(marks))
    host = [(b2.host - a.host) * 1000 for (a, _), (b2, _) in zip(marks, marks[1:])]
    now = [(int(m2.group(2)) - int(m1.group(2))) / 1e6 for (_, m1), (_, m2) in zip(marks, marks[1:])]
    med = statistics.median(host)
    if abs(med - MARK_MS) > MARK_MS * MARK_TOLERANCE:
        raise Fail('timer marks %.1f ms apart on the host (median of %d), want %.0f ms +-%d%%'
                   % (med, len(host), MARK_MS, MARK_TOLERANCE * 100))
    return med, statistics.median(now)


HEX = r'[0-9a-f]+'
GPRS = ('rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp',
        'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15')
CRS = ('cr0', 'cr2', 'cr3', 'cr4')


def fault_dump(b):
    """The deliberate fault's report: vector line, symbolised RIP, all registers, a backtrace with
    at least one symbolised frame, then the panic banner."""
    v = b.find(r'^\*\*\* Fatal exception .+ \(vector \d+, error code (0x)?%s\) on CPU \d+ \*\*\*' % HEX)
    if not v:
        raise Fail('no "*** Fatal exception <name> (vector N, error code E) on CPU n ***" line')
    rip = b.find(r'^RIP:\s+e008:\[<ffff8[0-9a-f]{11}>\]\s+[A-Za-z_][\w.]*\+0x%s/0x%s' % (HEX, HEX))
    if not rip:
        raise Fail('no symbolised "RIP: e008:[<ffff8...>] symbol+0x../0x.." line')
    dump = '\n'.join(l.text for l in b.lines).lower()
    missing = [r for r in GPRS + CRS if not re.search(r'\b%s\s*[:=]\s*%s\b' % (r, HEX), dump)]
    if missing:
        raise Fail('register dump lacks ' + ', '.join(missing))
    idx = next((i for i, l in enumerate(b.lines) if re.match(r'^Backtrace:', l.text)), None)
    if idx is None:
        raise Fail('no "Backtrace:" line')
    frame = re.compile(r'^\s+\[<%s>\]\s+[A-Za-z_][\w.]*\+0x%s/0x%s' % (HEX, HEX, HEX))
    if not any(frame.match(l.text) for l in b.lines[idx + 1:]):
        raise Fail('no symbolised "  [<addr>] symbol+off/size" line after "Backtrace:"')
    if not b.find(r'^' + PANIC + ':'):
        raise Fail('no "Panic on CPU n:" banner after the dump')


def modules(b, cmdlines):
    """'Module <i>: ... '<string>'' for each module, in order. The string is the module's command
    line, after the module's path when the loader passes one (QEMU does, GRUB 2 does not): the
    loader's raw string is printed, the path is dropped when dom0 is built."""
    for i, c in enumerate(cmdlines):
        hit = b.find(r'^Module %d\b' % i)
        if not hit:
            raise Fail('no "Module %d" line' % i)
        if not re.search(r"'(\S+ )?%s'" % re.escape(c), hit.text):
            raise Fail('module %d line %r lacks its command line %r' % (i, hit.text.strip(), c))


def warned(b, options):
    """A warning line naming each bad option."""
    missing = [o for o in options
               if not b.find(r"(?i)(warn|bad|unknown|invalid|ignor|default).*\b%s\b|\b%s\b.*"
                             r"(warn|bad|unknown|invalid|ignor|default)" % (o, o))]
    if missing:
        raise Fail('no warning naming: ' + ', '.join(missing))
