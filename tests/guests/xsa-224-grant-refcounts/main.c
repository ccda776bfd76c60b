/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class (XSA-224/XSA-234): grant mappings and frame references out of
 * step. A granted frame mapped writable holds a writable type reference, so
 * it cannot become a page table until it is unmapped; the grant cannot be
 * ended while mapped and the mapping survives the attempt; a handle unmaps
 * once; an unmap naming the wrong address leaves the mapping alone; a grant
 * PTE cleared behind the grant table's back (mmu_update) releases the
 * frame's references exactly once: the frame may then become a page table,
 * the explicit unmap fails, and a new writable map of it is refused.
 */
#include "guest.h"

const char test_title[] = "grant reference counts: pins, ending, double unmap, implicit unmap";

void test_main(void)
{
    check_rc(gnttab_setup(1), 0);
    uint8_t *page = alloc_page(), *va = alloc_page(), *va2 = alloc_page();
    uint64_t page_mfn = virt_to_mfn(page), va_mfn = virt_to_mfn(va), va2_mfn = virt_to_mfn(va2);
    grant_handle_t h = 0, h2 = 0;

    check_rc(make_readonly(page), 0);                  /* only the grant mapping may write it */
    gnttab_grant(40, SELF_ID, page, false);
    check_rc(gnttab_map1(40, (uint64_t)va, GNTMAP_host_map, &h), GNTST_okay);
    va[8] = 0x42;                                      /* an even byte: still a valid (empty) L1 */

    /* Mapped writable: it cannot be pinned as a page table. */
    check_rc(mmuext1(MMUEXT_PIN_L1_TABLE, page_mfn, 0), -XEN_EINVAL);
    /* Ending the grant fails, and the mapping stays usable. */
    check(!gnttab_end(40), "grant ended while mapped");
    check(gnttab[40].flags == (GTF_permit_access | GTF_reading | GTF_writing), "flags %x", gnttab[40].flags);
    va[9] = 0x44;
    check(page[8] == 0x42 && page[9] == 0x44, "mapping broken after the end attempt");

    /* An unmap at the wrong address fails and leaves the mapping. */
    check_rc(gnttab_unmap1(h, (uint64_t)va2, 0), GNTST_general_error);
    check(va[8] == 0x42, "mapping gone after a wrong-address unmap");
    /* Unmap once, then the handle is dead. */
    check_rc(gnttab_unmap1(h, (uint64_t)va, 0), GNTST_okay);
    check_rc(gnttab_unmap1(h, (uint64_t)va, 0), GNTST_bad_handle);
    check_rc(gnttab_unmap1(0x7fffffff, (uint64_t)va, 0), GNTST_bad_handle);
    check_rc(gnttab_unmap1(0xffffffffu, (uint64_t)va, 0), GNTST_bad_handle);
    /* Unmapped: now it can be a page table, and then it cannot be mapped writable. */
    check_rc(mmuext1(MMUEXT_PIN_L1_TABLE, page_mfn, 0), 0);
    check_rc(gnttab_map1(40, (uint64_t)va, GNTMAP_host_map, &h), GNTST_general_error);
    check(gnttab[40].flags == GTF_permit_access, "flags after a refused map of a page table: %x", gnttab[40].flags);
    check_rc(mmuext1(MMUEXT_UNPIN_TABLE, page_mfn, 0), 0);

    /* Implicit unmap: clear the grant PTE with mmu_update. The references go with the PTE. */
    gnttab_grant(41, SELF_ID, page, false);
    check_rc(gnttab_map1(41, (uint64_t)va2, GNTMAP_host_map, &h2), GNTST_okay);
    check_rc(mmuext1(MMUEXT_PIN_L1_TABLE, page_mfn, 0), -XEN_EINVAL);
    long rc = mmu_update1(pte_maddr(va2, 1), 0);
    printf("clearing a grant PTE with mmu_update: %ld\n", rc);
    check_rc(rc, 0);
    mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    check_rc(gnttab_unmap1(h2, (uint64_t)va2, 0), GNTST_general_error);
    check(gnttab[41].flags == (GTF_permit_access | GTF_reading | GTF_writing), "flags after implicit unmap: %x",
          gnttab[41].flags);
    check_rc(mmuext1(MMUEXT_PIN_L1_TABLE, page_mfn, 0), 0);       /* no writable reference is left */
    check_rc(gnttab_map1(41, (uint64_t)va2, GNTMAP_host_map, NULL), GNTST_general_error);
    check_rc(mmuext1(MMUEXT_UNPIN_TABLE, page_mfn, 0), 0);

    check(gnttab_end(40), "grant 40 could not be ended");
    check_rc(remap(va, va_mfn, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
    check_rc(remap(va2, va2_mfn, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
    check_rc(make_writable(page), 0);
}
