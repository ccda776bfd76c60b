/* SPDX-License-Identifier: GPL-2.0-only */
/* update_descriptor writes a validated descriptor into a writable page of ours. */
#include "guest.h"

const char test_title[] = "update_descriptor positive cases";

void test_main(void)
{
    uint64_t *page = alloc_page();

    /* 64-bit code, DPL 3, present. */
    uint64_t code64 = 0x00affa000000ffffULL;
    check_rc(hc_update_descriptor(virt_to_maddr(&page[1]), code64), 0);
    check(page[1] == code64, "code descriptor stored as %#lx", page[1]);

    /* Flat data, DPL 3. */
    uint64_t data = 0x00cff2000000ffffULL;
    check_rc(hc_update_descriptor(virt_to_maddr(&page[2]), data), 0);
    check(page[2] == data, "data descriptor stored as %#lx", page[2]);

    /* Not-present and null descriptors are always fine. */
    check_rc(hc_update_descriptor(virt_to_maddr(&page[3]), 0), 0);
    check(page[3] == 0, "null descriptor stored as %#lx", page[3]);

    /* Batched, as Linux does for TLS entries. */
    struct multicall_entry mc = { .op = __HYPERVISOR_update_descriptor,
                                  .args = { virt_to_maddr(&page[4]), data } };
    check_rc(hc_multicall(&mc, 1), 0);
    check(mc.result == 0 && page[4] == data, "multicall update_descriptor: %ld, %#lx",
          (long)mc.result, page[4]);
}
