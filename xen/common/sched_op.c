/* SPDX-License-Identifier: GPL-2.0-only */
/* HYPERVISOR_sched_op: yield, block, poll, shut down. */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <asm/guest_access.h>
#include <public/sched.h>

#define POLL_MAX_PORTS 128               /* Xen's limit */

/*
 * SCHEDOP_poll: sleep until one of @p's ports is pending (masked or not), an
 * upcall is deliverable, or the absolute timeout passes. The vCPU is marked
 * blocked and polling first, so an event raised while the ports are checked
 * wakes it (evtchn_set_pending looks at d->poll_mask).
 */
static long sched_poll(const struct sched_poll *p)
{
    struct vcpu *v = current;
    struct domain *d = v->domain;
    unsigned long ports = (unsigned long)p->ports.p;
    evtchn_port_t port = 0;
    long rc = 0;

    if (p->nr_ports > POLL_MAX_PORTS)
        return -EINVAL;
    if (!guest_range_ok(ports, p->nr_ports * sizeof(port)))
        return -EFAULT;

    __atomic_fetch_or(&v->pause_flags, VPF_blocked, __ATOMIC_SEQ_CST);
    v->poll_evtchn = -1;
    __atomic_fetch_or(&d->poll_mask, 1UL << v->vcpu_id, __ATOMIC_SEQ_CST);

    if (v->vcpu_info->evtchn_upcall_pending && !v->vcpu_info->evtchn_upcall_mask)
        goto out;
    for (unsigned int i = 0; i < p->nr_ports; i++) {
        rc = -EFAULT;
        if (copy_from_guest(&port, ports + i * sizeof(port), sizeof(port)))
            goto out;
        rc = -EINVAL;
        if (port >= NR_EVTCHN_2L)
            goto out;
        rc = 0;
        if (evtchn_is_pending(d, port))
            goto out;
    }
    if (p->nr_ports == 1)
        v->poll_evtchn = port;
    if (p->timeout)
        set_timer(&v->time.poll_timer, p->timeout);
    raise_softirq(SCHEDULE_SOFTIRQ);
    return 0;

 out:
    v->poll_evtchn = 0;
    __atomic_fetch_and(&d->poll_mask, ~(1UL << v->vcpu_id), __ATOMIC_SEQ_CST);
    __atomic_fetch_and(&v->pause_flags, ~VPF_blocked, __ATOMIC_SEQ_CST);
    return rc;
}

long do_sched_op(int cmd, unsigned long arg)
{
    struct vcpu *v = current;

    switch (cmd) {
    case SCHEDOP_yield:
        vcpu_yield();
        return 0;
    case SCHEDOP_block:
        if (v->vcpu_info)
            v->vcpu_info->evtchn_upcall_mask = 0;   /* blocking enables events, atomically */
        vcpu_block();
        return 0;
    case SCHEDOP_poll: {
        struct sched_poll poll;
        if (copy_from_guest(&poll, arg, sizeof(poll)))
            return -EFAULT;
        return sched_poll(&poll);
    }
    case SCHEDOP_shutdown:
    case SCHEDOP_shutdown_code: {
        struct sched_shutdown s;
        if (copy_from_guest(&s, arg, sizeof(s)))
            return -EFAULT;
        if (s.reason > SHUTDOWN_MAX)
            return -EINVAL;
        if (cmd == SCHEDOP_shutdown_code) {
            v->domain->shutdown_code = s.reason;
            return 0;
        }
        domain_shutdown(v->domain, s.reason);
        return 0;
    }
    case SCHEDOP_remote_shutdown: {
        struct sched_remote_shutdown r;
        if (copy_from_guest(&r, arg, sizeof(r)))
            return -EFAULT;
        struct domain *d = get_domain_by_id(r.domain_id);
        if (!d)
            return -ESRCH;
        long rc = 0;
        if (!v->domain->is_privileged)
            rc = -EPERM;                /* Xen: after the lookup, as its XSM check is */
        else if (r.reason > SHUTDOWN_MAX)
            rc = -EINVAL;
        else
            domain_shutdown(d, r.reason);
        put_domain(d);
        return rc;
    }
    }
    return -ENOSYS;
}
