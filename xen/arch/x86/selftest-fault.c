/* SPDX-License-Identifier: GPL-2.0-only */
/* Self-test "fault": a deliberate page fault must produce the register dump and backtrace, then panic. */
#include <xen/lib.h>
#include <xen/selftest.h>

/* An address in L4 slot 1, never mapped in the hypervisor's address space. */
#define UNMAPPED_ADDRESS 0x0000008000000000UL

static noinline void fault_here(void)
{
    printk("SELFTEST fault: touching %#lx, a register dump must follow\n", UNMAPPED_ADDRESS);
    *(volatile unsigned long *)UNMAPPED_ADDRESS = 0xbad;
    printk("SELFTEST fault FAIL: the write did not fault\n");
}

static void selftest_fault(void)
{
    fault_here();
}
SELFTEST("fault", selftest_fault, 100);
