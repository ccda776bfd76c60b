/* SPDX-License-Identifier: GPL-2.0-only */
/* Hypercall primitives: raw `syscall` (Linux 6.1 style) and calls through the hypercall page. */
#ifndef GUEST_HYPERCALL_H
#define GUEST_HYPERCALL_H

#include <stdint.h>

/*
 * Register contract: %rax = number, arguments in %rdi %rsi %rdx %r10 %r8,
 * result in %rax. `syscall` destroys %rcx and %r11; the hypervisor may
 * clobber argument registers, so all of them are outputs here.
 */
static inline long hypercall_raw(unsigned long nr, unsigned long a1, unsigned long a2,
                                 unsigned long a3, unsigned long a4, unsigned long a5)
{
    register unsigned long rax asm("rax") = nr;
    register unsigned long rdi asm("rdi") = a1;
    register unsigned long rsi asm("rsi") = a2;
    register unsigned long rdx asm("rdx") = a3;
    register unsigned long r10 asm("r10") = a4;
    register unsigned long r8 asm("r8") = a5;

    asm volatile("syscall"
                 : "+r"(rax), "+r"(rdi), "+r"(rsi), "+r"(rdx), "+r"(r10), "+r"(r8)
                 :
                 : "rcx", "r11", "r9", "memory");
    return (long)rax;
}

extern uint8_t hypercall_page[4096];

/* The same call through stub `nr` of the hypercall page the builder filled in. */
static inline long hypercall_via_page(unsigned long nr, unsigned long a1, unsigned long a2,
                                      unsigned long a3, unsigned long a4, unsigned long a5)
{
    register unsigned long rdi asm("rdi") = a1;
    register unsigned long rsi asm("rsi") = a2;
    register unsigned long rdx asm("rdx") = a3;
    register unsigned long r10 asm("r10") = a4;
    register unsigned long r8 asm("r8") = a5;
    register unsigned long rax asm("rax");
    void *stub = hypercall_page + nr * 32;

    asm volatile("call *%[stub]"
                 : "=r"(rax), "+r"(rdi), "+r"(rsi), "+r"(rdx), "+r"(r10), "+r"(r8)
                 : [stub] "r"(stub)
                 : "rcx", "r11", "r9", "memory");
    return (long)rax;
}

#define HC(nr, a1, a2, a3, a4, a5) \
    hypercall_raw((nr), (unsigned long)(a1), (unsigned long)(a2), (unsigned long)(a3), \
                  (unsigned long)(a4), (unsigned long)(a5))

#define hc_set_trap_table(t)          HC(__HYPERVISOR_set_trap_table, t, 0, 0, 0, 0)
#define hc_mmu_update(r, n, d, dom)   HC(__HYPERVISOR_mmu_update, r, n, d, dom, 0)
#define hc_stack_switch(ss, sp)       HC(__HYPERVISOR_stack_switch, ss, sp, 0, 0, 0)
#define hc_set_callbacks(e, f, s)     HC(__HYPERVISOR_set_callbacks, e, f, s, 0, 0)
#define hc_fpu_taskswitch(set)        HC(__HYPERVISOR_fpu_taskswitch, set, 0, 0, 0, 0)
#define hc_update_descriptor(ma, d)   HC(__HYPERVISOR_update_descriptor, ma, d, 0, 0, 0)
#define hc_memory_op(cmd, arg)        HC(__HYPERVISOR_memory_op, cmd, arg, 0, 0, 0)
#define hc_multicall(l, n)            HC(__HYPERVISOR_multicall, l, n, 0, 0, 0)
#define hc_update_va_mapping(va, pte, fl) HC(__HYPERVISOR_update_va_mapping, va, pte, fl, 0, 0)
#define hc_set_timer_op(t)            HC(__HYPERVISOR_set_timer_op, t, 0, 0, 0, 0)
#define hc_xen_version(cmd, arg)      HC(__HYPERVISOR_xen_version, cmd, arg, 0, 0, 0)
#define hc_console_io(cmd, n, buf)    HC(__HYPERVISOR_console_io, cmd, n, buf, 0, 0)
#define hc_vm_assist(cmd, type)       HC(__HYPERVISOR_vm_assist, cmd, type, 0, 0, 0)
#define hc_vcpu_op(cmd, vcpu, arg)    HC(__HYPERVISOR_vcpu_op, cmd, vcpu, arg, 0, 0)
#define hc_set_segment_base(w, v)     HC(__HYPERVISOR_set_segment_base, w, v, 0, 0, 0)
#define hc_mmuext_op(o, n, d, dom)    HC(__HYPERVISOR_mmuext_op, o, n, d, dom, 0)
#define hc_sched_op(cmd, arg)         HC(__HYPERVISOR_sched_op, cmd, arg, 0, 0, 0)
#define hc_callback_op(cmd, arg)      HC(__HYPERVISOR_callback_op, cmd, arg, 0, 0, 0)
#define hc_event_channel_op(cmd, arg) HC(__HYPERVISOR_event_channel_op, cmd, arg, 0, 0, 0)
#define hc_physdev_op(cmd, arg)       HC(__HYPERVISOR_physdev_op, cmd, arg, 0, 0, 0)
#define hc_domctl(op)                 HC(__HYPERVISOR_domctl, op, 0, 0, 0, 0)
#define hc_sysctl(op)                 HC(__HYPERVISOR_sysctl, op, 0, 0, 0, 0)
#define hc_platform_op(op)            HC(__HYPERVISOR_platform_op, op, 0, 0, 0, 0)
#define hc_grant_table_op(cmd, uop, n) HC(__HYPERVISOR_grant_table_op, cmd, uop, n, 0, 0)

#endif
