/* SPDX-License-Identifier: GPL-2.0-only */
/* Exception fixups: an instruction allowed to fault names where execution resumes instead. */
#ifndef ASM_EXTABLE_H
#define ASM_EXTABLE_H

#include <xen/types.h>

/* Entries are offsets relative to themselves, so the table needs no relocation. */
struct exception_table_entry {
    int32_t insn, fixup;
};

#define _ASM_EXTABLE(from, to)                                  \
    "    .pushsection .ex_table, \"a\"\n"                       \
    "    .balign 4\n"                                           \
    "    .long (" #from ") - .\n"                               \
    "    .long (" #to ") - .\n"                                 \
    "    .popsection\n"

/* The fixup address for a faulting @rip, or 0. */
unsigned long search_exception_table(unsigned long rip);

/* Read 8 bytes at @addr without dying if it faults: 0 or -EFAULT. */
static inline int probe_read_u64(const void *addr, uint64_t *val)
{
    int rc = 0;
    __asm__ volatile("1: movq (%2), %1\n"
                     "2:\n"
                     "    .pushsection .fixup, \"ax\"\n"
                     "3:  movl $-14, %0\n"
                     "    xor %k1, %k1\n"
                     "    jmp 2b\n"
                     "    .popsection\n"
                     _ASM_EXTABLE(1b, 3b)
                     : "+r"(rc), "=r"(*val) : "r"(addr));
    return rc;
}

#endif
