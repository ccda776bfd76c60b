/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Two boot-time domains on one CPU loop on SCHEDOP_yield, each counting its yields: every
 * yield may hand the CPU to the other domain (the runstate area tells when it did), so both make
 * progress and share the CPU. Before
 * that, domain "a" yields alone while "b" sleeps: no rival, no switch (the hypercall's own
 * cost). Windows are in system time, common to both domains. tests/bench/domains.py turns the
 * printed counts into the domain-to-domain switch cost.
 */
#include "guest.h"

bool cmdline_get(const char *key, char *out, size_t len);

#define MS        1000000UL
#define ALONE_AT  (2000 * MS)           /* both domains are running by then */
#define WINDOW    (1000 * MS)
#define PAIR_AT   (ALONE_AT + WINDOW + 200 * MS)
#define MIN_YIELDS 100                  /* progress, not speed: a starved domain fails */

const char test_title[] = "boot-time domains on one CPU: SCHEDOP_yield switches between them";

static evtchn_port_t timer_port;
static volatile struct vcpu_runstate_info area;    /* the hypervisor keeps it current */

static struct vcpu_runstate_info runstate(void)
{
    struct vcpu_runstate_info r = { 0 };
    check_rc(hc_vcpu_op(VCPUOP_get_runstate_info, 0, &r), 0);
    return r;
}

/* Blocked (not yielding) until system time @t: the other domain runs alone meanwhile. */
static void sleep_until(uint64_t t)
{
    while (pvclock_now() < t) {
        struct sched_poll p = { .nr_ports = 1, .timeout = t };
        set_xen_guest_handle(p.ports, &timer_port);
        hc_sched_op(SCHEDOP_poll, &p);
        evtchn_clear(timer_port);
    }
}

static inline uint64_t tsc(void)
{
    uint32_t lo, hi;
    asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Yield from system time @from to @from + WINDOW; print the yields, how many of them switched
 * us out (our running state was entered anew: the other domain ran meanwhile), time, TSC
 * cycles and runstate totals. */
static void yield_window(uint64_t from, const char *what)
{
    sleep_until(from);
    struct vcpu_runstate_info r0 = runstate();
    uint64_t n = 0, away = 0, c0 = tsc(), t0 = pvclock_now(), t = t0;
    for (; t < from + WINDOW; t = pvclock_now(), n++) {
        uint64_t entered = area.state_entry_time;
        hc_sched_op(SCHEDOP_yield, NULL);
        away += area.state_entry_time != entered;
    }
    uint64_t c1 = tsc();
    struct vcpu_runstate_info r1 = runstate();
    uint64_t run = r1.time[RUNSTATE_running] - r0.time[RUNSTATE_running];
    uint64_t wait = r1.time[RUNSTATE_runnable] - r0.time[RUNSTATE_runnable];
    printf("yield %s: %lu yields, %lu switched away, in %lu ns, %lu cycles; running %lu ns, "
           "runnable %lu ns\n", what, (unsigned long)n, (unsigned long)away, (unsigned long)(t - t0),
           (unsigned long)(c1 - c0), (unsigned long)run, (unsigned long)wait);
    check(n >= MIN_YIELDS, "%s: only %lu yields in %lu ms", what, (unsigned long)n, WINDOW / MS);
    check(strcmp(what, "paired") || away >= MIN_YIELDS, "paired: switched away only %lu times in %lu yields",
          (unsigned long)away, (unsigned long)n);
    check(run > 0 && run <= t - t0 + MS, "%s: running %lu ns in a %lu ns window", what,
          (unsigned long)run, (unsigned long)(t - t0));
}

void test_main(void)
{
    char role[4];
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };

    if (!cmdline_get("role", role, sizeof(role)) || (strcmp(role, "a") && strcmp(role, "b"))) {
        test_error("role=a or role=b on the command line");
        return;
    }
    check_rc(hc_event_channel_op(EVTCHNOP_bind_virq, &bv), 0);
    check_rc(hc_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);
    events_disable();
    evtchn_mask(bv.port);
    timer_port = bv.port;
    struct vcpu_register_runstate_memory_area reg;
    reg.addr.v = (struct vcpu_runstate_info *)&area;
    check_rc(hc_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &reg), 0);
    if (pvclock_now() >= ALONE_AT) {
        test_error("started at %lu ms, after the first window", (unsigned long)(pvclock_now() / MS));
        return;
    }
    if (!strcmp(role, "a"))
        yield_window(ALONE_AT, "alone");
    yield_window(PAIR_AT, "paired");
}
