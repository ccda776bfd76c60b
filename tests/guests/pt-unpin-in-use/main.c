/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: dropping a page table's type while it is still in use. After
 * unpinning the live L4 (which CR3 still references), it must keep its
 * type: no writable mapping of it may be created. Unpinning tables that
 * are not pinned, or pinning at the wrong level, must fail cleanly.
 */
#include "guest.h"

const char test_title[] = "unpinning page tables in use";

void test_main(void)
{
    uint64_t *l4 = (uint64_t *)start_info->pt_base;
    uint64_t l4_mfn = virt_to_mfn(l4);
    uint64_t *scratch = alloc_page();
    uint64_t rw = (l4_mfn << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D;

    /* The builder pinned our L4; unpinning it is allowed (Linux does so). */
    check_rc(mmuext1(MMUEXT_UNPIN_TABLE, l4_mfn, 0), 0);
    check(mmuext1(MMUEXT_UNPIN_TABLE, l4_mfn, 0) < 0, "second unpin of the live L4 succeeded");

    /* Still in use through CR3: still a page table. */
    check(hc_update_va_mapping(scratch, rw, UVMF_INVLPG) < 0, "unpinned live L4 mapped writable");
    check(mmu_update1(pte_maddr(scratch, 1), rw) < 0, "unpinned live L4 mapped writable (mmu_update)");
    check(probe_write(scratch, 1) == 0, "scratch lost its mapping");

    /* Our mappings still work, and the L4 can be pinned again. */
    check(start_info->magic[0] == 'x', "start_info unreadable");
    check_rc(mmuext1(MMUEXT_PIN_L4_TABLE, l4_mfn, 0), 0);

    /* Wrong-level pins of live tables fail. */
    check(mmuext1(MMUEXT_PIN_L1_TABLE, l4_mfn, 0) < 0, "L4 pinned as L1");
    check(mmuext1(MMUEXT_PIN_L2_TABLE, pt_mfn(scratch, 1), 0) < 0, "L1 pinned as L2");

    /* Unpinning an ordinary page, or a frame we do not own. */
    check(mmuext1(MMUEXT_UNPIN_TABLE, virt_to_mfn(scratch), 0) < 0, "unpin of a data page succeeded");
    check(mmuext1(MMUEXT_UNPIN_TABLE, 0xffffffffffUL, 0) < 0, "unpin of mfn 0xffffffffff succeeded");

    /* NEW_BASEPTR to a table that is not an L4 fails and leaves us running. */
    check(mmuext1(MMUEXT_NEW_BASEPTR, virt_to_mfn(scratch), 0) < 0, "NEW_BASEPTR to a data page");
    check(mmuext1(MMUEXT_NEW_BASEPTR, pt_mfn(scratch, 1), 0) < 0, "NEW_BASEPTR to an L1");

    /* Pinned L2 with a live reference from our tree: unpin, still typed. */
    uint64_t l2_mfn = pt_mfn(scratch, 2);
    long rc = mmuext1(MMUEXT_UNPIN_TABLE, l2_mfn, 0);
    printf("unpin of the live (unpinned) L2: rc %ld\n", rc);
    check(rc < 0, "unpin of an L2 that was never pinned succeeded");
    check(hc_update_va_mapping(scratch, (l2_mfn << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A, UVMF_INVLPG) < 0,
          "live L2 mapped writable");
    check_rc(make_writable(scratch), 0);
}
