/* SPDX-License-Identifier: GPL-2.0-only */
/* HYPERVISOR_sched_op: yield, block, shut down. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <public/sched.h>

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
        if (!v->domain->is_privileged)
            return -EPERM;
        if (copy_from_guest(&r, arg, sizeof(r)))
            return -EFAULT;
        if (r.reason > SHUTDOWN_MAX)
            return -EINVAL;
        struct domain *d = get_domain_by_id(r.domain_id);
        if (!d)
            return -ESRCH;
        domain_shutdown(d, r.reason);
        return 0;
    }
    }
    return -ENOSYS;
}
