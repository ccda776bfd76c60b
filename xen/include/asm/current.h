/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-CPU state at the top of every CPU's stack block, found by masking %rsp. */
#ifndef ASM_CURRENT_H
#define ASM_CURRENT_H

#include <xen/types.h>
#include <asm/layout.h>
#include <asm/boot-defs.h>
#include <asm/regs.h>

struct vcpu;

/* See docs/design/pv-execution.md: guest_regs is where a guest's interrupt frame lands. */
struct cpu_info {
    uint64_t _pad;                      /* makes the end of guest_regs 16-byte aligned */
    struct cpu_user_regs guest_regs;
    unsigned int processor_id;
    unsigned int apic_id;
    unsigned long per_cpu_offset;
    struct vcpu *current_vcpu;
    unsigned long syscall_scratch;      /* guest %rax while the syscall stub switches stacks */
};
_Static_assert(sizeof(struct cpu_info) <= CPUINFO_SIZE, "cpu_info must fit its stack slot");
_Static_assert((8 + offsetof(struct cpu_user_regs, es)) % 16 == 0,
               "the hardware part of the guest frame must end 16-byte aligned (TSS.rsp0)");

static inline struct cpu_info *get_cpu_info(void)
{
    unsigned long sp;
    __asm__("mov %%rsp, %0" : "=r"(sp));
    return (struct cpu_info *)((sp | (STACK_SIZE - 1)) + 1 - CPUINFO_SIZE);
}

static inline struct cpu_info *stack_cpu_info(void *stack_base)
{
    return (struct cpu_info *)((char *)stack_base + STACK_SIZE - CPUINFO_SIZE);
}

#define smp_processor_id() (get_cpu_info()->processor_id)
#define current (get_cpu_info()->current_vcpu)
#define guest_cpu_user_regs() (&get_cpu_info()->guest_regs)

#endif
