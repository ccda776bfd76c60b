/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug (XSA-182): mmu_update took a fast path when only the flags of an
 * L3/L4 entry changed and skipped revalidation, so a read-only linear
 * (self-referencing) entry could be turned read/write and the guest got
 * write access to its own page tables. Flag-only changes must be
 * validated like any other update.
 */
#include "guest.h"

const char test_title[] = "XSA-182: flag-only updates of linear L3/L4 entries";

static unsigned int free_slot(const uint64_t *table, unsigned int from, unsigned int to)
{
    for (unsigned int s = from; s < to; s++)
        if (!(table[s] & PTE_P))
            return s;
    return to; /* none */
}

static void try_level(const char *name, uint64_t *table, unsigned int slot)
{
    uint64_t mfn = virt_to_mfn(table), ma = virt_to_maddr(&table[slot]);
    long rc = mmu_update1(ma, (mfn << PAGE_SHIFT) | PTE_P | PTE_A);

    printf("%s read-only self-map in slot %u: rc %ld\n", name, slot, rc);
    if (rc) {
        check(!(table[slot] & PTE_P), "%s slot %u set despite rc %ld", name, slot, rc);
        return; /* refusing linear tables outright is fine */
    }
    rc = mmu_update1(ma, (mfn << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A);
    check(rc < 0, "%s self-map flipped to read/write (rc %ld)", name, rc);
    check(!(table[slot] & PTE_RW), "%s slot %u reads %#lx", name, slot, table[slot]);
    rc = mmu_update1(ma | MMU_PT_UPDATE_PRESERVE_AD, (mfn << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D);
    check(rc < 0, "%s self-map flipped to read/write with preserve-AD (rc %ld)", name, rc);
    check_rc(mmu_update1(ma, 0), 0);
}

void test_main(void)
{
    uint64_t *l4 = (uint64_t *)start_info->pt_base;
    unsigned int s4 = free_slot(l4, 1, 256);

    if (s4 == 256) {
        test_error("no free L4 slot");
        return;
    }
    try_level("L4", l4, s4);

    uint64_t *l3 = mfn_to_virt(pt_mfn(start_info, 3));
    unsigned int s3 = free_slot(l3, 0, 512);
    if (s3 < 512)
        try_level("L3", l3, s3);
    else
        test_skip("no free L3 slot");
    check_rc(mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0), 0);
}
