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

/* count_info: allocator state and flags on top, reference count below. */
#define PGC_allocated   (1UL << 63)     /* the owner holds its allocation reference */
#define PGC_xen_heap    (1UL << 62)     /* the hypervisor's own page (alloc_xenheap_pages) */
#define PGC_state_mask  (3UL << 60)
#define PGC_state_inuse (0UL << 60)     /* allocated, or used by the hypervisor since boot */
#define PGC_state_free  (1UL << 60)     /* inside a free block of the page allocator */
#define PGC_state_none  (2UL << 60)     /* not RAM: never allocated, never owned */
#define PGC_buddy_head  (1UL << 59)     /* first frame of a free block; u.order is its order */
#define PGC_count_mask  ((1UL << 59) - 1)
#define page_state(pg)  ((pg)->count_info & PGC_state_mask)

/* type_info: the PV memory model's page type (PGT_none until typed), type count below. */
#define PGT_type_mask   (7UL << 61)
#define PGT_none        (0UL << 61)
#define PGT_l1_page_table (1UL << 61)   /* the numbers are Xen's (docs/design/pv-mm.md) */
#define PGT_l2_page_table (2UL << 61)
#define PGT_l3_page_table (3UL << 61)
#define PGT_l4_page_table (4UL << 61)
#define PGT_seg_desc_page (5UL << 61)   /* GDT/LDT frame: descriptors checked, never writable */
#define PGT_writable_page (7UL << 61)   /* mapped writable somewhere: never a table */
#define PGT_pinned      (1UL << 60)     /* MMUEXT_PIN_*: the pin holds one type reference */
#define PGT_validated   (1UL << 59)     /* contents checked for the current type */
#define PGT_partial     (1UL << 58)     /* validation preempted: count holds entries done */
#define PGT_count_mask  ((1UL << 55) - 1)

/* Frames with a struct page_info (RAM, and frames sharing a frame-table page with RAM). */
bool mfn_valid(unsigned long mfn);
unsigned long max_mfn(void);           /* one past the highest RAM frame */

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
void assign_domheap_pages(struct domain *d, struct page_info *pg, unsigned int order);

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

/*
 * Map MMIO (uncached) into the ioremap area; NULL on failure. Only after memory_init().
 * The direct map covers RAM, ACPI tables, the first 1 MiB and the firmware's reserved
 * ranges below 4 GiB; device registers (APIC, IO-APIC, HPET, PCI) need ioremap().
 */
void *ioremap(paddr_t pa, size_t size);

/* Map @nr frames from @mfn at @va with PTE @flags (asm/page.h); superpages where aligned. */
int map_pages_to_xen(unsigned long va, unsigned long mfn, unsigned long nr, uint64_t flags);

/* A free page below 1 MiB kept for the AP start-up trampoline (SIPI vector = it >> 12). */
extern paddr_t trampoline_phys;

/* One boot line: image, frame table and heap sizes (for the benchmark). */
void mm_print_footprint(void);
unsigned long xmalloc_pages_in_use(void);   /* pages held by the xmalloc heap */

#endif
