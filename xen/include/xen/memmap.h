/* SPDX-License-Identifier: GPL-2.0-only */
/* Memory-map clean-up and physical range sets (pure: host unit tests run them). */
#ifndef XEN_MEMMAP_H
#define XEN_MEMMAP_H

#include <xen/bootinfo.h>

#define MAX_MEM_RANGES  256
#define INVALID_PADDR   (~(paddr_t)0)
#define MAX_PHYS_ADDR   (1ULL << 52)        /* architectural limit of x86_64 */

struct mem_range {
    paddr_t start, end;                     /* [start, end) */
};

/* Sorted, disjoint, non-adjacent ranges. */
struct mem_ranges {
    unsigned int nr;
    struct mem_range r[MAX_MEM_RANGES];
};

/*
 * Sort the map, drop empty and out-of-range entries, resolve overlaps (anything
 * not RAM wins over RAM) and merge neighbours of one type. Each problem found
 * is warned about once; returns how many there were.
 */
unsigned int memmap_sanitise(struct memmap *map);

/* The RAM of a sanitised map, shrunk inward to whole pages. */
void memmap_ram(const struct memmap *map, struct mem_ranges *ram);

void ranges_add(struct mem_ranges *rs, paddr_t start, paddr_t end);
void ranges_remove(struct mem_ranges *rs, paddr_t start, paddr_t end);
bool ranges_contain(const struct mem_ranges *rs, paddr_t start, paddr_t end);
uint64_t ranges_total(const struct mem_ranges *rs);

/* Take @size bytes aligned to @align, as high as possible below @limit; INVALID_PADDR if none. */
paddr_t ranges_alloc(struct mem_ranges *rs, uint64_t size, uint64_t align, paddr_t limit);

#endif
