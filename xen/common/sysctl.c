/* SPDX-License-Identifier: GPL-2.0-only */
/* sysctl: host-wide information for the toolstack (physinfo, domain lists). */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <asm/guest_access.h>
#include <public/sysctl.h>

static void physinfo(struct xen_sysctl_physinfo *pi)
{
    memset(pi, 0, sizeof(*pi));
    pi->threads_per_core = 1;
    pi->cores_per_socket = num_online_cpus();
    pi->nr_cpus = num_online_cpus();
    pi->max_cpu_id = NR_CPUS - 1;
    pi->nr_nodes = 1;
    pi->cpu_khz = cpu_khz;
    pi->capabilities = XEN_SYSCTL_PHYSCAP_pv | XEN_SYSCTL_PHYSCAP_gnttab_v1;
    pi->total_pages = total_ram_pages();
    pi->free_pages = free_ram_pages();
    pi->max_mfn = max_mfn() - 1;
}

/* Domains with id >= first, in id order, into the guest's array; the count in num_domains. */
static long domaininfo_list(struct xen_sysctl_getdomaininfolist *l)
{
    struct xen_domctl_getdomaininfo info;
    uint32_t n = 0;
    unsigned long buf = (unsigned long)l->buffer.p;
    domid_t next = l->first_domain;
    struct domain *d;

    while (n < l->max_domains && (d = get_domain_from(next))) {
        next = d->domain_id + 1;
        getdomaininfo(d, &info);
        put_domain(d);
        if (copy_to_guest(buf + n * sizeof(info), &info, sizeof(info)))
            return -EFAULT;
        n++;
        if (next == 0)
            break;
    }
    l->num_domains = n;
    return 0;
}

/* Xen's order: unreadable -EFAULT, wrong version -EACCES, then privilege -EPERM. */
long do_sysctl(unsigned long arg)
{
    struct xen_sysctl op;
    long rc;

    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    if (op.interface_version != XEN_SYSCTL_INTERFACE_VERSION)
        return -EACCES;
    if (!current->domain->is_privileged)
        return -EPERM;
    switch (op.cmd) {
    case XEN_SYSCTL_physinfo:
        physinfo(&op.u.physinfo);
        rc = 0;
        break;
    case XEN_SYSCTL_getdomaininfolist:
        rc = domaininfo_list(&op.u.getdomaininfolist);
        break;
    case XEN_SYSCTL_sched_id:
        op.u.sched_id.sched_id = XEN_SCHEDULER_CREDIT;
        rc = 0;
        break;
    default:
        return -ENOSYS;
    }
    if (!rc && copy_to_guest(arg, &op, sizeof(op)))
        rc = -EFAULT;
    return rc;
}
