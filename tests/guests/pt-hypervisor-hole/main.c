/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: guest control over the hypervisor hole (L4 slots 256-271).
 * The guest may read the M2P there but not write it, must not see any
 * other hypervisor mapping, and may neither install L4 entries in those
 * slots nor change mappings of addresses inside the hole.
 */
#include "guest.h"

const char test_title[] = "hypervisor hole is read-only M2P and nothing else";

void test_main(void)
{
    uint64_t v;
    unsigned int r;

    /* M2P: readable, not writable. */
    r = probe_read(m2p, &v);
    check(r == 0, "M2P read faulted (%#x)", r);
    r = probe_write(&m2p[virt_to_mfn(start_info)], v);
    check(r == (0x100 | 14), "M2P write gave %#x", r);

    /* Other parts of the hole: no access at all. */
    static const uint64_t probes[] = {
        0xffff804000000000UL, /* just past the M2P */
        0xffff82d080000000UL, /* where Xen's text lives */
        0xffff830000000000UL, /* Xen's direct map */
        0xffff87fffffff000UL, /* last page of the hole */
    };
    for (unsigned int i = 0; i < ARRAY_SIZE(probes); i++) {
        r = probe_read((void *)probes[i], &v);
        check(r == (0x100 | 14), "read of %#lx gave %#x (value %#lx)", probes[i], r, v);
        if (r == (0x100 | 14))
            check(last_trap.cr2 == probes[i], "cr2 %#lx for %#lx", last_trap.cr2, probes[i]);
        r = probe_write((void *)probes[i], 0);
        check(r == (0x100 | 14), "write to %#lx gave %#x", probes[i], r);
    }

    /* update_va_mapping of an address inside the hole. */
    uint64_t *page = alloc_page();
    uint64_t pte = (virt_to_mfn(page) << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D;
    for (unsigned int i = 0; i < ARRAY_SIZE(probes); i++)
        check(hc_update_va_mapping(probes[i], pte, UVMF_INVLPG) < 0,
              "update_va_mapping at %#lx succeeded", probes[i]);
    check(hc_update_va_mapping(MACH2PHYS_VIRT_START, pte, UVMF_INVLPG) < 0,
          "update_va_mapping over the M2P succeeded");

    /* L4 entries in the hypervisor slots: refused, and the slot is unchanged. */
    uint64_t *l4 = (uint64_t *)start_info->pt_base;
    uint64_t l4_ma = virt_to_maddr(l4);
    uint64_t l3 = (pt_mfn(page, 3) << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A;
    for (unsigned int slot = 256; slot < 272; slot += 5) {
        uint64_t old = l4[slot];
        long rc = mmu_update1(l4_ma + slot * 8, l3);

        check(rc < 0, "mmu_update wrote L4 slot %u", slot);
        check(l4[slot] == old, "L4 slot %u changed to %#lx", slot, l4[slot]);
        rc = mmu_update1(l4_ma + slot * 8, 0);
        check(rc < 0 || l4[slot] == old, "mmu_update cleared L4 slot %u", slot);
    }
}
