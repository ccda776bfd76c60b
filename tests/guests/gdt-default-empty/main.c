/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: guest selectors indexing hypervisor memory. Before set_gdt a
 * PV guest has no GDT entries of its own: every selector below 0xe000 must
 * fault instead of reading whatever lies under the hypervisor's GDT, and
 * the hypervisor's own ring-0 selectors must not load either. Only the
 * flat ring-3 selectors from the ABI work.
 */
#include "priv.h"

const char test_title[] = "default GDT: no guest entries, no hypervisor selectors";

void test_main(void)
{
    static const uint16_t guest_sels[] = {0x0008, 0x0010, 0x002b, 0x0033,
                                          0x0ff8, 0x1003, 0x7ffb, 0xdffb};
    static const uint16_t hv_sels[] = {0xe008, 0xe010, 0xe040, 0xe060};

    for (size_t i = 0; i < ARRAY_SIZE(guest_sels); i++) {
        unsigned int rc = probe_load_ds(guest_sels[i]);
        check(rc == (0x100 | 13), "selector %#x loaded into %%ds without a GDT (%#x)",
              guest_sels[i], rc);
    }
    for (size_t i = 0; i < ARRAY_SIZE(hv_sels); i++) {
        unsigned int rc = probe_load_ds(hv_sels[i]);
        check(rc != 0, "hypervisor selector %#x loaded into %%ds", hv_sels[i]);
    }
    check_rc(probe_load_ds(FLAT_RING3_DS32), 0);
    check_rc(probe_load_ds(0), 0);
}
