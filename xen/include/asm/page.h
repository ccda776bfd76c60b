/* SPDX-License-Identifier: GPL-2.0-only */
/* x86_64 4-level page-table entry bits and index helpers. */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#include <xen/types.h>

#define _PAGE_PRESENT   (1UL << 0)
#define _PAGE_RW        (1UL << 1)
#define _PAGE_USER      (1UL << 2)
#define _PAGE_PWT       (1UL << 3)
#define _PAGE_PCD       (1UL << 4)
#define _PAGE_ACCESSED  (1UL << 5)
#define _PAGE_DIRTY     (1UL << 6)
#define _PAGE_PSE       (1UL << 7)      /* in L2/L3 entries: a 2 MiB / 1 GiB leaf */
#define _PAGE_GLOBAL    (1UL << 8)
#define _PAGE_NX        (1UL << 63)
#define PADDR_BITS      52
#define PTE_ADDR_MASK   (((1UL << PADDR_BITS) - 1) & PAGE_MASK)

/* Hypervisor mappings: present in every address space, never executable outside the image. */
#define PAGE_HYPERVISOR_RW  (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | \
                             _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_HYPERVISOR_UC  (PAGE_HYPERVISOR_RW | _PAGE_PCD | _PAGE_PWT)
/* Non-leaf entries: permissions are decided at the leaf. */
#define PAGE_TABLE_FLAGS    (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

#define L1_SHIFT        12
#define L2_SHIFT        21
#define L3_SHIFT        30
#define L4_SHIFT        39
#define PT_ENTRIES      512
#define pt_index(va, shift) (((unsigned long)(va) >> (shift)) & (PT_ENTRIES - 1))

#define SUPERPAGE_2M    (1UL << L2_SHIFT)
#define SUPERPAGE_1G    (1UL << L3_SHIFT)

typedef uint64_t pte_t;
extern pte_t idle_pg_table[PT_ENTRIES];

#endif
