/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest debug registers are live: a write watchpoint (DR0) and an instruction breakpoint
 * (DR1) set with set_debugreg raise #DB in the guest with the hit in its DR6; TF
 * single-step reports BS; a watched buffer the hypervisor writes for a hypercall does
 * not bring it down; cleared DR7 stops them firing.
 */
#include "guest.h"

const char test_title[] = "debug registers: watchpoints, breakpoints and single-step reach the guest";

#define hc_set_debugreg(r, v) HC(__HYPERVISOR_set_debugreg, r, v, 0, 0, 0)
#define hc_get_debugreg(r) HC(__HYPERVISOR_get_debugreg, r, 0, 0, 0, 0)

#define DR6_B0 (1UL << 0)
#define DR6_B1 (1UL << 1)
#define DR6_BS (1UL << 14)
#define DR6_FIXED 0xffff0ff0UL
#define RFLAGS_TF (1UL << 8)
#define RFLAGS_RF (1UL << 16)

static volatile uint64_t watch_buf[2] __attribute__((aligned(16)));   /* room for xen_extraversion_t */
#define watched watch_buf[0]
static volatile unsigned int db_hits;
static volatile uint64_t db_rip, db_dr6;

static bool on_db(struct exc_frame *f)
{
    db_hits++;
    db_rip = f->rip;
    db_dr6 = (uint64_t)hc_get_debugreg(6);
    hc_set_debugreg(6, DR6_FIXED);      /* as Linux does: clear the status for the next one */
    f->rflags &= ~RFLAGS_TF;
    if (db_dr6 & DR6_B1)
        hc_set_debugreg(7, 0);          /* an instruction breakpoint would hit again at once */
    return true;
}

static __attribute__((noinline)) int breakpoint_target(int x)
{
    asm volatile("" ::: "memory");
    return x + 1;
}

void test_main(void)
{
    trap_set_handler(1, on_db);
    check_rc(hc_set_debugreg(6, DR6_FIXED), 0);

    /* DR0: 8-byte write watchpoint (R/W0 = 01, LEN0 = 10), locally enabled. */
    check_rc(hc_set_debugreg(0, (unsigned long)&watched), 0);
    check_rc(hc_set_debugreg(7, (1UL << 0) | (1UL << 16) | (2UL << 18)), 0);
    unsigned int before = db_hits;
    watched = 1;
    check(db_hits == before + 1, "write watchpoint: %u #DB, want 1", db_hits - before);
    check(db_dr6 & DR6_B0, "write watchpoint: guest DR6 %#lx lacks B0", db_dr6);
    uint64_t v = watched;                /* a read does not match a write watchpoint */
    (void)v;
    check(db_hits == before + 1, "a read hit the write watchpoint");

    /* The hypervisor writing the watched buffer for us (xen_version extraversion) must
     * neither fault in the hypervisor nor go unnoticed by our own later writes. */
    char *buf = (char *)watch_buf;
    before = db_hits;
    long rc = HC(__HYPERVISOR_xen_version, XENVER_extraversion, (uint64_t)buf, 0, 0, 0);
    check(rc == 0, "xen_version into a watched buffer: %ld", rc);
    watched = 2;
    check(db_hits >= before + 1, "watchpoint lost after the hypervisor wrote the buffer");

    /* Cleared DR7: no more #DB. */
    check_rc(hc_set_debugreg(7, 0), 0);
    before = db_hits;
    watched = 3;
    check(db_hits == before, "#DB with DR7 cleared");

    /* DR1: instruction breakpoint (R/W1 = 00, LEN1 = 00) on a function. */
    check_rc(hc_set_debugreg(1, (unsigned long)breakpoint_target), 0);
    check_rc(hc_set_debugreg(7, 1UL << 2), 0);
    before = db_hits;
    int r = breakpoint_target(41);
    check(r == 42, "function returned %d", r);
    check(db_hits == before + 1, "instruction breakpoint: %u #DB, want 1", db_hits - before);
    check(db_dr6 & DR6_B1, "instruction breakpoint: guest DR6 %#lx lacks B1", db_dr6);
    check(db_rip == (unsigned long)breakpoint_target, "breakpoint #DB at %#lx, want %p", db_rip,
          (void *)breakpoint_target);

    /* TF single-step: the #DB after one instruction reports BS. */
    before = db_hits;
    asm volatile("pushfq; orq $0x100, (%%rsp); popfq; nop; nop" ::: "memory", "cc");
    check(db_hits == before + 1, "single-step: %u #DB, want 1", db_hits - before);
    check(db_dr6 & DR6_BS, "single-step: guest DR6 %#lx lacks BS", db_dr6);

    check_rc(hc_set_debugreg(0, 0), 0);
    check_rc(hc_set_debugreg(1, 0), 0);
}
