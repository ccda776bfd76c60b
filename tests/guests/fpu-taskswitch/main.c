/* SPDX-License-Identifier: GPL-2.0-only */
/* fpu_taskswitch(1) sets the virtual CR0.TS: the next FPU use raises #NM once, then runs. */
#include "guest.h"

const char test_title[] = "fpu_taskswitch and #NM";

static volatile unsigned int nm_hits;

static bool on_nm(struct exc_frame *f)
{
    (void)f;
    nm_hits++;
    return true; /* restart: Xen clears the virtual TS when it delivers #NM */
}

static void fpu_use(void)
{
    asm volatile("fninit; fwait" ::: "memory");
}

void test_main(void)
{
    trap_set_handler(7, on_nm);

    check_rc(hc_fpu_taskswitch(0), 0);
    fpu_use();
    check(nm_hits == 0, "#NM with TS clear");

    check_rc(hc_fpu_taskswitch(1), 0);
    fpu_use();
    check(nm_hits == 1, "fninit with TS set: %u #NM", nm_hits);
    fpu_use();
    check(nm_hits == 1, "second FPU use raised #NM again (%u)", nm_hits);

    /* Set then clear: no fault. */
    check_rc(hc_fpu_taskswitch(1), 0);
    check_rc(hc_fpu_taskswitch(0), 0);
    fpu_use();
    check(nm_hits == 1, "#NM after fpu_taskswitch(0) (%u)", nm_hits);

    /* Through a multicall, as Linux does on context switch. */
    struct multicall_entry mc = { .op = __HYPERVISOR_fpu_taskswitch, .args = { 1 } };
    check_rc(hc_multicall(&mc, 1), 0);
    check(mc.result == 0, "multicall fpu_taskswitch result %ld", (long)mc.result);
    fpu_use();
    check(nm_hits == 2, "#NM after multicall fpu_taskswitch(1): %u", nm_hits);
}
