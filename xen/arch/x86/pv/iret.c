/* SPDX-License-Identifier: GPL-2.0-only */
/* HYPERVISOR_iret: return from a bounce frame, possibly to user mode. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/pv.h>

long do_iret(void)
{
    struct cpu_user_regs *regs = guest_cpu_user_regs();
    struct vcpu *v = current;
    struct iret_context c;

    if (copy_from_guest(&c, regs->rsp, sizeof(c))) {
        domain_crash(v->domain, "iret frame at %#lx unreadable", (unsigned long)regs->rsp);
        return -EFAULT;
    }
    if (!is_canonical(c.rip) || !is_canonical(c.rsp)) {
        domain_crash(v->domain, "iret to non-canonical rip %#lx / rsp %#lx",
                     (unsigned long)c.rip, (unsigned long)c.rsp);
        return -EINVAL;
    }
    if ((c.cs & 3) == 3 && v->arch.kernel_mode) {
        if (!v->arch.guest_table_user) {
            domain_crash(v->domain, "iret to user mode without a user page table");
            return -EINVAL;
        }
        toggle_guest_mode(v);
    }
    regs->rip = c.rip;
    regs->cs = c.cs | 3;                /* everything a PV guest runs is ring 3 */
    regs->rflags = (c.rflags & ~(X86_EFLAGS_IOPL | X86_EFLAGS_VM | X86_EFLAGS_NT)) | X86_EFLAGS_IF;
    regs->rsp = c.rsp;
    regs->ss = c.ss | 3;
    if (!(c.flags & VGCF_in_syscall)) {
        regs->r11 = c.r11;
        regs->rcx = c.rcx;
    }
    if (v->vcpu_info)
        v->vcpu_info->evtchn_upcall_mask = !(c.rflags & X86_EFLAGS_IF);
    return c.rax;                       /* the dispatcher puts it back into %rax */
}
