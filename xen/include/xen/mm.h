/* SPDX-License-Identifier: GPL-2.0-only */
/* Memory management interface: frame table, page allocator, heap. */
#ifndef XEN_MM_H
#define XEN_MM_H

#include <xen/types.h>
#include <asm/layout.h>

struct domain;

/*
 * One per machine frame, at FRAMETABLE_VIRT_START + mfn * sizeof.
 * count_info: general reference count (low bits) + PGC_* flags (high bits).
 * type_info:  PGT_* type (high bits), validated/pinned bits, type count (low bits).
 */
struct page_info {
    uint32_t next, prev;            /* list links as frame numbers (free lists, domain lists) */
    unsigned long count_info;
    unsigned long type_info;
    union {
        struct domain *owner;       /* allocated */
        unsigned long order;        /* free: order of the buddy block it heads */
    } u;
};

#define frame_table ((struct page_info *)FRAMETABLE_VIRT_START)
#define mfn_to_page(mfn) (&frame_table[(mfn)])
#define page_to_mfn(pg) ((unsigned long)((pg) - frame_table))

#define __va(pa)    ((void *)(DIRECTMAP_VIRT_START + (paddr_t)(pa)))
paddr_t __pa(const void *va);       /* direct map or image address -> physical */
#define virt_to_mfn(va)  (__pa(va) >> PAGE_SHIFT)
#define mfn_to_virt(mfn) __va((paddr_t)(mfn) << PAGE_SHIFT)

/* Whole pages for the hypervisor's own use, direct-mapped. NULL when out of memory. */
void *alloc_xenheap_pages(unsigned int order);
void free_xenheap_pages(void *va, unsigned int order);
#define alloc_xenheap_page() alloc_xenheap_pages(0)
#define free_xenheap_page(v) free_xenheap_pages(v, 0)

/* Frames for domains (owner recorded in page_info). */
struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order);
void free_domheap_pages(struct page_info *pg, unsigned int order);

/* Small allocations. */
void *xmalloc_bytes(size_t size);
void *xzalloc_bytes(size_t size);
void xfree(void *p);
#define xmalloc(type) ((type *)xmalloc_bytes(sizeof(type)))
#define xzalloc(type) ((type *)xzalloc_bytes(sizeof(type)))
#define xzalloc_array(type, n) ((type *)xzalloc_bytes(sizeof(type) * (n)))

/* Boot: build frame table, direct map and allocator from the loader's memory map. */
struct boot_info;
void memory_init(struct boot_info *bi);
unsigned long total_ram_pages(void);     /* RAM the hypervisor manages */
unsigned long free_ram_pages(void);      /* of which free for domains */

/* Map MMIO (uncached) into the ioremap area; NULL on failure. */
void *ioremap(paddr_t pa, size_t size);

#endif
