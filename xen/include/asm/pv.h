/* SPDX-License-Identifier: GPL-2.0-only */
/* Entry points between the x86 trap/syscall code and the PV layer. */
#ifndef ASM_PV_H
#define ASM_PV_H

#include <xen/types.h>
#include <asm/regs.h>

struct vcpu;

#define X86_EFLAGS_TF   0x00000100
#define X86_EFLAGS_IF   0x00000200
#define X86_EFLAGS_DF   0x00000400
#define X86_EFLAGS_IOPL 0x00003000
#define X86_EFLAGS_NT   0x00004000
#define X86_EFLAGS_RF   0x00010000
#define X86_EFLAGS_VM   0x00020000
#define X86_EFLAGS_AC   0x00040000

/* A guest exception (vector < 32) taken from ring 3 on the guest frame. */
void pv_handle_exception(struct cpu_user_regs *regs);

/* Deliver @vector to the guest's trap table entry; false if the domain was crashed instead. */
bool pv_inject_trap(unsigned int vector, bool has_error_code, uint32_t error_code);
/* Build a bounce frame and resume the guest at @handler in kernel mode. */
bool pv_create_bounce_frame(struct cpu_user_regs *regs, unsigned long handler,
                            bool has_error_code, uint32_t error_code, bool mask_events);

void toggle_guest_mode(struct vcpu *v);
/* VCPUOP_initialise (pv/vcpu-context.c): load a guest context into a vCPU without one. */
long pv_vcpu_initialise(struct vcpu *v, unsigned int cmd, unsigned long arg);
long pv_vcpu_set_context(struct vcpu *v, const struct vcpu_guest_context *c);
void pv_vcpu_reset(struct vcpu *v);
struct xen_domctl;
/* XEN_DOMCTL_setvcpucontext / getvcpucontext / hypercall_init (pv/domctl-vcpucontext.c). */
long pv_domctl_builder(struct xen_domctl *op, struct domain *d, unsigned long arg, bool *copyback);
void pv_load_page_table(struct vcpu *v);   /* %cr3 for v's current mode */

/* Emulation hooks, tried before an exception is bounced. */
bool pv_emulate_privileged_op(struct cpu_user_regs *regs);    /* #GP */
bool pv_emulate_invalid_op(struct cpu_user_regs *regs);       /* #UD: forced-emulation CPUID */
bool pv_ro_page_fault(struct cpu_user_regs *regs, unsigned long addr);  /* ptwr */

#endif
