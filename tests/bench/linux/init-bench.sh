#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-only
# /init of the Linux benchmark initramfs: mark /init, run lbench (and the privcmd null hypercall
# under a hypervisor), power off. Lines go to /dev/kmsg so they reach the serial line everywhere.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
k() { echo "LBENCH $*" > /dev/kmsg; }
k "init reached"
if [ "$(cat /sys/hypervisor/type 2> /dev/null)" = xen ]; then
    while read -r m; do insmod "/lib/modules/$m.ko"; done < /lib/modules/load-order
fi
lbench > /tmp/out 2>&1
if [ -c /dev/xen/privcmd ]; then
    privcmd-probe bench 20000 | sed -n 's/^privcmd: null hypercall \([0-9]*\) ns.*/LBENCH privcmd_null_ns \1/p' >> /tmp/out
fi
while read -r l; do echo "$l" > /dev/kmsg; done < /tmp/out
k "done"
poweroff -f
