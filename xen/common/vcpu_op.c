/* SPDX-License-Identifier: GPL-2.0-only */
/* HYPERVISOR_vcpu_op: vCPU state queries, timers, runstate area, and moving vcpu_info into guest memory. */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/vtime.h>
#include <asm/guest_access.h>
#include <asm/pv.h>
#include <asm/pv-mm.h>
#include <xen/buddy.h>
#include <public/sched.h>

/*
 * VCPUOP_register_vcpu_info: the frame must be the domain's and able to take a
 * writable type (so never a page table or descriptor page); the references
 * taken here keep it so until the domain dies. Debian's Xen 4.17 answers:
 * -ENXIO for an offset crossing the page or misaligned; -EINVAL for a bad
 * frame, a second registration, or a running vCPU other than the caller.
 */
static long register_vcpu_info(struct vcpu *v, unsigned long arg)
{
    struct domain *d = v->domain;
    struct vcpu_register_vcpu_info info;

    if (copy_from_guest(&info, arg, sizeof(info)))
        return -EFAULT;
    if (info.offset > PAGE_SIZE - sizeof(struct vcpu_info) ||
        (info.offset & (_Alignof(struct vcpu_info) - 1)))
        return -ENXIO;                  /* Debian's 4.17 (guest-area mapping backport) says so */
    if (!mfn_valid(info.mfn))
        return -EINVAL;

    spin_lock(&d->lock);
    long rc = -EINVAL;
    if (v->vcpu_info_mfn != INVALID_MFN || (v != current && !(v->pause_flags & VPF_down)))
        goto out;
    struct page_info *pg = mfn_to_page(info.mfn);
    if (!get_page(pg, d))
        goto out;
    if (get_page_type(pg, PGT_writable_page)) {
        put_page(pg);
        goto out;
    }

    struct vcpu_info *new_info = (void *)((char *)mfn_to_virt(info.mfn) + info.offset);
    memcpy(new_info, v->vcpu_info, sizeof(*new_info));
    WRITE_ONCE(v->vcpu_info, new_info);
    v->vcpu_info_mfn = info.mfn;
    barrier();
    /* Events raised into the old copy meanwhile: make the guest rescan every word. */
    __atomic_store_n(&new_info->evtchn_pending_sel, ~0UL, __ATOMIC_SEQ_CST);
    vcpu_mark_events_pending(v);
    rc = 0;
 out:
    spin_unlock(&d->lock);
    if (!rc)
        vcpu_time_update(v);
    return rc;
}

/* VCPUOP_up: only a vCPU with a context (VCPUOP_initialise) can run; -EINVAL before that, as Xen. */
static long vcpu_up(struct vcpu *v)
{
    struct domain *d = v->domain;
    bool wake = false;

    spin_lock(&d->lock);
    if (!vcpu_is_initialised(v)) {
        spin_unlock(&d->lock);
        return -EINVAL;
    }
    wake = __atomic_fetch_and(&v->pause_flags, ~VPF_down, __ATOMIC_SEQ_CST) & VPF_down;
    spin_unlock(&d->lock);
    if (wake)
        vcpu_wake(v);
    return 0;
}

/* VCPUOP_down: asynchronous for another vCPU; taking down the last one powers the domain off (Xen's rule). */
static long vcpu_down(struct vcpu *v)
{
    struct domain *d = v->domain;
    bool others = false;

    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        struct vcpu *o = d->vcpu[i];
        if (o && o != v && !(o->pause_flags & VPF_down))
            others = true;
    }
    if (!others) {
        domain_shutdown(d, SHUTDOWN_poweroff);
        return 0;
    }
    if (!(__atomic_fetch_or(&v->pause_flags, VPF_down, __ATOMIC_SEQ_CST) & VPF_down))
        vcpu_sleep_nosync(v);
    return 0;
}

long do_vcpu_op(int cmd, unsigned int vcpuid, unsigned long arg)
{
    struct domain *d = current->domain;
    struct vcpu *v = vcpuid < d->max_vcpus ? d->vcpu[vcpuid] : NULL;

    if (!v)
        return -ENOENT;

    switch (cmd) {
    case VCPUOP_is_up:
        return !(v->pause_flags & VPF_down);

    case VCPUOP_get_runstate_info: {
        struct vcpu_runstate_info r;
        vcpu_runstate_get(v, &r);
        return copy_to_guest(arg, &r, sizeof(r)) ? -EFAULT : 0;
    }

    case VCPUOP_register_runstate_memory_area: {
        struct vcpu_register_runstate_memory_area area;
        if (copy_from_guest(&area, arg, sizeof(area)))
            return -EFAULT;
        return vcpu_runstate_register(v, area.addr.p);
    }

    case VCPUOP_set_periodic_timer: {
        struct vcpu_set_periodic_timer set;
        if (copy_from_guest(&set, arg, sizeof(set)))
            return -EFAULT;
        if (set.period_ns < (uint64_t)MILLISECS(1) || set.period_ns > (uint64_t)STIME_DELTA_MAX)
            return -EINVAL;
        vcpu_set_periodic_timer(v, set.period_ns);
        return 0;
    }

    case VCPUOP_stop_periodic_timer:
        vcpu_set_periodic_timer(v, 0);
        return 0;

    case VCPUOP_set_singleshot_timer: {
        struct vcpu_set_singleshot_timer set;
        if (v != current)
            return -EINVAL;
        if (copy_from_guest(&set, arg, sizeof(set)))
            return -EFAULT;
        /* VCPU_SSHOTTMR_future is ignored, as in Xen 4.17 (Debian): a past deadline fires now. */
        vcpu_set_singleshot_timer(v, set.timeout_abs_ns);
        return 0;
    }

    case VCPUOP_stop_singleshot_timer:
        if (v != current)
            return -EINVAL;
        vcpu_stop_singleshot_timer(v);
        return 0;

    case VCPUOP_register_vcpu_info:
        return register_vcpu_info(v, arg);

    case VCPUOP_initialise:
        return pv_vcpu_initialise(v, cmd, arg);

    case VCPUOP_up:
        return vcpu_up(v);

    case VCPUOP_down:
        return vcpu_down(v);
    }
    /* The time area and the rest: not yet. */
    return -ENOSYS;
}

