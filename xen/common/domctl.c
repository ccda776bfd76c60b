/* SPDX-License-Identifier: GPL-2.0-only */
/* domctl: the toolstack's domain operations (create, destroy, pause, limits, info). */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/vtime.h>
#include <asm/guest_access.h>
#include <asm/pv.h>
#include <public/domctl.h>

static DEFINE_SPINLOCK(create_lock);    /* one id allocation at a time */
static DEFINE_SPINLOCK(kill_lock);      /* one domain_kill() step at a time */

void getdomaininfo(struct domain *d, struct xen_domctl_getdomaininfo *info)
{
    uint32_t flags = XEN_DOMINF_blocked;
    uint64_t cpu_time = 0;

    memset(info, 0, sizeof(*info));
    info->domain = d->domain_id;
    info->max_vcpu_id = XEN_INVALID_MAX_VCPU_ID;
    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        struct vcpu *v = d->vcpu[i];
        if (!v)
            continue;
        struct vcpu_runstate_info r;
        vcpu_runstate_get(v, &r);
        cpu_time += r.time[RUNSTATE_running];
        info->max_vcpu_id = i;
        if (v->pause_flags & VPF_down)
            continue;
        if (!(v->pause_flags & VPF_blocked))
            flags &= ~XEN_DOMINF_blocked;
        if (v->is_running)
            flags |= XEN_DOMINF_running;
        info->nr_online_vcpus++;
    }
    /* As Xen: "dying" only once released (DOMDYING_dead). */
    info->flags = (info->nr_online_vcpus ? flags : 0) |
                  (d->is_dying == DOMDYING_dead ? XEN_DOMINF_dying : 0) |
                  (d->is_shut_down ? XEN_DOMINF_shutdown : 0) |
                  (d->ctl_paused ? XEN_DOMINF_paused : 0) |
                  (d->is_shut_down ? (d->shutdown_code & XEN_DOMINF_shutdownmask) << XEN_DOMINF_shutdownshift : 0);
    info->tot_pages = d->tot_pages;
    info->max_pages = d->max_pages;
    info->shared_info_frame = d->shared_info_mfn;
    info->cpu_time = cpu_time;
    memcpy(info->handle, d->handle, sizeof(info->handle));
    info->gpaddr_bits = 52;
}

/* Xen's rules for a PV domain: known flags only, none we do not implement, one vCPU at least,
 * grant table v1 within the limits, no trace buffers, no emulated devices. */
static int check_config(const struct xen_domctl_createdomain *c)
{
    if (c->flags)
        return -EINVAL;                 /* HVM, HAP, IOMMU, vPMU, ...: not supported (unknown: Xen's -EINVAL) */
    if (c->grant_opts & ~XEN_DOMCTL_GRANT_version_mask)
        return -EINVAL;
    if (c->max_vcpus < 1 || c->max_vcpus > MAX_VIRT_CPUS)
        return -EINVAL;
    if (c->iommu_opts || c->vmtrace_size || c->cpupool_id)
        return -EINVAL;
    if (c->arch.misc_flags & ~XEN_X86_MSR_RELAXED)
        return -EINVAL;
    if (c->arch.emulation_flags & ~XEN_X86_EMU_PIT)
        return c->arch.emulation_flags & ~0x7ffU ? -EINVAL : -EOPNOTSUPP;
    if (XEN_DOMCTL_GRANT_version(c->grant_opts) != 1)
        return -EINVAL;                 /* grant table v1 only */
    if (c->max_grant_frames == 0 || c->max_grant_frames > 64 || c->max_maptrack_frames > 1024)
        return -EINVAL;
    return 0;
}

static long create_domain(struct xen_domctl *op)
{
    static domid_t rover;
    struct xen_domctl_createdomain *c = &op->u.createdomain;
    domid_t dom = op->domain;
    int rc;

    spin_lock(&create_lock);
    if (dom > 0 && dom < DOMID_FIRST_RESERVED) {
        rc = domain_exists(dom) ? -EEXIST : 0;
    } else {
        for (dom = rover + 1; dom != rover; dom++) {
            if (dom == DOMID_FIRST_RESERVED)
                dom = 1;
            if (!domain_exists(dom))
                break;
        }
        rc = dom == rover ? -ENOMEM : 0;
        if (!rc)
            rover = dom;
    }
    if (!rc)
        rc = check_config(c);           /* after the id, as Xen */
    struct domain *d = NULL;
    if (!rc) {
        char name[16];
        snprintf(name, sizeof(name), "d%u", dom);
        d = domain_create(dom, c->max_vcpus, false, name);
        rc = d ? 0 : -ENOMEM;
    }
    spin_unlock(&create_lock);
    if (rc)
        return rc;
    memcpy(d->handle, c->handle, sizeof(d->handle));
    d->max_evtchn_port = MIN(c->max_evtchn_port, NR_EVTCHN_2L - 1);
    d->ctl_paused = 1;                  /* as Xen: created paused, unpaused by the toolstack */
    domain_pause(d);
    printk(XENLOG_INFO "Domain %u created (%u vCPUs)\n", dom, c->max_vcpus);
    op->domain = dom;
    return 0;
}

static long max_vcpus(struct domain *d, unsigned int max)
{
    if (d == current->domain || max != d->max_vcpus)
        return -EINVAL;
    long rc = 0;
    domain_pause(d);
    for (unsigned int i = 0; i < max && !rc; i++)
        if (!d->vcpu[i] && !vcpu_create(d, i, i % num_online_cpus()))
            rc = -ENOMEM;
    domain_unpause(d);
    return rc;
}

static long pause_domain(struct domain *d, bool pause)
{
    if (d == current->domain)
        return -EINVAL;
    if (pause) {
        __atomic_fetch_add(&d->ctl_paused, 1, __ATOMIC_SEQ_CST);
        domain_pause(d);
        return 0;
    }
    unsigned int x = __atomic_load_n(&d->ctl_paused, __ATOMIC_SEQ_CST);
    do {
        if (x == 0)
            return -EINVAL;             /* not paused by the toolstack */
    } while (!__atomic_compare_exchange_n(&d->ctl_paused, &x, x - 1, false, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST));
    domain_unpause(d);
    return 0;
}

static long domctl_on(struct xen_domctl *op, struct domain *d, unsigned long arg, bool *copyback)
{
    switch (op->cmd) {
    case XEN_DOMCTL_destroydomain: {
        spin_lock(&kill_lock);
        int rc = domain_kill(d);
        spin_unlock(&kill_lock);
        if (rc == -ERESTART_INTERNAL)
            return hypercall_create_continuation(1, arg);
        return rc;
    }
    case XEN_DOMCTL_pausedomain:
    case XEN_DOMCTL_unpausedomain:
        return pause_domain(d, op->cmd == XEN_DOMCTL_pausedomain);
    case XEN_DOMCTL_getdomaininfo:
        getdomaininfo(d, &op->u.getdomaininfo);
        *copyback = true;
        return 0;
    case XEN_DOMCTL_setvcpucontext:
    case XEN_DOMCTL_getvcpucontext:
    case XEN_DOMCTL_hypercall_init:
        return pv_domctl_builder(op, d, arg, copyback);     /* pv/domctl-vcpucontext.c */
    case XEN_DOMCTL_max_mem: {
        uint64_t pages = op->u.max_mem.max_memkb >> (PAGE_SHIFT - 10);
        unsigned long f = spin_lock_irqsave(&d->page_alloc_lock);
        d->max_pages = pages;           /* below tot_pages: no new allocations until it is not */
        spin_unlock_irqrestore(&d->page_alloc_lock, f);
        return 0;
    }
    case XEN_DOMCTL_max_vcpus:
        return max_vcpus(d, op->u.max_vcpus.max);
    default:
        return domctl_sched(op, d, copyback);
    }
}

/* Xen's order: unreadable -EFAULT, wrong version -EACCES, unknown domain -ESRCH, then -EPERM. */
long do_domctl(unsigned long arg)
{
    struct xen_domctl op;
    bool copyback = false;
    long rc;

    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    if (op.interface_version != XEN_DOMCTL_INTERFACE_VERSION)
        return -EACCES;
    if (op.cmd == XEN_DOMCTL_createdomain) {
        if (!current->domain->is_privileged)
            return -EPERM;
        rc = create_domain(&op);
        copyback = !rc;
    } else {
        struct domain *d = get_domain_by_id(op.domain);
        if (!d)
            return -ESRCH;
        rc = current->domain->is_privileged ? domctl_on(&op, d, arg, &copyback) : -EPERM;
        put_domain(d);
    }
    if (copyback && copy_to_guest(arg, &op, sizeof(op)))
        rc = -EFAULT;
    return rc;
}
