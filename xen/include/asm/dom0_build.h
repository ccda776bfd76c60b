/* SPDX-License-Identifier: GPL-2.0-only */
/* Building the initial domain from the boot modules. */
#ifndef ASM_DOM0_BUILD_H
#define ASM_DOM0_BUILD_H

#include <xen/types.h>

struct boot_info;
struct domain;

/* Build and start the initial domain; on failure print one line naming the cause and return NULL. */
struct domain *construct_initial_domain(const struct boot_info *bi);

/* The kernel module as an ELF image: bzImage and compressed images are unpacked into @*buf
 * (xenheap pages of @*order, to free after loading); plain ELF is used in place. */
int kernel_image_unpack(const void *mod, size_t len, const void **elf, size_t *elf_len,
                        void **buf, unsigned int *order, const char **err);

/* Bootstrap page tables: map [virt_base, virt_base + nr_pfns pages) to @p2m's frames. */
struct dom0_pt_layout {
    uint64_t virt_base;
    unsigned long nr_pfns;              /* pages mapped from virt_base */
    unsigned long pt_pfn;               /* first page-table PFN; L4, L3, L2, then L1s */
    unsigned long nr_pt_frames;
};
unsigned long dom0_pt_frames_needed(uint64_t virt_base, unsigned long nr_pfns);
void dom0_build_page_tables(const struct domain *d, const struct dom0_pt_layout *l,
                            const unsigned long *p2m);

#endif
