/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: mapping machine frames the domain does not own (another
 * domain's or the hypervisor's RAM, or addresses beyond the machine)
 * through update_va_mapping or mmu_update. RAM we do not own must be
 * refused even for the privileged initial domain; frames beyond the
 * physical address width must be refused for everyone.
 */
#include "guest.h"

const char test_title[] = "no mappings of frames we do not own";

static void try_map(uint64_t *scratch, uint64_t mfn, const char *what)
{
    uint64_t pte = (mfn << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D;
    long rc = hc_update_va_mapping(scratch, pte, UVMF_INVLPG);

    check(rc < 0, "update_va_mapping of %s (mfn %#lx) succeeded", what, mfn);
    rc = mmu_update1(pte_maddr(scratch, 1), pte);
    check(rc < 0, "mmu_update of %s (mfn %#lx) succeeded", what, mfn);
    rc = hc_update_va_mapping(scratch, pte & ~PTE_RW, UVMF_INVLPG);
    check(rc < 0, "read-only mapping of %s (mfn %#lx) succeeded", what, mfn);
    check_rc(make_writable(scratch), 0);
}

void test_main(void)
{
    uint64_t *scratch = alloc_page();
    long max_mfn = hc_memory_op(XENMEM_maximum_ram_page, NULL);

    if (max_mfn <= 0) {
        test_error("maximum_ram_page: %ld", max_mfn);
        return;
    }

    /* RAM above 1 MiB that is not ours: its M2P entry does not lead back to it. */
    uint64_t foreign = 0;
    for (uint64_t mfn = 0x100; mfn < (uint64_t)max_mfn; mfn += 7) {
        uint64_t pfn = m2p[mfn];

        if (pfn >= start_info->nr_pages || p2m[pfn] != mfn) {
            foreign = mfn;
            break;
        }
    }
    printf("foreign RAM frame %#lx (max %#lx)\n", foreign, max_mfn);
    if (foreign)
        try_map(scratch, foreign, "unowned RAM");
    else
        test_error("no unowned RAM frame found");

    /* The hypervisor's own frames: the one behind the M2P's first page. */
    try_map(scratch, (1UL << 40) >> PAGE_SHIFT, "a frame at 1 TiB");
    try_map(scratch, 0xffffffffffUL, "the largest MFN");

    /* A PTE with a software-available high bit: reported, not asserted. */
    long rc = hc_update_va_mapping(scratch, (virt_to_mfn(scratch) << PAGE_SHIFT) | (1UL << 52) |
                                   PTE_P | PTE_RW | PTE_A, UVMF_INVLPG);
    printf("PTE with bit 52 set: rc %ld\n", rc);
    check_rc(make_writable(scratch), 0);

    /* mmu_update with a foreign domain we may not touch. */
    struct mmu_update u = { .ptr = pte_maddr(scratch, 1),
                            .val = (virt_to_mfn(scratch) << PAGE_SHIFT) | PTE_P | PTE_A };
    rc = hc_mmu_update(&u, 1, NULL, 0x7ff5);
    check(rc < 0, "mmu_update with foreigndom 0x7ff5 succeeded");

    /* M2P writes for frames we do not own. */
    if (foreign) {
        rc = mmu_update1((foreign << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE, 0);
        check(rc < 0, "MMU_MACHPHYS_UPDATE of an unowned frame succeeded");
    }
}
