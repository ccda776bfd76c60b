/* SPDX-License-Identifier: GPL-2.0-only */
/* The initial domain's bootstrap page tables: 4 KiB mappings of the bootstrap region, tables read-only. */
#include <xen/lib.h>
#include <xen/mm.h>
#include <asm/dom0_build.h>
#include <asm/page.h>
#include <asm/pv-mm.h>

/* What Xen gives the bootstrap mappings (pv-guest-abi.md 2.4); U is set: the guest kernel is ring 3. */
#define L1_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_USER)
#define LN_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_USER)

/* One L4, one L3, one L2 (the region lies in one 1 GiB window), and an L1 per 2 MiB. */
unsigned long dom0_pt_frames_needed(uint64_t virt_base, unsigned long nr_pfns)
{
    uint64_t first = virt_base >> L2_SHIFT;
    uint64_t last = (virt_base + ((uint64_t)nr_pfns << PAGE_SHIFT) - 1) >> L2_SHIFT;
    return 3 + (last - first + 1);
}

static pte_t *table(const unsigned long *p2m, unsigned long pfn)
{
    return mfn_to_virt(p2m[pfn]);
}

void dom0_build_page_tables(const struct domain *d, const struct dom0_pt_layout *l,
                            const unsigned long *p2m)
{
    unsigned long l4 = l->pt_pfn, l3 = l4 + 1, l2 = l4 + 2, l1 = l4 + 3;

    for (unsigned long i = 0; i < l->nr_pt_frames; i++)
        memset(table(p2m, l->pt_pfn + i), 0, PAGE_SIZE);

    init_guest_l4_table(table(p2m, l4), d, false);
    table(p2m, l4)[pt_index(l->virt_base, L4_SHIFT)] = ((pte_t)p2m[l3] << PAGE_SHIFT) | LN_FLAGS;
    table(p2m, l3)[pt_index(l->virt_base, L3_SHIFT)] = ((pte_t)p2m[l2] << PAGE_SHIFT) | LN_FLAGS;

    unsigned long cur_l1 = l1 - 1;
    for (unsigned long pfn = 0; pfn < l->nr_pfns; pfn++) {
        uint64_t va = l->virt_base + ((uint64_t)pfn << PAGE_SHIFT);
        if (pfn == 0 || pt_index(va, L1_SHIFT) == 0) {
            cur_l1++;
            table(p2m, l2)[pt_index(va, L2_SHIFT)] = ((pte_t)p2m[cur_l1] << PAGE_SHIFT) | LN_FLAGS;
        }
        pte_t flags = L1_FLAGS;
        if (pfn >= l->pt_pfn && pfn < l->pt_pfn + l->nr_pt_frames)
            flags &= ~_PAGE_RW;         /* page tables are never writable mappings */
        table(p2m, cur_l1)[pt_index(va, L1_SHIFT)] = ((pte_t)p2m[pfn] << PAGE_SHIFT) | flags;
    }
    BUG_ON(cur_l1 >= l->pt_pfn + l->nr_pt_frames);
}
