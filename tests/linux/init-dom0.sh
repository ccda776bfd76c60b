#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-only
# /init of the dom0 test initramfs: exercise the machine as a sysadmin's dom0 would, report through
# /dev/kmsg ("XENOLITH-LINUX: ..." lines), then power off, or reboot with xenolith.action=reboot.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
k() { echo "XENOLITH-LINUX: $*" > /dev/kmsg; }
arg() { tr ' ' '\n' < /proc/cmdline | sed -n "s/^xenolith\.$1=//p"; }
uptime_cs() { awk '{ split($1, t, "."); print t[1] * 100 + t[2] }' /proc/uptime; }

k "userspace reached, kernel $(uname -r)"
k "cpus $(grep -c ^processor /proc/cpuinfo) online $(cat /sys/devices/system/cpu/online)"
k "memory $(awk '/MemTotal/ { print $2 }' /proc/meminfo) kB"
if [ "$(arg action)" = reboot ]; then
    k "rebooting"
    reboot -f
fi

while read -r m; do
    insmod "/lib/modules/$m.ko" 2> /tmp/insmod.err || k "insmod $m failed: $(cat /tmp/insmod.err)"
done < /lib/modules/load-order
k "modules loaded: $(wc -l < /proc/modules)"
mkdir -p /proc/xen && mount -t xenfs xenfs /proc/xen || k "xenfs mount failed"
k "proc-xen capabilities: $(cat /proc/xen/capabilities)"
k "sys-hypervisor: type $(cat /sys/hypervisor/type) version $(cat /sys/hypervisor/version/major).$(cat /sys/hypervisor/version/minor)"
for dev in privcmd evtchn gntdev; do
    [ -c /dev/xen/$dev ] && k "device /dev/xen/$dev present" || k "device /dev/xen/$dev missing"
done

# Disks: the virtio one carries an ext4 file system, the AHCI one raw bytes with a known checksum.
wait_dev() { n=0; while [ ! -b "$1" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done; }
wait_dev /dev/vda
if mount -t ext4 -o ro /dev/vda /mnt; then
    want=$(cat /mnt/data.sha256)
    got=$(sha256sum /mnt/data.bin | cut -d' ' -f1)
    [ "$got" = "$want" ] && k "ext4 checksum ok" || k "ext4 checksum BAD: $got != $want"
    umount /mnt
else
    k "ext4 mount failed"
fi
wait_dev /dev/sda
got=$(sha256sum /dev/sda | cut -d' ' -f1)
[ "$got" = "$(arg ahci_sha256)" ] && k "ahci checksum ok" || k "ahci checksum BAD: $got"
k "interrupts: $(grep -E 'virtio|ahci|ttyS|rtc' /proc/interrupts | awk '{ print $NF }' | tr '\n' ' ')"

t0=$(uptime_cs)
n=0
while [ $n -lt 500 ]; do /bin/true; n=$((n + 1)); done
k "fork+exec done: $n in $(( $(uptime_cs) - t0 ))0 ms"

# 300 MiB made of a random seed of 1 MiB + 4 KiB + 1 byte (so no two pages are alike) repeated;
# the host computed the checksum the file must read back with (xenolith.tmpfs_sha256).
mount -t tmpfs -o size=320m tmpfs /tmp
t0=$(uptime_cs)
n=0
while [ $n -lt 299 ]; do cat /seed.bin >> /tmp/big; n=$((n + 1)); done
truncate -s 314572800 /tmp/big
k "tmpfs 300 MiB: $(( $(stat -c %s /tmp/big) >> 20 )) MiB written in $(( $(uptime_cs) - t0 ))0 ms"
r=$(sha256sum /tmp/big | cut -d' ' -f1)
[ "$r" = "$(arg tmpfs_sha256)" ] && k "tmpfs checksum ok" || k "tmpfs checksum BAD: $r"
rm -f /tmp/big

k "sleep 5 start"
sleep 5
k "sleep 5 end"

privcmd-probe > /tmp/privcmd.out 2>&1
st=$?
while read -r l; do k "$l"; done < /tmp/privcmd.out
k "privcmd-probe status $st"
k "powering off"
poweroff -f
