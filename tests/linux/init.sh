#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-only
# /init of the Linux boot-test initramfs: markers go to the kernel log (/dev/kmsg), which reaches
# the serial line through the Xen console even where hvc0 has no backend.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t devtmpfs dev /dev
k() { echo "XENOLITH-LINUX: $*" > /dev/kmsg; }
k "userspace reached, kernel $(uname -r)"
n=0
while [ $n -lt 100 ]; do /bin/true; n=$((n + 1)); done
k "fork+exec done: $n"
k "cpus $(grep -c ^processor /proc/cpuinfo)"
k "memory $(awk '/MemTotal/ { print $2 }' /proc/meminfo) kB"
k "powering off"
poweroff -f
