/* SPDX-License-Identifier: GPL-2.0-only */
/* SSE (xmm0-15, MXCSR) and x87 register state survive hypercalls, bounced traps, a user-mode round trip and SCHEDOP_yield. */
#include "guest.h"

const char test_title[] = "FPU/SSE register state preserved across hypervisor entries";

/* The runtime is built with -mno-sse: every xmm access is inline asm on memory. */
#define XMM_ALL(op) \
    op(0) op(1) op(2) op(3) op(4) op(5) op(6) op(7) op(8) op(9) op(10) op(11) op(12) op(13) op(14) op(15)
#define LOAD(n) asm volatile("movdqu %0, %%xmm" #n :: "m"(buf[n]));
#define STORE(n) asm volatile("movdqu %%xmm" #n ", %0" : "=m"(buf[n]));

struct xmm { uint64_t lo, hi; };

static void xmm_load(const struct xmm *buf) { XMM_ALL(LOAD) }
static void xmm_store(struct xmm *buf) { XMM_ALL(STORE) }

static struct xmm want[16], got[16];
static const uint32_t mxcsr_want = 0x1f80 | (3u << 13) | 0x40;  /* masks, round toward zero, DAZ */
static const uint16_t x87_cw_want = 0x0f7f;                   /* round toward zero, extended precision */
static volatile unsigned int bp_hits;

static bool on_bp(struct exc_frame *f)
{
    (void)f;
    bp_hits++;
    return true;
}

static void user_fn(void)
{
    asm volatile("int3");
}

static void load_state(unsigned int round)
{
    for (unsigned int i = 0; i < 16; i++) {
        want[i].lo = 0x0123456789abcdefUL ^ ((uint64_t)(i + 1) << 56) ^ round;
        want[i].hi = ~want[i].lo ^ ((uint64_t)i << 8);
    }
    xmm_load(want);
    uint32_t m = mxcsr_want;
    asm volatile("ldmxcsr %0" :: "m"(m));
    asm volatile("fninit; fldcw %0; fldpi" :: "m"(x87_cw_want));
}

/* Compare without touching the state first: store everything, then check. */
static void check_state(const char *after)
{
    uint32_t m = 0;
    uint16_t cw = 0;
    uint64_t pi_bits = 0;

    xmm_store(got);
    asm volatile("stmxcsr %0" : "=m"(m));
    asm volatile("fnstcw %0" : "=m"(cw));
    asm volatile("fstpl %0" : "=m"(pi_bits));   /* pops the fldpi value */
    for (unsigned int i = 0; i < 16; i++)
        check(got[i].lo == want[i].lo && got[i].hi == want[i].hi,
              "after %s: xmm%u %#lx:%#lx, want %#lx:%#lx", after, i, got[i].hi, got[i].lo,
              want[i].hi, want[i].lo);
    check(m == mxcsr_want, "after %s: MXCSR %#x, want %#x", after, m, mxcsr_want);
    check(cw == x87_cw_want, "after %s: x87 control word %#x, want %#x", after, cw, x87_cw_want);
    /* pi rounded toward zero to double: 0x400921fb54442d18. */
    check(pi_bits == 0x400921fb54442d18UL, "after %s: st(0) %#lx, want pi", after, pi_bits);
}

void test_main(void)
{
    check_rc(hc_fpu_taskswitch(0), 0);
    trap_set_handler(3, on_bp);

    /* The checker itself must see a corrupted register. */
    load_state(0);
    asm volatile("pxor %xmm9, %xmm9");
    xmm_store(got);
    check(got[9].lo == 0 && got[9].hi == 0, "pxor did not clear xmm9: the checker reads stale values");
    load_state(0);
    check_state("nothing");

    load_state(1);
    for (int i = 0; i < 50; i++)
        hc_xen_version(XENVER_version, 0);
    struct multicall_entry mc[2] = { { .op = __HYPERVISOR_xen_version }, { .op = __HYPERVISOR_vm_assist,
                                      .args = { VMASST_CMD_enable, 99 } } };
    hc_multicall(mc, 2);
    check_state("hypercalls");

    load_state(2);
    asm volatile("int3");
    uint64_t v;
    probe_read((void *)0x0000100000000000UL, &v);  /* a #PF bounced and fixed up */
    check_state("bounced #BP and #PF");
    check(bp_hits == 1, "int3 handler ran %u times", bp_hits);

    load_state(3);
    run_in_user(user_fn);
    check_state("a user-mode round trip");
    check(bp_hits == 2, "user int3 handler ran %u times", bp_hits);

    load_state(4);
    for (int i = 0; i < 20; i++)
        hc_sched_op(SCHEDOP_yield, 0);
    check_state("SCHEDOP_yield");

    /* Timer plus block (which enables events): off the CPU to idle, back through an upcall. */
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_virq, &bv), 0);
    uint64_t upcalls = evtchn_upcalls;
    load_state(5);
    uint64_t t0 = pvclock_now();
    events_disable();
    check_rc(hc_set_timer_op(t0 + 2000000), 0);
    hc_sched_op(SCHEDOP_block, 0);
    events_disable();
    check_state("set_timer_op, SCHEDOP_block and the timer upcall");
    check(evtchn_upcalls > upcalls, "no timer upcall after SCHEDOP_block");
}
