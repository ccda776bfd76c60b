/* SPDX-License-Identifier: GPL-2.0-only */
/* platform_op: the privileged domain's view of the host's firmware, CPUs and wallclock (Xen 4.17's checks). */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/vtime.h>
#include <asm/guest_access.h>
#include <public/platform.h>

_Static_assert(sizeof(struct xen_platform_op) == 136, "xen_platform_op is 136 bytes");
_Static_assert(sizeof(struct xenpf_firmware_info) == 24, "xenpf_firmware_info is 24 bytes");

#define FIELD_OUT(arg, op, field) \
    (copy_to_guest((arg) + offsetof(struct xen_platform_op, field), &(op)->field, sizeof((op)->field)) \
     ? -EFAULT : 0)

/* The wallclock at system time 0 moves; every domain's shared_info follows. */
static long settime64(const struct xenpf_settime64 *t)
{
    if (t->mbz)
        return -EINVAL;
    uint64_t ns = t->secs * 1000000000ULL + t->nsecs - t->system_time;
    boot_wallclock_sec = ns / 1000000000ULL;
    boot_wallclock_nsec = ns % 1000000000ULL;
    for (struct domain *d = domain_list; d; d = d->next_in_list)
        if (d->shared_info)
            wallclock_publish(d);
    return 0;
}

/* No BIOS data was collected at boot: as Xen without EDD/EDID/EFI. */
static long firmware_info(struct xenpf_firmware_info *f)
{
    switch (f->type) {
    case XEN_FW_DISK_INFO:
    case XEN_FW_DISK_MBR_SIGNATURE:
    case XEN_FW_VBEDDC_INFO:
        return -ESRCH;
    case XEN_FW_EFI_INFO:
        return -ENOSYS;
    case XEN_FW_KBD_SHIFT_FLAGS:
        if (f->index)
            return -ESRCH;
        f->u.kbd_shift_flags = 0;
        return 0;
    }
    return -EINVAL;
}

static long pcpu_info(struct xenpf_pcpuinfo *p)
{
    unsigned int last = 0;
    for (unsigned int c = 0; c < NR_CPUS; c++)
        if (cpumask_test_cpu(c, &cpu_online_map))
            last = c;
    if (p->xen_cpuid >= NR_CPUS || !cpumask_test_cpu(p->xen_cpuid, &cpu_online_map)) {
        p->flags = XEN_PCPU_FLAGS_INVALID;
    } else {
        p->apic_id = cpu_to_apicid[p->xen_cpuid];
        p->acpi_id = p->xen_cpuid;
        p->flags = XEN_PCPU_FLAGS_ONLINE;
    }
    p->max_present = last;
    return 0;
}

long do_platform_op(unsigned long arg)
{
    struct xen_platform_op op;
    long rc;

    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    if (op.interface_version != XENPF_INTERFACE_VERSION)
        return -EACCES;
    if (!current->domain->is_privileged)
        return -EPERM;

    switch (op.cmd) {
    case XENPF_settime64:
        return settime64(&op.u.settime64);
    case XENPF_firmware_info:
        rc = firmware_info(&op.u.firmware_info);
        return rc ? rc : FIELD_OUT(arg, &op, u.firmware_info.u.kbd_shift_flags);
    case XENPF_get_cpuinfo:
        rc = pcpu_info(&op.u.pcpu_info);
        return rc ? rc : FIELD_OUT(arg, &op, u.pcpu_info);
    }
    return -ENOSYS;
}
