/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: a guest that gets a writable mapping of any of its own page
 * tables (L1..L4) can map arbitrary machine memory. Both update_va_mapping
 * and mmu_update must refuse RW mappings of page-table frames, while
 * read-only mappings of them stay allowed.
 */
#include "guest.h"

const char test_title[] = "no writable mapping of own L1/L2/L3/L4";

void test_main(void)
{
    uint64_t *scratch = alloc_page();
    uint64_t scratch_mfn = virt_to_mfn(scratch);
    uint64_t scratch_pte = pte_maddr(scratch, 1);

    for (int level = 1; level <= 4; level++) {
        uint64_t mfn = pt_mfn(scratch, level);
        uint64_t rw = (mfn << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D;
        uint64_t ro = (mfn << PAGE_SHIFT) | PTE_P | PTE_A;

        /* Positive control: a read-only view is fine. */
        check(hc_update_va_mapping(scratch, ro, UVMF_INVLPG) == 0, "RO map of L%d refused", level);

        long rc = hc_update_va_mapping(scratch, rw, UVMF_INVLPG);
        check(rc < 0, "update_va_mapping made L%d (mfn %#lx) writable", level, mfn);
        rc = mmu_update1(scratch_pte | MMU_NORMAL_PT_UPDATE, rw);
        check(rc < 0, "mmu_update made L%d (mfn %#lx) writable", level, mfn);
        rc = mmu_update1(scratch_pte | MMU_PT_UPDATE_PRESERVE_AD, rw);
        check(rc < 0, "mmu_update(preserve A/D) made L%d writable", level);

        /*
         * Through the read-only view, try to make the entry that maps
         * scratch (at this level) a writable mapping of this very table.
         * L1 writes may be emulated (writable page tables), but this
         * value must be refused at every level.
         */
        uint64_t *e = pte_of(scratch, level);
        uint64_t before = *e;
        volatile uint64_t *view = &scratch[((uint64_t)e & (PAGE_SIZE - 1)) / 8];
        unsigned int r = probe_write(view, rw);
        check(r == (0x100 | 14), "RW self-map written through the L%d view (%#x)", level, r);
        check(*e == before, "L%d entry changed to %#lx", level, *e);

        check_rc(hc_update_va_mapping(scratch, (scratch_mfn << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D,
                                      UVMF_INVLPG), 0);
    }

    /* In a multicall too. */
    struct multicall_entry mc = { .op = __HYPERVISOR_update_va_mapping,
                                  .args = { (uint64_t)scratch,
                                            (pt_mfn(scratch, 4) << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A,
                                            UVMF_INVLPG } };
    check_rc(hc_multicall(&mc, 1), 0);
    check((long)mc.result < 0, "multicall update_va_mapping made the L4 writable");
    check(probe_write(scratch, 0) == 0, "scratch page lost its mapping");
}
