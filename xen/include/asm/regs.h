/* SPDX-License-Identifier: GPL-2.0-only */
/* The register frame built by every interrupt/exception entry (same order as Xen's cpu_user_regs). */
#ifndef ASM_REGS_H
#define ASM_REGS_H

#include <xen/types.h>

struct cpu_user_regs {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint32_t error_code;
    uint32_t entry_vector;
    /* hardware frame */
    uint64_t rip;
    uint16_t cs, _pad0[1];
    uint8_t saved_upcall_mask;
    uint8_t _pad1[3];
    uint64_t rflags;
    uint64_t rsp;
    uint16_t ss, _pad2[3];
};

static inline bool regs_from_guest(const struct cpu_user_regs *r) { return (r->cs & 3) != 0; }

void show_registers(const struct cpu_user_regs *regs);
void show_stack_trace(unsigned long rbp, unsigned long rip);

#endif
