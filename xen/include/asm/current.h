/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-CPU state at the top of every CPU's stack block, found by masking %rsp. */
#ifndef ASM_CURRENT_H
#define ASM_CURRENT_H

#include <xen/types.h>
#include <asm/layout.h>
#include <asm/boot-defs.h>

struct cpu_info {
    unsigned int processor_id;
    unsigned int apic_id;
    unsigned long per_cpu_offset;
    void *current_vcpu;
};
_Static_assert(sizeof(struct cpu_info) <= CPUINFO_SIZE, "cpu_info must fit its stack slot");

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

#endif
