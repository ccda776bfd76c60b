#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# Build a busybox initramfs: /init, extra files, and kernel modules with their dependencies first.
"""Usage: tests/linux/initramfs.py OUT.gz --init FILE [--modules-dir DIR] [--module NAME]...
                                   [--file SRC:DEST]...

DIR is a kernel's lib/modules/VERSION. Each --module not built into the kernel is resolved (with the `depends=` of every
module's .modinfo, read with objcopy, so no kmod is needed) and copied to /lib/modules; the load
order, dependencies first, goes to /lib/modules/load-order for /init to insmod line by line."""
import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile


def modinfo(path):
    """The key=value pairs of a module's .modinfo section."""
    with tempfile.NamedTemporaryFile() as t:
        subprocess.run(['objcopy', '-O', 'binary', '--only-section=.modinfo', path, t.name],
                       check=True)
        raw = open(t.name, 'rb').read()
    pairs = {}
    for item in raw.split(b'\0'):
        if b'=' in item:
            k, v = item.decode('utf-8', 'replace').split('=', 1)
            pairs.setdefault(k, []).append(v)
    return pairs


def index(moddir):
    """Module name (dashes as underscores) -> path of its .ko."""
    found = {}
    for root, _, files in os.walk(os.path.join(moddir, 'kernel')):
        for f in files:
            if f.endswith('.ko'):
                found[f[:-3].replace('-', '_')] = os.path.join(root, f)
    return found


def builtin(moddir):
    """Names of the modules compiled into the kernel (nothing to load for them)."""
    try:
        with open(os.path.join(moddir, 'modules.builtin')) as f:
            return {os.path.basename(l.strip())[:-3].replace('-', '_') for l in f if l.strip()}
    except FileNotFoundError:
        return set()


def load_order(names, mods, inside):
    order, seen = [], set(inside)

    def visit(name, chain):
        key = name.replace('-', '_')
        if key in seen:
            return
        if key not in mods:
            sys.exit('initramfs: module %s not found (wanted by %s)' % (name, ' <- '.join(chain)))
        seen.add(key)
        info = modinfo(mods[key])
        deps = [d for v in info.get('depends', []) for d in v.split(',') if d]
        # "softdep=pre: crc32c" style dependencies name modules that must come first too.
        for sd in info.get('softdep', []):
            if sd.startswith('pre:'):
                deps += [d for d in sd[4:].split() if d.replace('-', '_') in mods]
        for d in deps:
            visit(d, chain + [name])
        order.append(key)

    for n in names:
        visit(n, [])
    return order


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out')
    ap.add_argument('--init', required=True)
    ap.add_argument('--modules-dir')
    ap.add_argument('--module', action='append', default=[])
    ap.add_argument('--file', action='append', default=[])
    a = ap.parse_args()

    busybox = shutil.which('busybox')
    if not busybox:
        sys.exit('initramfs: no busybox (install busybox-static)')
    root = tempfile.mkdtemp(prefix='initramfs.')
    try:
        for d in ('bin', 'dev', 'proc', 'sys', 'mnt', 'tmp', 'lib/modules'):
            os.makedirs(os.path.join(root, d))
        shutil.copy(busybox, os.path.join(root, 'bin', 'busybox'))
        shutil.copy(a.init, os.path.join(root, 'init'))
        os.chmod(os.path.join(root, 'init'), 0o755)
        for spec in a.file:
            src, dest = spec.split(':', 1)
            dst = os.path.join(root, dest.lstrip('/'))
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy(src, dst)
        if a.module:
            mods = index(a.modules_dir)
            order = load_order(a.module, mods, builtin(a.modules_dir))
            for key in order:
                shutil.copy(mods[key], os.path.join(root, 'lib', 'modules', key + '.ko'))
            with open(os.path.join(root, 'lib', 'modules', 'load-order'), 'w') as f:
                f.write(''.join(k + '\n' for k in order))
        files = subprocess.run(['find', '.'], cwd=root, check=True, capture_output=True).stdout
        cpio = subprocess.run(['cpio', '-o', '-H', 'newc', '--quiet'], cwd=root, input=files,
                              check=True, capture_output=True).stdout
        with gzip.open(a.out + '.tmp', 'wb', compresslevel=6) as f:
            f.write(cpio)
        os.rename(a.out + '.tmp', a.out)
    finally:
        shutil.rmtree(root)


if __name__ == '__main__':
    main()
