# SPDX-License-Identifier: GPL-2.0-only
# Run one QEMU boot through scripts/run-qemu.sh and collect its serial lines with host timestamps.
import hashlib
import os
import re
import select
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
BUILD = os.path.join(TOP, 'build', 'tests')
# The hypervisor under test: xen/ of this tree, or HV_DIR (another build's xen/ directory).
HV_DIR = os.path.abspath(os.environ.get('HV_DIR') or os.path.join(TOP, 'xen'))

# "(XENO) [    0.052905] text" or Xen's "(XEN) [    0.052905] text": the text after the prefix.
PREFIX = re.compile(r'^\((?:XENO|XEN)\)\s*(?:\[\s*\d+\.\d+\]\s?)?')


@dataclass
class Line:
    host: float         # time.monotonic() when the line's newline arrived
    raw: str            # as printed, prefix included
    text: str           # prefix removed


@dataclass
class Boot:
    argv: list
    lines: list = field(default_factory=list)
    exited: bool = False        # QEMU ended by itself (power-off, reset with -no-reboot, error)
    returncode: int = None
    killed: str = ''            # why we stopped it: '' / 'done' / 'timeout'
    started: float = 0.0
    stderr: str = ''

    def find(self, regex):
        """First line whose text matches regex (re.search), or None."""
        r = re.compile(regex)
        return next((l for l in self.lines if r.search(l.text)), None)

    def findall(self, regex):
        r = re.compile(regex)
        return [(l, m) for l in self.lines for m in [r.search(l.text)] if m]

    def tail(self, n=30):
        return [l.raw for l in self.lines[-n:]]


_iso_lock = threading.Lock()


def build_iso(image, cmdline, modules=()):
    """Build (once per content) a GRUB rescue ISO; returns its path. modules: [(file, args)]."""
    h = hashlib.sha256()
    for part in [image] + [m[0] for m in modules]:
        with open(part, 'rb') as f:
            h.update(f.read())
    h.update(repr((cmdline, [m[1] for m in modules])).encode())
    out = os.path.join(BUILD, 'iso', h.hexdigest()[:16] + '.iso')
    with _iso_lock:
        if not os.path.exists(out):
            os.makedirs(os.path.dirname(out), exist_ok=True)
            args = [os.path.join(TOP, 'scripts', 'mkiso.sh'), out + '.tmp', image, cmdline]
            for f, a in modules:
                args += [f, a]
            r = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if r.returncode:
                last = (r.stderr.strip().splitlines() or ['(no message)'])[-1]
                raise RuntimeError('%s failed (status %d): %s' % (os.path.relpath(args[0], TOP),
                                                                 r.returncode, last))
            os.rename(out + '.tmp', out)
    return out


def qemu_argv(boot='kernel', smp=1, mem='128M', cpu='qemu64', cmdline='', modules=(), image=None,
              iso=None):
    """The run-qemu.sh command for one boot; an ISO boot gets its ISO built here unless given."""
    argv = [os.path.join(TOP, 'scripts', 'run-qemu.sh'), '--batch',
            '--smp', str(smp), '--mem', mem, '--cpu', cpu]
    if boot == 'iso':
        image = image or os.path.join(HV_DIR, 'xenolith.gz')
        return argv + ['--iso', iso or build_iso(image, cmdline, modules)]
    argv += ['--boot', 'kernel', '--cmdline', cmdline,
             '--image', image or os.path.join(HV_DIR, 'xenolith')]
    for f, a in modules:
        argv += ['--module', f, a]
    return argv


def run(argv, timeout=60.0, stop_at=None, grace=0.5, log=None):
    """Boot and read the serial console until QEMU exits, the timeout, or `grace` seconds
    after the first line matching stop_at (a regex; then QEMU is killed, killed='done')."""
    b = Boot(argv=argv)
    stop_re = re.compile(stop_at) if stop_at else None
    errf = tempfile.TemporaryFile()
    b.started = time.monotonic()
    # Own session: we kill exactly this QEMU (by its process group), never anything else.
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errf,
                         start_new_session=True)
    try:
        _read(p, b, stop_re, timeout, grace)
    finally:
        if b.killed or p.poll() is None:
            b.killed = b.killed or 'harness error'
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        else:
            b.exited = True
        b.returncode = p.wait()
        errf.seek(0)
        b.stderr = errf.read().decode('utf-8', 'replace')
        errf.close()
    if log:
        _write_log(log, b)
    return b


def _read(p, b, stop_re, timeout, grace):
    fd = p.stdout.fileno()
    buf = b''
    deadline = b.started + timeout
    stop_deadline = None
    while True:
        now = time.monotonic()
        limit = min(deadline, stop_deadline) if stop_deadline else deadline
        if now >= limit:
            b.killed = 'done' if stop_deadline and now >= stop_deadline else 'timeout'
            break
        r, _, _ = select.select([fd], [], [], limit - now)
        if not r:
            continue
        chunk = os.read(fd, 4096)          # raw read: no stdio buffering between QEMU and us
        t = time.monotonic()
        if not chunk:                       # EOF: QEMU is exiting; let it finish
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            break
        buf += chunk
        while b'\n' in buf:
            raw, buf = buf.split(b'\n', 1)
            s = clean(raw)
            line = Line(t, s, PREFIX.sub('', s))
            b.lines.append(line)
            if stop_re and stop_deadline is None and stop_re.search(line.text):
                stop_deadline = t + grace
    if buf:
        s = clean(buf)
        b.lines.append(Line(time.monotonic(), s, PREFIX.sub('', s)))


def clean(raw):
    """A serial line as text: GRUB's terminal escapes and carriage returns removed."""
    s = re.sub(r'\x1b\[[0-9;?]*[A-Za-z]', '', raw.decode('utf-8', 'replace'))
    return s.replace('\r', '')


def _write_log(log, b):
    os.makedirs(os.path.dirname(log), exist_ok=True)
    with open(log, 'w') as f:
        f.write('# ' + ' '.join(b.argv) + '\n')
        for l in b.lines:
            f.write('%9.3f %s\n' % (l.host - b.started, l.raw))
        f.write('# qemu: %s, status %s\n' % ('exited' if b.exited else 'killed (' + b.killed + ')',
                                             b.returncode))
        if b.stderr:
            f.write('# qemu stderr:\n' + b.stderr)
