/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-test kernel: clears its trap table and faults, so the hypervisor must crash this domain
 * alone (a report naming domain, vCPU, RIP and cause) and keep running. No verdict is expected. */
#include "guest.h"

const char test_title[] = "unhandled fault crashes the domain";

void test_main(void)
{
    hc_set_trap_table(0);
    printf("CRASH-TEST: faulting at address 0 with no trap table\n");
    *(volatile uint64_t *)0 = 1;
    printf("CRASH-TEST: still alive after the fault\n");
}
