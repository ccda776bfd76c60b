/* SPDX-License-Identifier: GPL-2.0-only */
/* multicall: a batch of hypercalls in one entry, each with its own result; preemptible. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <asm/guest_access.h>

static DEFINE_PER_CPU(bool, in_multicall);

static long run_batch(unsigned long list, unsigned int nr)
{
    const unsigned long sz = sizeof(struct multicall_entry);

    for (unsigned int i = 0; i < nr; i++) {
        struct multicall_entry call;
        unsigned long entry = list + i * sz;

        if (i && hypercall_preempt_check())
            return hypercall_create_continuation(2, entry, (unsigned long)(nr - i));
        if (copy_from_guest(&call, entry, sz))
            return -EFAULT;
        /* XSA-213: iret leaves the context the rest of the batch was issued from. */
        if (call.op == __HYPERVISOR_iret)
            return do_iret();

        hypercall_set_multicall_args((unsigned long *)call.args);
        current->hcall_preempted = false;
        long rc = hypercall_invoke(call.op, (unsigned long *)call.args);
        hypercall_set_multicall_args(NULL);

        if (current->hcall_preempted) {
            current->hcall_preempted = false;
            /* The call saved its progress in its entry: store it and resume the batch there. */
            if (copy_to_guest(entry, &call, sz))
                return -EFAULT;
            return hypercall_create_continuation(2, entry, (unsigned long)(nr - i));
        }
        call.result = rc;
        if (copy_to_guest(entry + offsetof(struct multicall_entry, result), &call.result,
                          sizeof(call.result)))
            return -EFAULT;
        if (!current->arch.kernel_mode)
            break;                      /* a call switched to guest user mode: stop here */
    }
    return 0;
}

long do_multicall(unsigned long call_list, unsigned int nr_calls)
{
    if (this_cpu(in_multicall))
        return -EINVAL;                 /* no nesting */
    this_cpu(in_multicall) = true;
    long rc = run_batch(call_list, nr_calls);
    this_cpu(in_multicall) = false;
    return rc;
}
