/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time set-up of the page allocator (memory_init's side of xen/mm.h). */
#ifndef XEN_PAGE_ALLOC_H
#define XEN_PAGE_ALLOC_H

#include <xen/types.h>

void page_alloc_init(unsigned long nr_frames, unsigned long ram_pages);
void page_alloc_add_free(unsigned long mfn, unsigned long nr);
unsigned long xenheap_pages_in_use(void);

#endif
