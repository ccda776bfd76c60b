/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: set_trap_table walking a guest list without bounds. A list
 * with no terminator that runs through a full page into an unmapped one
 * must end in -EFAULT (not a hang or a read past the guest's memory); the
 * entries before the fault stay usable; a NULL list clears the table.
 */
#include "guest.h"

const char test_title[] = "set_trap_table lists running into unmapped memory";

void trap_entry_6(void);

void test_main(void)
{
    struct trap_info *page = alloc_page();
    check_rc(hc_update_va_mapping((uint8_t *)page + PAGE_SIZE, 0, UVMF_INVLPG), 0);

    /* 256 valid #UD entries and no terminator before the unmapped page. */
    for (unsigned int i = 0; i < PAGE_SIZE / sizeof(*page); i++)
        page[i] = (struct trap_info){ .vector = 6, .flags = 0, .cs = FLAT_KERNEL_CS,
                                      .address = (uint64_t)trap_entry_6 };
    check_rc(hc_set_trap_table(page), -XEN_EFAULT);
    check(probe_ud2() == (0x100 | 6), "#UD not delivered after a list ran into a hole");

    /* One entry straddling the page end. */
    struct trap_info *straddle = (struct trap_info *)((uint8_t *)page + PAGE_SIZE - 8);
    check_rc(hc_set_trap_table(straddle), -XEN_EFAULT);

    /* The last slot of the page, a terminator: the list ends before the hole. */
    struct trap_info *last = &page[PAGE_SIZE / sizeof(*page) - 1];
    memset(last, 0, sizeof(*last));
    check_rc(hc_set_trap_table(last), 0);
    check_rc(hc_set_trap_table(page), 0);
    check(probe_ud2() == (0x100 | 6), "#UD not delivered after a 255-entry list");

    /* Non-canonical and top-of-memory list pointers. */
    check_rc(hc_set_trap_table((void *)0x8000000000000000UL), -XEN_EFAULT);
    check_rc(hc_set_trap_table((void *)0xfffffffffffffff8UL), -XEN_EFAULT);

    /* NULL clears the whole table; restore it before the next exception. */
    check_rc(hc_set_trap_table(NULL), 0);
    check_rc(trap_table_load(~0u, 0, 0), 0);
    check(probe_ud2() == (0x100 | 6), "#UD broken after restoring the table");
}
