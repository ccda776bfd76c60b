/* SPDX-License-Identifier: GPL-2.0-only */
/* The one hypercall table: number, handler, who may call it, preemptible or not; and the dispatcher. */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/vtime.h>

/* Every handler takes up to six integer/pointer arguments; the x86-64 ABI lets one type call them all. */
typedef long (*hypercall_fn_t)(unsigned long, unsigned long, unsigned long,
                               unsigned long, unsigned long, unsigned long);

#define HC_PRIV    1                    /* privileged domains only */
#define HC_PREEMPT 2                    /* may return -ERESTART_INTERNAL (a continuation) */

struct hypercall_desc {
    hypercall_fn_t fn;
    unsigned int flags;
};

#define HC(nr, handler, fl) [__HYPERVISOR_##nr] = { (hypercall_fn_t)(void (*)(void))(handler), (fl) }

static const struct hypercall_desc hypercall_table[64] = {
    HC(set_trap_table, do_set_trap_table, HC_PREEMPT),
    HC(set_gdt, do_set_gdt, 0),
    HC(stack_switch, do_stack_switch, 0),
    HC(set_callbacks, do_set_callbacks, 0),
    HC(fpu_taskswitch, do_fpu_taskswitch, 0),
    HC(set_debugreg, do_set_debugreg, 0),
    HC(get_debugreg, do_get_debugreg, 0),
    HC(update_descriptor, do_update_descriptor, 0),
    HC(xen_version, do_xen_version, 0),
    HC(console_io, do_console_io, HC_PREEMPT),
    HC(vm_assist, do_vm_assist, 0),
    HC(iret, do_iret, 0),
    HC(set_segment_base, do_set_segment_base, 0),
    HC(sched_op, do_sched_op, 0),
    HC(callback_op, do_callback_op, 0),
    HC(set_timer_op, do_set_timer_op, 0),
    HC(event_channel_op, do_event_channel_op, 0),
    HC(vcpu_op, do_vcpu_op, HC_PREEMPT),   /* initialise: L4 validation */
    HC(mmu_update, do_mmu_update, HC_PREEMPT),
    HC(mmuext_op, do_mmuext_op, HC_PREEMPT),
    HC(update_va_mapping, do_update_va_mapping, 0),
    HC(update_va_mapping_otherdomain, do_update_va_mapping_otherdomain, 0),
    HC(multicall, do_multicall, HC_PREEMPT),
    HC(memory_op, do_memory_op, HC_PREEMPT),
    HC(grant_table_op, do_grant_table_op, HC_PREEMPT),
    HC(physdev_op, do_physdev_op, 0),   /* physdev_op_compat (19) stays -ENOSYS */
    HC(sysctl, do_sysctl, 0),           /* privilege checked inside, after Xen's -EFAULT/-EACCES */
    HC(domctl, do_domctl, HC_PREEMPT),  /* likewise; destroydomain continues */
    HC(platform_op, do_platform_op, 0), /* privilege checked after the version, as Xen */
};

long hypercall_invoke(unsigned long nr, const unsigned long a[6])
{
    if (nr >= ARRAY_SIZE(hypercall_table) || !hypercall_table[nr].fn)
        return -ENOSYS;
    const struct hypercall_desc *h = &hypercall_table[nr];
    if ((h->flags & HC_PRIV) && !current->domain->is_privileged)
        return -EPERM;
    long rc = h->fn(a[0], a[1], a[2], a[3], a[4], a[5]);
    /* Only calls marked preemptible create continuations; the flag is ours alone to set. */
    BUG_ON(current->hcall_preempted && !(h->flags & HC_PREEMPT));
    return rc;
}

/*
 * A continuation is signalled by current->hcall_preempted, never by the return value:
 * iret returns the guest's own %rax, which may hold any number (-ERESTART_INTERNAL too).
 */
void pv_hypercall(struct cpu_user_regs *regs)
{
    unsigned long a[6] = { regs->rdi, regs->rsi, regs->rdx, regs->r10, regs->r8, regs->r9 };
    current->hcall_preempted = false;
    long rc = hypercall_invoke(regs->rax, a);
    if (current->hcall_preempted) {
        current->hcall_preempted = false;
        regs->rip -= 2;                 /* re-issue the syscall with the saved progress */
    } else {
        regs->rax = rc;                 /* for iret: the guest's own %rax */
    }
}

/* Inside a multicall, a preempted call saves its progress in its entry, not in registers. */
static DEFINE_PER_CPU(unsigned long *, multicall_args);

void hypercall_set_multicall_args(unsigned long *args)
{
    this_cpu(multicall_args) = args;
}

long hypercall_create_continuation(unsigned int nargs, ...)
{
    struct cpu_user_regs *regs = guest_cpu_user_regs();
    uint64_t *slots[6] = { &regs->rdi, &regs->rsi, &regs->rdx, &regs->r10, &regs->r8, &regs->r9 };
    unsigned long *mc = this_cpu(multicall_args);
    va_list ap;
    va_start(ap, nargs);
    for (unsigned int i = 0; i < nargs && i < 6; i++) {
        unsigned long v = va_arg(ap, unsigned long);
        if (mc)
            mc[i] = v;
        else
            *slots[i] = v;
    }
    va_end(ap);
    current->hcall_preempted = true;
    return -ERESTART_INTERNAL;
}

bool hypercall_preempt_check(void)
{
    return softirq_pending(smp_processor_id());
}
