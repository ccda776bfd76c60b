/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: privileged descriptors from update_descriptor. A PV guest
 * runs in ring 3, so DPL 0-2 code/data must be refused or demoted to DPL
 * 3, call gates may not lead into hypervisor code segments, system
 * descriptors (TSS, LDT) are refused, and the target must be a writable
 * page of the guest (never a page table or someone else's frame).
 */
#include "guest.h"

const char test_title[] = "update_descriptor refuses privileged descriptors";

static unsigned int dpl(uint64_t d) { return (d >> 45) & 3; }

void test_main(void)
{
    uint64_t *page = alloc_page();

    /* DPL 0 64-bit code: refused, or stored with DPL 3. */
    uint64_t code0 = 0x00af9a000000ffffULL;
    long rc = hc_update_descriptor(virt_to_maddr(&page[1]), code0);
    printf("DPL0 code: rc %ld stored %#lx\n", rc, page[1]);
    check(rc < 0 ? page[1] == 0 : dpl(page[1]) == 3, "DPL0 code stored as %#lx (rc %ld)", page[1], rc);

    uint64_t data0 = 0x00cf92000000ffffULL;
    rc = hc_update_descriptor(virt_to_maddr(&page[2]), data0);
    check(rc < 0 ? page[2] == 0 : dpl(page[2]) == 3, "DPL0 data stored as %#lx (rc %ld)", page[2], rc);

    /* 64-bit call gate, DPL 3, into the hypervisor's ring-0 CS (0xe008). */
    uint64_t target = (uint64_t)test_main;
    uint64_t gate = (target & 0xffff) | (0xe008ULL << 16) | (0xecULL << 40) |
                    ((target >> 16 & 0xffff) << 48);
    rc = hc_update_descriptor(virt_to_maddr(&page[4]), gate);
    printf("call gate to 0xe008: rc %ld stored %#lx\n", rc, page[4]);
    check(rc < 0 && page[4] == 0, "call gate into the hypervisor CS accepted (%#lx)", page[4]);

    /* Call gate to the guest's own flat CS: may be accepted, but never with DPL > 0. */
    uint64_t gate_own = (gate & ~(0xffffULL << 16)) | ((uint64_t)FLAT_KERNEL_CS << 16);
    rc = hc_update_descriptor(virt_to_maddr(&page[6]), gate_own);
    printf("call gate to FLAT_KERNEL_CS: rc %ld stored %#lx\n", rc, page[6]);
    check(rc < 0 || dpl(page[6]) == 0, "guest call gate stored with DPL %u", dpl(page[6]));

    /* System descriptors: available TSS (9) and LDT (2). */
    uint64_t tss = 0x0000890000000067ULL | (3ULL << 45);
    check(hc_update_descriptor(virt_to_maddr(&page[8]), tss) < 0 && page[8] == 0, "TSS descriptor accepted");
    uint64_t ldt = 0x0000820000000fffULL | (3ULL << 45);
    check(hc_update_descriptor(virt_to_maddr(&page[10]), ldt) < 0 && page[10] == 0, "LDT descriptor accepted");

    /* Where it may be written. */
    uint64_t data3 = 0x00cff2000000ffffULL;
    check(hc_update_descriptor(virt_to_maddr(&page[1]) + 4, data3) < 0, "misaligned address accepted");
    uint64_t *l1 = pte_of(page, 1);
    uint64_t l1_old = *l1;
    check(hc_update_descriptor(virt_to_maddr(l1), data3) < 0, "descriptor written into a live L1");
    check(*l1 == l1_old, "live L1 entry changed to %#lx", *l1);
    check(hc_update_descriptor(0xffffffffff000UL, data3) < 0, "descriptor written beyond RAM");
    check(hc_update_descriptor(virt_to_maddr(start_info->pt_base ? (void *)start_info->pt_base : page), data3) < 0,
          "descriptor written into the live L4");

    /* Read-only page of ours: no descriptor type, no write. */
    uint64_t *ro = alloc_page();
    check_rc(make_readonly(ro), 0);
    rc = hc_update_descriptor(virt_to_maddr(&ro[1]), data3);
    printf("read-only data page: rc %ld\n", rc);
    check_rc(make_writable(ro), 0);
}
