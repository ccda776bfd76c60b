/* SPDX-License-Identifier: GPL-2.0-only */
/* Pure rules of the PV memory model: which entry bits a guest may set, and type-count steps. */
#ifndef ASM_PV_PTE_H
#define ASM_PV_PTE_H

#include <xen/mm.h>
#include <asm/page.h>

#define _PAGE_PAT_L1    _PAGE_PSE           /* bit 7 of an L1 entry is PAT, not PSE */
#define _PAGE_AVAIL     (7UL << 9)
#define _PAGE_AVAIL_HIGH (0x7ffUL << 52)
#define L1_CACHE_ATTRS  (_PAGE_PWT | _PAGE_PCD | _PAGE_PAT_L1)

#define PT_LEVEL(type)  ((unsigned int)((type) >> 61))     /* PGT_lN_page_table -> N */
#define PT_TYPE(level)  ((unsigned long)(level) << 61)

/* L4 slots 256-271 belong to the hypervisor in every guest L4. */
static inline bool is_guest_l4_slot(unsigned int i) { return i < 256 || i > 271; }

static inline bool is_pt_type(unsigned long type)
{
    return type >= PGT_l1_page_table && type <= PGT_l4_page_table;
}
/* Types whose first reference checks the contents. */
static inline bool type_needs_validation(unsigned long type)
{
    return is_pt_type(type) || type == PGT_seg_desc_page;
}

/*
 * Entry flags: P, RW, U, A, D, the available bits and NX (if the CPU has it) at every
 * level; G only in L1 (stripped when stored); cache attributes only in L1 and only for
 * domains with I/O access; PSE (superpages) never. Returns the bits @e must not have.
 */
uint64_t pte_disallowed_bits(uint64_t e, unsigned int level, bool io_caps, bool have_nx);
/* What is stored for a validated entry: U forced on (guest kernels run in ring 3), G off. */
uint64_t pte_adjust_guest(uint64_t e, unsigned int level);

/* One step of taking a type reference: the new type_info and what to do around it. */
enum type_step {
    TS_TAKEN,           /* nx is the new value, nothing else to do */
    TS_VALIDATE,        /* nx holds count 1 unvalidated: validate, then set PGT_validated */
    TS_RESUME,          /* partial validation to continue from the entry in *resume_at */
    TS_ABANDON,         /* partial validation of another type: undo it first, then retry */
    TS_CONFLICT,        /* another type is in use, or busy, or the count would overflow */
};
enum type_step type_get_step(unsigned long x, unsigned long type, unsigned long *nx,
                             bool *flush, unsigned long *resume_at);
/* Dropping a type reference: true when it was the last one of a validated page-table or
 * descriptor type, in which case *nx keeps count 1 with PGT_validated clear (devalidate,
 * then drop the count). */
bool type_put_step(unsigned long x, unsigned long *nx);

#endif
