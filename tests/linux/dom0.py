#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# Debian's kernel as the real (privileged) dom0 on Xenolith and, as the mirror, on Xen 4.17.
"""Usage: tests/linux/dom0.py [NAME...]   (run by tests/linux/run.sh; default: every test)

Each test boots a hypervisor + Debian kernel + a busybox initramfs (tests/linux/init-dom0.sh)
through a GRUB 2 ISO in QEMU TCG (-smp 2 -m 1024), with a virtio-blk disk holding an ext4 file
system (INTx: the device gets no MSI-X vectors) and, where the kernel has the driver, an AHCI disk
(MSI). /init's "XENOLITH-LINUX:" lines are checked; `sleep 5` is timed with host timestamps of the
serial lines. Prints "PASS linux/<name>" / "FAIL linux/<name>: reason" (+ the last 50 console lines)
/ "SKIP ...", then "N passed, N failed[, N skipped]". Tests named in tests/linux/xenolith-pending.txt
that fail are reported as SKIP with their failure (work in progress on an open issue)."""
import concurrent.futures
import hashlib
import os
import re
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'boot'))
import qemu  # noqa: E402

TOP = qemu.TOP
OUT = os.path.join(qemu.BUILD, 'linux')
TIMEOUT = float(os.environ.get('LINUX_TIMEOUT', '420'))
BAD = re.compile(r'Kernel panic|Oops|BUG:|crashed:|Panic on CPU|Fatal exception|'
                 r'general protection fault|Call Trace:|insmod .* failed|mount failed')
HV_CMDLINE = {
    'xenolith': 'console=com1 com1=115200,8n1 loglvl=all dom0_mem=512M dom0_max_vcpus=2',
    'xen': 'console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all dom0_mem=512M,max:512M '
           'dom0_max_vcpus=2',
}
MODULES = ['xenfs', 'xen-privcmd', 'xen-evtchn', 'xen-gntdev', 'virtio_pci', 'virtio_blk',
           'crc32c_generic', 'ext4', 'ahci', 'sd_mod']

# name: (hypervisor, cpu, kernel flavour, action). Debian's cloud flavour is a domU kernel (as Xen
# 4.17's dom0 it gets no physical IRQs): run.sh boots it unprivileged instead. The mirror runs on -cpu qemu64 only: Xen 4.17's
# PV dom0 crashes early under TCG on -cpu max.
TESTS = {
    'dom0-qemu64': ('xenolith', 'qemu64', 'amd64', 'full'),
    'dom0-max': ('xenolith', 'max', 'amd64', 'full'),
    'dom0-reboot': ('xenolith', 'qemu64', 'amd64', 'reboot'),
    'xen/dom0-qemu64': ('xen', 'qemu64', 'amd64', 'full'),
    'xen/dom0-reboot': ('xen', 'qemu64', 'amd64', 'reboot'),
}

# What /init must print in a full run, in order of appearance.
FULL_MARKERS = [
    r'XENOLITH-LINUX: userspace reached',
    r'XENOLITH-LINUX: cpus 2 online 0-1',
    r'XENOLITH-LINUX: modules loaded',
    r'XENOLITH-LINUX: proc-xen capabilities: control_d',
    r'XENOLITH-LINUX: sys-hypervisor: type xen version \d+\.\d+',
    r'XENOLITH-LINUX: device /dev/xen/privcmd present',
    r'XENOLITH-LINUX: device /dev/xen/evtchn present',
    r'XENOLITH-LINUX: device /dev/xen/gntdev present',
    r'XENOLITH-LINUX: ext4 checksum ok',
    r'XENOLITH-LINUX: ahci checksum ok',
    r'XENOLITH-LINUX: fork\+exec done: 500 ',
    r'XENOLITH-LINUX: tmpfs 300 MiB: 300 MiB written',
    r'XENOLITH-LINUX: tmpfs checksum ok',
    r'XENOLITH-LINUX: privcmd: version \d+\.\d+',
    r'XENOLITH-LINUX: privcmd: refused: sysctl with interface version 0',
    r'XENOLITH-LINUX: privcmd: refused: hypercall 60',
    r'XENOLITH-LINUX: privcmd-probe status 0',
    r'XENOLITH-LINUX: powering off',
]


def run_tool(argv):
    return subprocess.run(argv, check=True, stdout=subprocess.PIPE, text=True).stdout.strip()


def kernel(flavour):
    """(vmlinuz, modules dir) of Debian's current kernel package of that flavour."""
    image = run_tool([os.path.join(TOP, 'scripts', 'get-linux.sh'), flavour])
    version = os.path.basename(image)[len('vmlinuz-'):]
    return image, os.path.join(os.path.dirname(os.path.dirname(image)), 'lib', 'modules', version)


def disks():
    """The virtio ext4 image (a random file and its checksum) and the AHCI raw image; sha256."""
    os.makedirs(OUT, exist_ok=True)
    ext4, raw = os.path.join(OUT, 'ext4.img'), os.path.join(OUT, 'ahci.img')
    if not os.path.exists(ext4):
        tree = os.path.join(OUT, 'ext4-tree')
        os.makedirs(tree, exist_ok=True)
        data = os.urandom(8 << 20)
        with open(os.path.join(tree, 'data.bin'), 'wb') as f:
            f.write(data)
        with open(os.path.join(tree, 'data.sha256'), 'w') as f:
            f.write(hashlib.sha256(data).hexdigest() + '\n')
        subprocess.run(['mkfs.ext4', '-q', '-F', '-d', tree, ext4 + '.tmp', '32M'], check=True,
                       stdout=subprocess.DEVNULL)
        os.rename(ext4 + '.tmp', ext4)
    if not os.path.exists(raw):
        with open(raw + '.tmp', 'wb') as f:
            f.write(os.urandom(8 << 20))
        os.rename(raw + '.tmp', raw)
    with open(raw, 'rb') as f:
        return ext4, raw, hashlib.sha256(f.read()).hexdigest()


SEED_SIZE, TMPFS_SIZE = (1 << 20) + 4096 + 1, 300 << 20


def seed():
    """The initramfs' /seed.bin and the sha256 of the 300 MiB file /init builds from it."""
    path = os.path.join(OUT, 'seed.bin')
    if not os.path.exists(path):
        with open(path + '.tmp', 'wb') as f:
            f.write(os.urandom(SEED_SIZE))
        os.rename(path + '.tmp', path)
    data = open(path, 'rb').read()
    h, left = hashlib.sha256(), TMPFS_SIZE
    while left:
        chunk = data[:left]
        h.update(chunk)
        left -= len(chunk)
    return path, h.hexdigest()


def initramfs(flavour, moddir, seed_path):
    subprocess.run(['make', '-s', '-C', os.path.join(TOP, 'tools')], check=True)
    out = os.path.join(OUT, 'initramfs-dom0-%s.gz' % flavour)
    args = [os.path.join(HERE, 'initramfs.py'), out, '--init', os.path.join(HERE, 'init-dom0.sh'),
            '--modules-dir', moddir,
            '--file', os.path.join(TOP, 'tools', 'build', 'privcmd-probe') + ':/bin/privcmd-probe',
            '--file', seed_path + ':/seed.bin']
    for m in MODULES:
        args += ['--module', m]
    subprocess.run(args, check=True)
    return out


def hv_image(hv):
    if hv == 'xenolith':
        return os.path.join(qemu.HV_DIR, 'xenolith.gz')
    return run_tool([os.path.join(TOP, 'scripts', 'get-xen.sh')])


def check(name, hv, action, b):
    """None if the boot did everything it must, else the reason."""
    bad = next((l.text for l in b.lines if BAD.search(l.text)), None)
    if bad:
        return bad
    if action == 'reboot':
        if not b.find(r'XENOLITH-LINUX: rebooting'):
            return 'marker missing: XENOLITH-LINUX: rebooting'
        return None if b.exited else 'QEMU did not reset within %.0f s of boot' % TIMEOUT
    for m in FULL_MARKERS:
        if not b.find(m):
            return 'marker missing: ' + m.replace('\\', '')
    start, end = b.find(r'XENOLITH-LINUX: sleep 5 start'), b.find(r'XENOLITH-LINUX: sleep 5 end')
    if not start or not end:
        return 'sleep 5 markers missing'
    took = end.host - start.host
    if not 4.0 <= took <= 6.0:
        return '`sleep 5` took %.2f s of host time (allowed 4.0-6.0)' % took
    if hv == 'xenolith' and not b.exited:
        return 'QEMU still running after dom0 powered off (%s)' % b.killed
    return None


_prepared, _prepare_lock = {}, threading.Lock()


def prepare(flavour):
    """Kernel, disks and initramfs of a flavour, built once however many tests run at once."""
    with _prepare_lock:
        if flavour not in _prepared:
            image, moddir = kernel(flavour)
            seed_path, seed_sha = seed()    # hashing the 300 MiB stream once, not per use
            _prepared[flavour] = ((image,) + disks() +
                                  (initramfs(flavour, moddir, seed_path), seed_sha))
        return _prepared[flavour]


def run_one(name):
    hv, cpu, flavour, action = TESTS[name]
    image, ext4, raw, raw_sha, ird, tmpfs_sha = prepare(flavour)
    kargs = 'console=hvc0 earlyprintk=xen xenolith.tmpfs_sha256=%s xenolith.ahci_sha256=%s' % (
        tmpfs_sha, raw_sha)
    if action != 'full':
        kargs += ' xenolith.action=' + action
    cmdline = HV_CMDLINE[hv] + ('' if action == 'reboot' else ' noreboot')
    iso = qemu.build_iso(hv_image(hv), cmdline, [(image, kargs), (ird, '')])
    # The virtio disk gets no MSI-X vectors, so it interrupts through an IO-APIC pin; AHCI uses MSI.
    extra = ['-drive', 'file=%s,if=none,id=vd0,format=raw,readonly=on' % ext4,
             '-device', 'virtio-blk-pci,drive=vd0,vectors=0',
             '-drive', 'file=%s,if=none,id=sd0,format=raw,snapshot=on' % raw,
             '-device', 'ahci,id=ahci', '-device', 'ide-hd,drive=sd0,bus=ahci.0']
    argv = qemu.qemu_argv(boot='iso', smp=2, mem='1024M', cpu=cpu, iso=iso) + ['--'] + extra
    # A crash ends the wait early. Xen with noreboot may halt after dom0's power-off rather than
    # leave QEMU; Xenolith must make QEMU exit by itself (checked).
    stop = BAD.pattern + (r'|XENOLITH-LINUX: powering off' if hv == 'xen' else '')
    log = os.path.join(OUT, name.replace('/', '-') + '.serial')
    b = qemu.run(argv, timeout=TIMEOUT, stop_at=stop, grace=3.0, log=log)
    if b.exited and b.returncode and b.stderr.strip():
        return 'qemu: ' + b.stderr.strip().splitlines()[-1], b
    why = check(name, hv, action, b)
    if not why and b.killed == 'timeout':
        why = 'hung: nothing ended the boot within %.0f s' % TIMEOUT
    return why, b


def pending():
    try:
        with open(os.path.join(HERE, 'xenolith-pending.txt')) as f:
            return {l.split('#')[0].strip() for l in f} - {''}
    except FileNotFoundError:
        return set()


def main():
    names = sys.argv[1:] or list(TESTS)
    unknown = [n for n in names if n not in TESTS]
    if unknown:
        sys.exit('dom0.py: unknown test(s) %s; known: %s' % (' '.join(unknown), ' '.join(TESTS)))
    waived = pending()
    counts = {'PASS': 0, 'FAIL': 0, 'SKIP': 0}
    with concurrent.futures.ThreadPoolExecutor(2) as pool:      # two QEMUs at a time
        futures = {n: pool.submit(run_one, n) for n in names}
        for n in names:
            try:
                why, b = futures[n].result()
            except Exception as e:              # a harness failure is a failure, never a pass
                why, b = 'harness error: %s' % e, None
            if not why:
                counts['PASS'] += 1
                note = ' (listed in xenolith-pending.txt: remove it)' if n in waived else ''
                print('PASS linux/%s%s' % (n, note))
            elif n in waived:
                counts['SKIP'] += 1
                print('SKIP linux/%s: pending (tests/linux/xenolith-pending.txt): %s' % (n, why))
            else:
                counts['FAIL'] += 1
                print('FAIL linux/%s: %s' % (n, why))
                for line in (b.tail(50) if b else []):
                    print('    | ' + line)
            sys.stdout.flush()
    skipped = ', %d skipped' % counts['SKIP'] if counts['SKIP'] else ''
    print('%d passed, %d failed%s' % (counts['PASS'], counts['FAIL'], skipped))
    return 1 if counts['FAIL'] else 0


if __name__ == '__main__':
    sys.exit(main())
