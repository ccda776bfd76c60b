/* SPDX-License-Identifier: GPL-2.0-only */
/* The writable-page-tables assist: decoding and applying one guest write to a PTE (pure). */
#ifndef ASM_PTWR_H
#define ASM_PTWR_H

#include <xen/types.h>

enum ptwr_op { PTWR_MOV, PTWR_XCHG, PTWR_CMPXCHG, PTWR_OR, PTWR_AND, PTWR_XOR,
               PTWR_BTS, PTWR_BTR, PTWR_BTC };

struct ptwr_insn {
    enum ptwr_op op;
    unsigned int len;           /* instruction bytes, to advance rip */
    unsigned int size;          /* operand bytes: 1, 2, 4 or 8 */
    int reg;                    /* source register (0 rax .. 15 r15), -1: immediate */
    bool high_byte;             /* size 1 without REX, reg 4-7: AH CH DH BH (bits 8-15 of reg-4) */
    uint64_t imm;               /* sign-extended immediate */
};

/* Decode @n bytes at the faulting rip; false for anything the assist does not emulate. */
bool ptwr_decode(const uint8_t *b, unsigned int n, struct ptwr_insn *in);

struct ptwr_result {
    uint64_t mem;               /* the new memory operand (valid when write) */
    bool write;                 /* false: cmpxchg compare failed, memory unchanged */
    bool set_reg;               /* xchg: source register gets the old value */
    bool set_rax;               /* failed cmpxchg: rax gets the old value */
    uint64_t reg_val;
    unsigned long flags_mask, flags;    /* arithmetic flags to replace in rflags */
};

/* Apply @in to the old operand @mem (size bytes) with source @src and accumulator @rax. */
void ptwr_apply(const struct ptwr_insn *in, uint64_t mem, uint64_t src, uint64_t rax,
                struct ptwr_result *r);

/* Merge a sized register write like the CPU: 32-bit zero-extends, 16/8-bit keep the rest. */
static inline uint64_t ptwr_merge_reg(uint64_t old, uint64_t val, unsigned int size)
{
    if (size == 8 || size == 4)
        return size == 4 ? (uint32_t)val : val;
    uint64_t mask = size == 2 ? 0xffffUL : 0xffUL;
    return (old & ~mask) | (val & mask);
}

#endif
