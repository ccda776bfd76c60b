/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: console_io trusting its buffer and count. A buffer that is
 * non-canonical, unmapped, or runs off mapped memory, with a count up to
 * 2^32-1, must give -EFAULT after at most the readable bytes, never an
 * over-read of hypervisor memory or a hang; the console keeps working.
 */
#include "guest.h"

const char test_title[] = "console_io with bad buffers and absurd counts";

#define NONCANON ((void *)0x8000000000000000UL)
#define NONCANON_LOW ((void *)0x0000800000000000UL)

void test_main(void)
{
    check_rc(hc_console_io(CONSOLEIO_write, 1, NONCANON), -XEN_EFAULT);
    check_rc(hc_console_io(CONSOLEIO_write, 0xffffffffu, NONCANON_LOW), -XEN_EFAULT);
    check_rc(hc_console_io(CONSOLEIO_write, 0xffffffffu, (void *)0xffff800000000000UL), -XEN_EFAULT);
    check_rc(hc_console_io(CONSOLEIO_write, 0xffffffffu, (void *)0xfffffffffffff000UL), -XEN_EFAULT);
    /* A count of 0 reads nothing, whatever the pointer. */
    check_rc(hc_console_io(CONSOLEIO_write, 0, NONCANON), 0);

    /* A line at the end of a page whose successor is unmapped, with a count of 2^32-1. */
    char *edge = alloc_page();
    char *next = edge + PAGE_SIZE;
    check_rc(hc_update_va_mapping(next, 0, UVMF_INVLPG), 0);
    static const char line[] = "\n[edge of mapped memory]\n";
    char *tail = next - (sizeof(line) - 1);
    memcpy(tail, line, sizeof(line) - 1);
    check_rc(hc_console_io(CONSOLEIO_write, 0xffffffffu, tail), -XEN_EFAULT);
    check_rc(hc_console_io(CONSOLEIO_write, sizeof(line), tail), -XEN_EFAULT);
    check_rc(hc_console_io(CONSOLEIO_write, sizeof(line) - 1, tail), 0);

    /* A buffer wrapping around the top of the address space. */
    check_rc(hc_console_io(CONSOLEIO_write, 0x2000, (void *)0xfffffffffffffff0UL), -XEN_EFAULT);

    /* The count is 32 bits: the upper half of the register is ignored. */
    long rc = HC(__HYPERVISOR_console_io, CONSOLEIO_write, 0xffffffff00000000UL, NONCANON, 0, 0);
    check_rc(rc, 0);

    /* Still alive: a normal write works. */
    static const char ok[] = "console still works\n";
    check_rc(hc_console_io(CONSOLEIO_write, sizeof(ok) - 1, ok), 0);
    check_rc(hc_console_io(-1, 0, NULL), -XEN_ENOSYS);
}
