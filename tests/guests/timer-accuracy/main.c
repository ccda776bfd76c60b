/* SPDX-License-Identifier: GPL-2.0-only */
/* Timers: set_timer_op and single-shot deadlines are never early and not badly late; cancel/replace; 100 Hz periodic. */
#include "guest.h"

const char test_title[] = "set_timer_op, single-shot and periodic timer accuracy";

#define LATE_NS 200000000UL             /* generous: QEMU TCG on a shared host */

static evtchn_port_t port;
static volatile uint64_t fired_at;

static void on_timer(evtchn_port_t p)
{
    (void)p;
    if (!fired_at)
        fired_at = pvclock_now();
}

static void one_shot(const char *how, uint64_t delay)
{
    uint64_t deadline = pvclock_now() + delay;

    fired_at = 0;
    if (how[0] == 's') {
        check_rc(hc_set_timer_op(deadline), 0);
    } else {
        struct vcpu_set_singleshot_timer st = { .timeout_abs_ns = deadline };
        check_rc(hc_vcpu_op(VCPUOP_set_singleshot_timer, 0, &st), 0);
    }
    while (!fired_at && pvclock_now() < deadline + 2 * LATE_NS)
        asm volatile("pause");
    check(fired_at, "%s %lu us: never fired", how, delay / 1000);
    if (!fired_at)
        return;
    check(fired_at >= deadline, "%s %lu us: fired %lu ns early", how, delay / 1000, deadline - fired_at);
    check(fired_at < deadline + LATE_NS, "%s %lu us: fired %lu ns late", how, delay / 1000, fired_at - deadline);
    printf("%s %5lu us: %lu us late\n", how, delay / 1000, (fired_at - deadline) / 1000);
}

void test_main(void)
{
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_virq, &bv), 0);
    port = bv.port;
    evtchn_set_handler(port, on_timer);
    evtchn_unmask_local(port);
    check_rc(hc_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);
    events_enable();

    static const uint64_t delays[] = { 1000000, 10000000, 50000000 };
    for (unsigned int i = 0; i < ARRAY_SIZE(delays); i++) {
        one_shot("set_timer_op", delays[i]);
        one_shot("singleshot", delays[i]);
    }

    /* Cancelled (timeout 0) and replaced deadlines do not fire. */
    fired_at = 0;
    check_rc(hc_set_timer_op(pvclock_now() + 5000000), 0);
    check_rc(hc_set_timer_op(0), 0);
    uint64_t t0 = pvclock_now();
    while (pvclock_now() < t0 + 30000000)
        asm volatile("pause");
    check(!fired_at, "a cancelled set_timer_op deadline fired");
    uint64_t late = pvclock_now() + 40000000;
    check_rc(hc_set_timer_op(pvclock_now() + 5000000), 0);
    check_rc(hc_set_timer_op(late), 0);
    while (!fired_at && pvclock_now() < late + 2 * LATE_NS)
        asm volatile("pause");
    check(fired_at >= late, "a replaced deadline fired at the old time (%ld ns before the new one)",
          (long)(late - fired_at));
    struct vcpu_set_singleshot_timer st = { .timeout_abs_ns = pvclock_now() + 5000000 };
    fired_at = 0;
    check_rc(hc_vcpu_op(VCPUOP_set_singleshot_timer, 0, &st), 0);
    check_rc(hc_vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL), 0);
    t0 = pvclock_now();
    while (pvclock_now() < t0 + 30000000)
        asm volatile("pause");
    check(!fired_at, "a stopped single-shot timer fired");

    /* 100 Hz periodic, counted while the vCPU runs (descheduled vCPUs get no ticks). */
    uint32_t before = evtchn_hits[port];
    struct vcpu_set_periodic_timer pt = { .period_ns = 10000000 };
    check_rc(hc_vcpu_op(VCPUOP_set_periodic_timer, 0, &pt), 0);
    t0 = pvclock_now();
    while (pvclock_now() < t0 + 200000000)
        asm volatile("pause");
    check_rc(hc_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);
    uint32_t ticks = evtchn_hits[port] - before;
    printf("periodic 10 ms over 200 ms: %u ticks\n", ticks);
    check(ticks >= 5 && ticks <= 25, "periodic 10 ms timer gave %u ticks in 200 ms", ticks);
    pt.period_ns = 999999;
    check_rc(hc_vcpu_op(VCPUOP_set_periodic_timer, 0, &pt), -XEN_EINVAL);
    check_rc(hc_vcpu_op(VCPUOP_set_periodic_timer, 0, (void *)0xffff800000000000UL), -XEN_EFAULT);
    check_rc(hc_vcpu_op(VCPUOP_set_singleshot_timer, 0, (void *)0xffff800000000000UL), -XEN_EFAULT);
}
