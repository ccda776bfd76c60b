/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 page-table building shared by memory_init and the mapping helpers. */
#ifndef ASM_MM_H
#define ASM_MM_H

#include <xen/types.h>
#include <asm/page.h>

/* Map into the tree under @l4 (idle_pg_table, or one being built). 0 or -ENOMEM. */
int map_pages(pte_t *l4, unsigned long va, unsigned long mfn, unsigned long nr, uint64_t flags);

/* Boot allocator (memory_init): whole pages below the current direct-map limit; panics when out. */
paddr_t boot_alloc(uint64_t size, uint64_t align);
extern bool page_alloc_ready;           /* page tables come from the xenheap from now on */
extern bool use_1g_pages;               /* the CPU has pdpe1gb */
extern uint64_t boot_pt_bytes;          /* page-table memory taken from the boot allocator */

#endif
