/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class (XSA-240 and relatives): linear (recursive) page tables. An L4
 * entry pointing back at an L4 turns page tables into ordinary data pages
 * of the address space. Writable self-references must be refused; a
 * read-only one may be allowed, but then writes through it must fault and
 * unhooking it must work.
 */
#include "guest.h"

const char test_title[] = "linear page-table entries";

void test_main(void)
{
    uint64_t *l4 = (uint64_t *)start_info->pt_base;
    uint64_t l4_mfn = virt_to_mfn(l4), l4_ma = virt_to_maddr(l4);
    unsigned int slot = 0; /* free user-half slot */

    for (unsigned int s = 1; s < 256; s++)
        if (!(l4[s] & PTE_P)) {
            slot = s;
            break;
        }
    if (!slot) {
        test_error("no free L4 slot");
        return;
    }

    /* Writable self-map: refused. */
    long rc = mmu_update1(l4_ma + slot * 8, (l4_mfn << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A);
    check(rc < 0, "writable L4 self-map accepted in slot %u", slot);
    check(!(l4[slot] & PTE_RW) || !(l4[slot] & PTE_P), "slot %u reads %#lx", slot, l4[slot]);

    /* Read-only self-map: optional, but must really be read-only. */
    rc = mmu_update1(l4_ma + slot * 8, (l4_mfn << PAGE_SHIFT) | PTE_P | PTE_A);
    printf("read-only L4 self-map: rc %ld\n", rc);
    if (rc == 0) {
        /* The L4 shows up as a page at slot|slot|slot|slot. */
        uint64_t va = ((uint64_t)slot << 39) | ((uint64_t)slot << 30) | ((uint64_t)slot << 21) |
                      ((uint64_t)slot << 12);
        uint64_t v;
        unsigned int r = probe_read((void *)(va + 511 * 8), &v);

        check(r == 0 && v == l4[511], "linear view of L4[511]: %#x, %#lx vs %#lx", r, v, l4[511]);
        r = probe_write((void *)(va + 511 * 8), v);
        check(r == (0x100 | 14), "write through the linear view gave %#x", r);
        check_rc(mmu_update1(l4_ma + slot * 8, 0), 0);
        check_rc(mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0), 0);
        r = probe_read((void *)va, &v);
        check(r == (0x100 | 14), "linear view still mapped after unhooking (%#x)", r);
    }

    /* An L3 entry pointing at an L4 frame (wrong level) is refused. */
    uint64_t *l3 = alloc_page();
    check_rc(make_readonly(l3), 0);
    check_rc(mmuext1(MMUEXT_PIN_L3_TABLE, virt_to_mfn(l3), 0), 0);
    rc = mmu_update1(virt_to_maddr(&l3[0]), (l4_mfn << PAGE_SHIFT) | PTE_P | PTE_A);
    check(rc < 0, "L3 entry pointing at an L4 accepted");
    check_rc(mmuext1(MMUEXT_UNPIN_TABLE, virt_to_mfn(l3), 0), 0);
}
