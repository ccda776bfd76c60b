/* SPDX-License-Identifier: GPL-2.0-only */
/* Positive MMU paths: update_va_mapping, mmu_update of an L1 entry, pin/unpin L1..L4, TLB ops. */
#include "guest.h"

const char test_title[] = "mmu_update, update_va_mapping, pin and unpin";

void test_main(void)
{
    uint64_t *a = alloc_page(), *b = alloc_page();
    a[0] = 0xaaaa;
    b[0] = 0xbbbb;

    /* update_va_mapping: make `a` show b's frame, then restore. */
    uint64_t a_mfn = virt_to_mfn(a), b_mfn = virt_to_mfn(b);
    check_rc(remap(a, b_mfn, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
    check(*(volatile uint64_t *)a == 0xbbbb, "alias shows %#lx", *(volatile uint64_t *)a);
    check_rc(remap(a, a_mfn, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
    check(*(volatile uint64_t *)a == 0xaaaa, "restored mapping shows %#lx", *(volatile uint64_t *)a);

    /* mmu_update on the L1 entry of `a`, then an explicit INVLPG. */
    uint64_t ma = pte_maddr(a, 1);
    check(ma != 0, "no L1 entry for %p", (void *)a);
    check_rc(mmu_update1(ma | MMU_NORMAL_PT_UPDATE, (b_mfn << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A), 0);
    check_rc(mmuext1(MMUEXT_INVLPG_LOCAL, (uint64_t)a, 0), 0);
    check(*(volatile uint64_t *)a == 0xbbbb, "mmu_update alias shows %#lx", *(volatile uint64_t *)a);
    check(*pte_of(a, 1) >> PAGE_SHIFT << PAGE_SHIFT >> PAGE_SHIFT != 0, "pte vanished");
    int done = -1;
    struct mmu_update u = { .ptr = ma, .val = (a_mfn << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D };
    check_rc(hc_mmu_update(&u, 1, &done, DOMID_SELF), 0);
    check(done == 1, "mmu_update reported %d done", done);
    check_rc(mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0), 0);
    check(*(volatile uint64_t *)a == 0xaaaa, "restored mapping shows %#lx", *(volatile uint64_t *)a);

    /* M2P update for a page we own is accepted (writing back the same PFN). */
    check_rc(mmu_update1((a_mfn << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE, virt_to_pfn(a)), 0);

    /* Pin an empty table at each level, check it cannot be mapped writable, unpin. */
    static const unsigned int pin[] = { MMUEXT_PIN_L1_TABLE, MMUEXT_PIN_L2_TABLE,
                                        MMUEXT_PIN_L3_TABLE, MMUEXT_PIN_L4_TABLE };
    for (int l = 0; l < 4; l++) {
        uint64_t *t = alloc_page();
        uint64_t mfn = virt_to_mfn(t);

        check(mmuext1(pin[l], mfn, 0) < 0, "L%d pin of a writable-mapped page succeeded", l + 1);
        check_rc(make_readonly(t), 0);
        check_rc(mmuext1(pin[l], mfn, 0), 0);
        check(make_writable(t) < 0, "pinned L%d table mapped writable", l + 1);
        check(mmuext1(pin[l], mfn, 0) < 0, "L%d double pin succeeded", l + 1);
        check_rc(mmuext1(MMUEXT_UNPIN_TABLE, mfn, 0), 0);
        check_rc(make_writable(t), 0);
        t[0] = 1; /* really writable again */
    }

    /* A tree: L1 mapping `b` read-only, hooked into an L2, pinned as L2. */
    uint64_t *l1 = alloc_page(), *l2 = alloc_page();
    l1[0] = (b_mfn << PAGE_SHIFT) | PTE_P | PTE_A;
    l2[3] = (virt_to_mfn(l1) << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A;
    check_rc(make_readonly(l1), 0);
    check_rc(make_readonly(l2), 0);
    check_rc(mmuext1(MMUEXT_PIN_L2_TABLE, virt_to_mfn(l2), 0), 0);
    /* The L1 is now typed by reference: it cannot be mapped writable either. */
    check(make_writable(l1) < 0, "L1 referenced by a pinned L2 mapped writable");
    /* Entries of a pinned L1 can change through mmu_update. */
    check_rc(mmu_update1(virt_to_maddr(&l1[1]), (a_mfn << PAGE_SHIFT) | PTE_P | PTE_A), 0);
    check(l1[1] >> PAGE_SHIFT == (a_mfn | (PTE_NX >> PAGE_SHIFT)) ||
          (l1[1] & PTE_ADDR) >> PAGE_SHIFT == a_mfn, "L1 entry reads %#lx", l1[1]);
    check_rc(mmuext1(MMUEXT_UNPIN_TABLE, virt_to_mfn(l2), 0), 0);
    check_rc(make_writable(l2), 0);
    check_rc(make_writable(l1), 0);
}
