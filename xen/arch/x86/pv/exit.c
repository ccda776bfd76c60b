/* SPDX-License-Identifier: GPL-2.0-only */
/* The C half of guest entry and exit: syscalls, pending softirqs and event upcalls, iret faults. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <asm/pv.h>
#include <asm/processor.h>
#include <public/callback.h>

void pv_hypercall(struct cpu_user_regs *regs);

/* SYSCALL from the guest: a hypercall in kernel mode, a system call to bounce in user mode. */
void pv_syscall_entry(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;

    regs->cs = FLAT_RING3_CS64;
    regs->ss = FLAT_RING3_SS64;
    local_irq_enable();

    if (v->arch.kernel_mode && regs->entry_vector == TRAP_syscall) {
        pv_hypercall(regs);
        return;
    }
    unsigned long cb = regs->entry_vector == TRAP_syscall32 ? v->arch.syscall32_callback
                                                            : v->arch.syscall_callback;
    if (v->arch.kernel_mode || !cb) {
        /* No callback for this kind of syscall: the instruction is undefined for this guest. */
        regs->rip -= 2;
        pv_inject_trap(6, false, 0);
        return;
    }
    pv_create_bounce_frame(regs, cb, false, 0, v->arch.syscall_disables_events);
}

/* Events pending and not masked for the running vCPU? (Xen tests both bytes at once.) */
static bool events_deliverable(const struct vcpu *v)
{
    const struct vcpu_info *vi = v->vcpu_info;
    return vi && vi->evtchn_upcall_pending && !vi->evtchn_upcall_mask && v->arch.event_callback;
}

void pv_exit_to_guest(struct cpu_user_regs *regs)
{
    unsigned int cpu = smp_processor_id();
    struct vcpu *v = current;

    for (;;) {
        local_irq_disable();
        if (softirq_pending(cpu)) {
            local_irq_enable();
            do_softirq();               /* may switch away and never come back here */
            continue;
        }
        if (!vcpu_runnable(v)) {        /* crashed or blocked while getting here */
            raise_softirq(SCHEDULE_SOFTIRQ);
            continue;
        }
        if (events_deliverable(v)) {
            pv_create_bounce_frame(regs, v->arch.event_callback, false, 0, true);
            continue;                   /* delivery masked events; re-check the rest */
        }
        return;
    }
}

void __noreturn pv_iret_fault(struct cpu_user_regs *regs)
{
    domain_crash(current->domain, "return to guest faulted: rip %016lx cs %04x rsp %016lx ss %04x",
                 (unsigned long)regs->rip, regs->cs, (unsigned long)regs->rsp, regs->ss);
    raise_softirq(SCHEDULE_SOFTIRQ);
    do_softirq();
    BUG();                              /* the scheduler switched away from the crashed vCPU */
}
