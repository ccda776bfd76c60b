/* SPDX-License-Identifier: GPL-2.0-only */
/* Secondary vCPUs for tests: a vcpu_guest_context that starts a function on its own stack. */
#include "guest.h"

void event_entry(void);
void failsafe_entry(void);

void vcpu_context_init(struct vcpu_guest_context *c, void (*fn)(void), void *stack, size_t size)
{
    memset(c, 0, sizeof(*c));
    c->flags = VGCF_in_kernel;
    c->user_regs.rip = (uint64_t)fn;
    c->user_regs.rsp = (((uint64_t)stack + size) & ~15UL) - 8;  /* as after a call */
    c->user_regs.cs = FLAT_KERNEL_CS;
    c->user_regs.ss = FLAT_KERNEL_SS;
    c->user_regs.rflags = 0x200;
    trap_table_fill(c->trap_ctxt);
    c->kernel_ss = FLAT_KERNEL_SS;
    c->kernel_sp = c->user_regs.rsp;
    c->event_callback_eip = (uint64_t)event_entry;
    c->failsafe_callback_eip = (uint64_t)failsafe_entry;
    c->ctrlreg[3] = xen_pfn_to_cr3(virt_to_mfn((void *)start_info->pt_base));
}
