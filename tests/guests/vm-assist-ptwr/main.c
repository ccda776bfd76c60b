/* SPDX-License-Identifier: GPL-2.0-only */
/* vm_assist(writable_pagetables): direct PTE writes to a pinned L1 are emulated and validated. */
#include "guest.h"

const char test_title[] = "vm_assist and writable page-table emulation";

void test_main(void)
{
    check(hc_vm_assist(VMASST_CMD_enable, 31) < 0, "vm_assist type 31 accepted");
    check(hc_vm_assist(7, VMASST_TYPE_writable_pagetables) < 0, "vm_assist cmd 7 accepted");
    check_rc(hc_vm_assist(VMASST_CMD_enable, VMASST_TYPE_writable_pagetables), 0);

    uint64_t *data = alloc_page(), *other = alloc_page();
    data[0] = 0x1111;
    other[0] = 0x2222;

    /* The L1 entry for `data` lives in a read-only page-table page. */
    volatile uint64_t *pte = pte_of(data, 1);
    uint64_t old = *pte;
    check(old & PTE_P, "pte for data not present (%#lx)", old);

    /* Emulated write: point `data` at `other`'s frame. */
    uint64_t new = (virt_to_mfn(other) << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D;
    check(probe_write(pte, new) == 0, "direct PTE write faulted with writable_pagetables on");
    check_rc(mmuext1(MMUEXT_INVLPG_LOCAL, (uint64_t)data, 0), 0);
    check(*(volatile uint64_t *)data == 0x2222, "emulated PTE write not in effect (%#lx)",
          *(volatile uint64_t *)data);

    /* Emulated writes are validated: a writable mapping of the L1 itself is refused. */
    uint64_t l1_mfn = pt_mfn(data, 1);
    uint64_t evil = (l1_mfn << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D;
    unsigned int r = probe_write(pte, evil);
    check(r == (0x100 | 14), "writable self-mapping through ptwr: %#x", r);
    check((*pte & PTE_ADDR) >> PAGE_SHIFT != l1_mfn || !(*pte & PTE_RW),
          "ptwr installed a writable mapping of an L1 (%#lx)", *pte);

    check(probe_write(pte, old) == 0, "restoring the PTE faulted");
    check_rc(mmuext1(MMUEXT_INVLPG_LOCAL, (uint64_t)data, 0), 0);
    check(*(volatile uint64_t *)data == 0x1111, "restored mapping shows %#lx", *(volatile uint64_t *)data);

    /*
     * Disabling the assist is accepted. Whether a later PTE write then
     * faults is not asserted: Xen 4.17 keeps emulating for 64-bit PV.
     * Either way the write must not install a writable L1 self-mapping.
     */
    check_rc(hc_vm_assist(VMASST_CMD_disable, VMASST_TYPE_writable_pagetables), 0);
    r = probe_write(pte, evil);
    check(r == (0x100 | 14), "writable self-mapping with the assist off: %#x", r);
    check(*pte == old, "PTE changed by a refused write (%#lx)", *pte);
    printf("assist off: plain PTE write %s\n", probe_write(pte, old) ? "faults" : "is still emulated");
}
