/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug (XSA-148): PV guests could install L2 superpage (PSE) entries that
 * were not validated like 512 L1 entries, mapping page tables and other
 * frames writable. PV page tables may not contain superpages (unless the
 * hypervisor validates every frame, which Xen no longer does).
 */
#include "guest.h"

const char test_title[] = "XSA-148: no L2 superpage mappings";

void test_main(void)
{
    uint64_t *l2 = mfn_to_virt(pt_mfn(start_info, 2));
    unsigned int slot = 0;

    for (unsigned int s = 1; s < 512; s++)
        if (!(l2[s] & PTE_P)) {
            slot = s;
            break;
        }
    if (!slot) {
        test_error("no free L2 slot");
        return;
    }

    /* 2 MiB around our page tables: includes L1/L2/L3/L4 frames. */
    uint64_t base = pt_mfn(start_info, 1) & ~511UL;
    uint64_t ma = virt_to_maddr(&l2[slot]);
    long rc = mmu_update1(ma, (base << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D | PTE_PSE);
    printf("RW superpage at mfn %#lx: rc %ld\n", base, rc);
    check(rc < 0, "writable L2 superpage accepted");
    check(!(l2[slot] & PTE_P), "L2 slot %u now %#lx", slot, l2[slot]);

    rc = mmu_update1(ma, (base << PAGE_SHIFT) | PTE_P | PTE_A | PTE_PSE);
    printf("RO superpage: rc %ld\n", rc);
    check(rc < 0, "read-only L2 superpage accepted");

    /* Through the writable-page-table path as well. */
    check_rc(hc_vm_assist(VMASST_CMD_enable, VMASST_TYPE_writable_pagetables), 0);
    unsigned int r = probe_write(&l2[slot], (base << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_PSE);
    check(r == (0x100 | 14), "direct write of a superpage L2 entry gave %#x", r);
    check(!(l2[slot] & PTE_P), "L2 slot %u now %#lx", slot, l2[slot]);

    /* The address the superpage would have covered is still unmapped. */
    uint64_t va = VIRT_BASE + ((uint64_t)slot << 21);
    uint64_t v;
    check(probe_read((void *)va, &v) == (0x100 | 14), "%#lx is readable", va);
}
