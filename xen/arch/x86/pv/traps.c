/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest exceptions: emulate what the guest may not do itself, bounce the rest to its trap table. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/pv-priv.h>

#define TRAP_nmi        2
#define TRAP_no_device  7
#define TRAP_gp_fault   13
#define TRAP_debug      1
#define TRAP_page_fault 14
#define TRAP_invalid_op 6
#define X86_PFEC_USER   4


bool pv_create_bounce_frame(struct cpu_user_regs *regs, unsigned long handler,
                            bool with_error_code, uint32_t error_code, bool mask_events)
{
    struct vcpu *v = current;
    struct vcpu_info *vi = v->vcpu_info;
    uint8_t saved_mask = vi ? vi->evtchn_upcall_mask : 1;
    bool from_user = !v->arch.kernel_mode;
    uint64_t frame[8];
    unsigned int n = 0;

    if (from_user)
        toggle_guest_mode(v);
    unsigned long sp = from_user ? v->arch.kernel_sp : regs->rsp;

    frame[n++] = regs->rcx;
    frame[n++] = regs->r11;
    if (with_error_code)
        frame[n++] = error_code;
    frame[n++] = regs->rip;
    /* Kernel-mode frames carry RPL 0 so the guest can tell them from user frames. */
    frame[n++] = (from_user ? regs->cs : (regs->cs & ~3)) | ((uint64_t)saved_mask << 32);
    frame[n++] = (regs->rflags & ~(X86_EFLAGS_IF | X86_EFLAGS_IOPL)) |
                 (saved_mask ? 0 : X86_EFLAGS_IF) |
                 ((uint64_t)(v->arch.iopl & 3) << 12);
    frame[n++] = regs->rsp;
    frame[n++] = regs->ss;

    sp = (sp & ~15UL) - n * 8;
    if (!is_canonical(sp) || copy_to_guest(sp, frame, n * 8)) {
        domain_crash(v->domain, "cannot write a bounce frame at %#lx (%s stack)", sp,
                     from_user ? "kernel_sp" : "current");
        return false;
    }
    if (mask_events && vi)
        vi->evtchn_upcall_mask = 1;
    regs->rsp = sp;
    regs->rip = handler;
    regs->cs = FLAT_KERNEL_CS;
    regs->ss = FLAT_KERNEL_SS;
    regs->rflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF | X86_EFLAGS_VM | X86_EFLAGS_AC);
    regs->rflags |= X86_EFLAGS_IF;      /* real interrupts stay on; the guest's IF is virtual */
    return true;
}

bool pv_inject_trap(unsigned int vector, bool with_error_code, uint32_t error_code)
{
    struct vcpu *v = current;
    const struct trap_info *ti = &v->arch.trap_ctxt[vector];
    if (!ti->address) {
        domain_crash(v->domain, "unhandled exception %u (error code %#x) with no guest handler",
                     vector, error_code);
        return false;
    }
    /* TI flag bit 2: an interrupt gate, which masks events. */
    return pv_create_bounce_frame(guest_cpu_user_regs(), ti->address, with_error_code,
                                  error_code, ti->flags & 4);
}

/* "int $N" at rip from the guest: #GP because our IDT gate is DPL 0. QEMU 7.2 mangles the
 * error code, so decode the instruction instead of trusting it. */
static bool emulate_software_interrupt(struct cpu_user_regs *regs)
{
    uint8_t insn[2];
    if (copy_from_guest(insn, regs->rip, 2) || insn[0] != 0xcd)
        return false;
    const struct trap_info *ti = &current->arch.trap_ctxt[insn[1]];
    unsigned int cpl = current->arch.kernel_mode ? 1 : 3;      /* guest kernel is "ring 1" */
    if (!ti->address || (ti->flags & 3) < cpl)
        return false;                   /* not permitted: the #GP goes to the guest */
    regs->rip += 2;
    pv_create_bounce_frame(regs, ti->address, false, 0, ti->flags & 4);
    return true;
}

void pv_handle_exception(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;
    unsigned int vec = regs->entry_vector;
    unsigned long cr2 = vec == TRAP_page_fault ? read_cr2() : 0;

    /* The guest ran with interrupts on: handle its fault so too. Spinning on a lock with them
     * off (ptwr takes the domain's mm_lock) would deadlock against a TLB-flush IPI from the
     * CPU holding it. */
    local_irq_enable();
    switch (vec) {
    case TRAP_page_fault: {
        if (pv_ro_page_fault(regs, cr2))
            return;
        if (v->vcpu_info)
            v->vcpu_info->arch.cr2 = cr2;
        /* The guest kernel runs in ring 3: report kernel-mode faults as supervisor ones. */
        uint32_t ec = regs->error_code;
        if (v->arch.kernel_mode)
            ec &= ~X86_PFEC_USER;
        pv_inject_trap(vec, true, ec);
        return;
    }
    case TRAP_gp_fault:
        if (!regs->error_code && pv_emulate_privileged_op(regs))
            return;
        if (emulate_software_interrupt(regs))
            return;
        break;
    case TRAP_invalid_op:
        if (pv_emulate_invalid_op(regs))
            return;
        break;
    case TRAP_debug:
        pv_debug_trap_from_guest(v);
        break;
    case TRAP_no_device:
        /* Hardware TS mirrors the guest's virtual TS: hand the #NM over and clear both. */
        if (v->arch.ctrlreg0_ts) {
            v->arch.ctrlreg0_ts = 0;
            write_cr0(read_cr0() & ~X86_CR0_TS);
            pv_inject_trap(vec, false, 0);
        } else {
            write_cr0(read_cr0() & ~X86_CR0_TS);
        }
        return;
    }
    pv_inject_trap(vec, exc_has_error_code(vec), regs->error_code);
}
