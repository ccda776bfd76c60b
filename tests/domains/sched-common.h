/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scheduler system-test kernel shared by tests/domains/sched-*: a domain measures its own
 * CPU share (runstate running time over pvclock time) or its wake-up latency and judges it.
 * Command line: role=hog share=<expected %> tol=<points> (share=0: no verdict on the share),
 * or role=io maxlat_us=<bound on wake-to-run>. Every domain of a test runs in the same window of system time.
 */
#include "guest.h"

bool cmdline_get(const char *key, char *out, size_t len);
long cmdline_int(const char *key, long dflt);

#define MS          1000000UL
#define WIN_START   (3000 * MS)         /* every domain is running by then */
#define WIN_LEN     (10000 * MS)        /* the 10 s */
#define TAIL        (1500 * MS)         /* keep competing while the others finish their window */
#define IO_WAKES    150
#define IO_PERIOD   (20 * MS)

const char test_title[] = "scheduler: CPU share or wake-up latency of one boot-time domain";

static struct vcpu_runstate_info runstate(void)
{
    struct vcpu_runstate_info r;
    if (hc_vcpu_op(VCPUOP_get_runstate_info, 0, &r))
        test_error("get_runstate_info failed");
    return r;
}

static uint64_t running_ns(void)
{
    return runstate().time[RUNSTATE_running];
}

/* Burn CPU until system time @until (pvclock read now and then). */
static volatile uint64_t sink;
static void burn_until(uint64_t until)
{
    while (pvclock_now() < until)
        for (unsigned int i = 0; i < 20000; i++)
            sink += i * 7;
}

static void hog(void)
{
    long want = cmdline_int("share", 0), tol = cmdline_int("tol", 5);

    burn_until(WIN_START);
    uint64_t r0 = running_ns(), t0 = pvclock_now();
    burn_until(WIN_START + WIN_LEN);
    uint64_t r1 = running_ns(), t1 = pvclock_now();
    burn_until(WIN_START + WIN_LEN + TAIL);

    uint64_t permille = (r1 - r0) * 1000 / (t1 - t0);
    printf("share: ran %lu ms of %lu ms = %lu.%lu%% (expected %ld +- %ld)\n", (r1 - r0) / MS,
           (t1 - t0) / MS, permille / 10, permille % 10, want, tol);
    if (want) {
        long pct10 = (long)permille;
        check(pct10 >= (want - tol) * 10 && pct10 <= (want + tol) * 10,
              "share %lu.%lu%%, expected %ld +- %ld", permille / 10, permille % 10, want, tol);
    }
}

static void io(void)
{
    long bound = cmdline_int("maxlat_us", 5000);
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };

    check_rc(hc_event_channel_op(EVTCHNOP_bind_virq, &bv), 0);
    check_rc(hc_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);
    events_disable();
    evtchn_mask(bv.port);
    /* Sleep (not burn) until the hogs are in their window: an I/O-bound domain. */
    while (pvclock_now() < WIN_START + 500 * MS) {
        struct sched_poll p = { .nr_ports = 1, .timeout = WIN_START + 500 * MS };
        set_xen_guest_handle(p.ports, &bv.port);
        hc_sched_op(SCHEDOP_poll, &p);
        evtchn_clear(bv.port);
    }

    /* Wake-to-run: the runnable time each wake-up adds (woken by its timer, not yet running);
     * the scheduler's part. Timer-to-run adds how late the timer itself fired (under TCG on a
     * busy host that can be milliseconds): reported, not judged. */
    uint64_t worst = 0, sum = 0, late_worst = 0, late_sum = 0;
    unsigned int over = 0;
    for (unsigned int i = 0; i < IO_WAKES; i++) {
        uint64_t deadline = pvclock_now() + IO_PERIOD;
        evtchn_clear(bv.port);
        uint64_t before = runstate().time[RUNSTATE_runnable];
        check_rc(hc_set_timer_op(deadline), 0);
        while (!evtchn_is_pending(bv.port)) {
            struct sched_poll p = { .nr_ports = 1, .timeout = 0 };
            set_xen_guest_handle(p.ports, &bv.port);
            hc_sched_op(SCHEDOP_poll, &p);
        }
        uint64_t now = pvclock_now(), late = now > deadline ? now - deadline : 0;
        uint64_t wait = runstate().time[RUNSTATE_runnable] - before;
        sum += wait;
        late_sum += late;
        if (wait > worst)
            worst = wait;
        over += wait > (uint64_t)bound * 1000;
        if (late > late_worst)
            late_worst = late;
        for (unsigned int j = 0; j < 2000; j++)    /* a little work per wake-up */
            sink += j;
    }
    printf("io: %u wake-ups; wake-to-run mean %lu us, worst %lu us, %u over %ld us; "
           "timer-to-run mean %lu us, worst %lu us\n", IO_WAKES, sum / IO_WAKES / 1000, worst / 1000,
           over, bound, late_sum / IO_WAKES / 1000, late_worst / 1000);
    /* QEMU's TCG thread on a shared host is sometimes descheduled for tens of ms, stretching
     * whatever the guest was doing: up to 2% of the wake-ups may be hit; the mean may not. */
    check(over <= IO_WAKES / 50, "%u of %u wake-ups waited over %ld us (worst %lu us)", over,
          IO_WAKES, bound, worst / 1000);
    check(sum / IO_WAKES <= (uint64_t)bound * 1000 / 5, "mean wake-to-run %lu us", sum / IO_WAKES / 1000);
}

void test_main(void)
{
    char role[8];

    if (!cmdline_get("role", role, sizeof(role)))
        test_error("no role= on the command line");
    else if (!strcmp(role, "hog"))
        hog();
    else if (!strcmp(role, "io"))
        io();
    else
        test_error("unknown role %s", role);
}
