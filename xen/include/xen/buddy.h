/* SPDX-License-Identifier: GPL-2.0-only */
/* Binary buddy allocator over an array of struct page_info (pure: host unit tests run it). */
#ifndef XEN_BUDDY_H
#define XEN_BUDDY_H

#include <xen/mm.h>

#define MAX_ORDER       18                  /* largest block: 1 GiB */
#define INVALID_MFN     (~0UL)
#define BUDDY_NIL       0xffffffffu         /* end of a free list */

struct buddy {
    struct page_info *frames;               /* indexed by frame number */
    unsigned long nr_frames;
    bool (*valid)(unsigned long mfn);       /* has a page_info; NULL: every frame below nr_frames */
    uint32_t head[MAX_ORDER + 1];           /* free lists, one per order */
    unsigned long free_pages;
};

/* Frames handed to the allocator must be in PGC_state_inuse. */
void buddy_init(struct buddy *b, struct page_info *frames, unsigned long nr_frames,
                bool (*valid)(unsigned long mfn));
void buddy_free_range(struct buddy *b, unsigned long mfn, unsigned long nr);
/* The first frame of a 2^order block, or INVALID_MFN. Its frames are left PGC_state_inuse. */
unsigned long buddy_alloc(struct buddy *b, unsigned int order);
/* Freeing a frame that is not in use (double free) is a BUG. */
void buddy_free(struct buddy *b, unsigned long mfn, unsigned int order);

#endif
