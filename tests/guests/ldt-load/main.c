/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MMUEXT_SET_LDT: descriptors of a read-only page become loadable LDT
 * selectors (a DPL 0 entry is raised to DPL 3), selectors past the limit
 * fault, the page cannot be made writable while it is the LDT, and it can
 * once the LDT is cleared.
 */
#include "priv.h"

const char test_title[] = "LDT through MMUEXT_SET_LDT";

void test_main(void)
{
    uint64_t *ldt = alloc_page();

    ldt[1] = 0x00cff2000000ffffULL; /* flat data, DPL 3: selector 0x0f */
    ldt[2] = 0x00cf92000000ffffULL; /* flat data, DPL 0: raised, selector 0x17 */
    check_rc(make_readonly(ldt), 0);
    check_rc(mmuext1(MMUEXT_SET_LDT, (uint64_t)ldt, 3), 0);

    check_rc(probe_load_ds(0x0f), 0);
    check_rc(probe_load_ds(0x17), 0);
    check(((ldt[2] >> 45) & 3) == 3, "DPL 0 LDT entry reads %#lx", ldt[2]);
    check_rc(probe_load_ds(0x1f), 0x100 | 13); /* entry 3: beyond the limit */
    check_rc(probe_load_ds(0x07), 0x100 | 13); /* entry 0: an empty descriptor */

    check(make_writable(ldt) < 0, "live LDT page mapped writable");

    check_rc(mmuext1(MMUEXT_SET_LDT, 0, 0), 0);
    check_rc(probe_load_ds(0x0f), 0x100 | 13);
    check_rc(make_writable(ldt), 0);

    /* Hostile arguments: unaligned base, too many entries, the hypervisor hole. */
    check(mmuext1(MMUEXT_SET_LDT, (uint64_t)ldt + 8, 1) < 0, "unaligned LDT base accepted");
    check(mmuext1(MMUEXT_SET_LDT, (uint64_t)ldt, 8193) < 0, "8193-entry LDT accepted");
    check(mmuext1(MMUEXT_SET_LDT, 0xffff800000000000UL, 1) < 0,
          "LDT in the hypervisor hole accepted");
}
