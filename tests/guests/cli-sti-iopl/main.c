/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli/sti in a PV kernel: without virtual IOPL they fault; with IOPL 1 (what
 * Linux sets) they are skipped, as Linux's pre-alternatives code
 * (this_cpu_cmpxchg16b_emu: pushf; cli; ...; popf) needs, and they do not
 * touch the event mask; guest user mode still faults with IOPL 1.
 */
#include "priv.h"

const char test_title[] = "cli/sti under the virtual IOPL";

static volatile unsigned int user_rc;

static unsigned int probe_cli(void)
{
    uint64_t before = last_trap.count;
    asm volatile("1: cli\n2:\n" PRIV_EXTABLE ::: "memory");
    return PRIV_FAULTED(before);
}

static unsigned int probe_sti(void)
{
    uint64_t before = last_trap.count;
    asm volatile("1: sti\n2:\n" PRIV_EXTABLE ::: "memory");
    return PRIV_FAULTED(before);
}

static void user_fn(void) { user_rc = probe_cli(); }

static long set_iopl(uint32_t iopl)
{
    struct physdev_set_iopl s = {.iopl = iopl};
    return hc_physdev_op(PHYSDEVOP_set_iopl, &s);
}

void test_main(void)
{
    check_rc(set_iopl(0), 0);
    check_rc(probe_cli(), 0x100 | 13);
    check_rc(probe_sti(), 0x100 | 13);

    check_rc(set_iopl(1), 0);
    uint8_t mask = vcpu0()->evtchn_upcall_mask;
    check_rc(probe_cli(), 0);
    check(vcpu0()->evtchn_upcall_mask == mask, "cli changed the upcall mask to %u",
          vcpu0()->evtchn_upcall_mask);
    check_rc(probe_sti(), 0);
    check(vcpu0()->evtchn_upcall_mask == mask, "sti changed the upcall mask to %u",
          vcpu0()->evtchn_upcall_mask);

    run_in_user(user_fn);
    check(user_rc == (0x100 | 13), "user-mode cli with IOPL 1: %#x (want #GP)", user_rc);
}
