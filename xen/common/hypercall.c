/* SPDX-License-Identifier: GPL-2.0-only */
/* The one hypercall table: number, handler, who may call it; and the dispatcher. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/softirq.h>

/* Every handler takes up to six integer/pointer arguments; the x86-64 ABI lets one type call them all. */
typedef long (*hypercall_fn_t)(unsigned long, unsigned long, unsigned long,
                               unsigned long, unsigned long, unsigned long);

#define HC_PRIV 1                       /* privileged domains only */

struct hypercall_desc {
    hypercall_fn_t fn;
    unsigned int flags;
};

#define HC(nr, handler, fl) [__HYPERVISOR_##nr] = { (hypercall_fn_t)(void (*)(void))(handler), (fl) }

static const struct hypercall_desc hypercall_table[64] = {
    HC(set_trap_table, do_set_trap_table, 0),
    HC(stack_switch, do_stack_switch, 0),
    HC(set_callbacks, do_set_callbacks, 0),
    HC(fpu_taskswitch, do_fpu_taskswitch, 0),
    HC(xen_version, do_xen_version, 0),
    HC(console_io, do_console_io, 0),
    HC(vm_assist, do_vm_assist, 0),
    HC(iret, do_iret, 0),
    HC(set_segment_base, do_set_segment_base, 0),
    HC(sched_op, do_sched_op, 0),
    HC(callback_op, do_callback_op, 0),
};

void pv_hypercall(struct cpu_user_regs *regs)
{
    unsigned long nr = regs->rax;

    if (nr >= ARRAY_SIZE(hypercall_table) || !hypercall_table[nr].fn) {
        regs->rax = -ENOSYS;
        return;
    }
    const struct hypercall_desc *h = &hypercall_table[nr];
    if ((h->flags & HC_PRIV) && !current->domain->is_privileged) {
        regs->rax = -EPERM;
        return;
    }
    long rc = h->fn(regs->rdi, regs->rsi, regs->rdx, regs->r10, regs->r8, regs->r9);
    if (rc == -ERESTART_INTERNAL)
        regs->rip -= 2;                 /* re-issue the syscall with the saved progress */
    else
        regs->rax = rc;                 /* for iret: the guest's own %rax */
}

long hypercall_create_continuation(unsigned int nargs, ...)
{
    struct cpu_user_regs *regs = guest_cpu_user_regs();
    uint64_t *slots[6] = { &regs->rdi, &regs->rsi, &regs->rdx, &regs->r10, &regs->r8, &regs->r9 };
    va_list ap;
    va_start(ap, nargs);
    for (unsigned int i = 0; i < nargs && i < 6; i++)
        *slots[i] = va_arg(ap, unsigned long);
    va_end(ap);
    return -ERESTART_INTERNAL;
}

bool hypercall_preempt_check(void)
{
    return softirq_pending(smp_processor_id());
}
