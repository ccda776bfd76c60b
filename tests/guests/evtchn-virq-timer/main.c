/* SPDX-License-Identifier: GPL-2.0-only */
/* VIRQ_TIMER bound to an event channel fires after set_timer_op, waking SCHEDOP_block. */
#include "guest.h"

const char test_title[] = "VIRQ_TIMER + set_timer_op + SCHEDOP_block";

static volatile uint64_t fired_at;

static void on_timer(evtchn_port_t port)
{
    (void)port;
    if (!fired_at)
        fired_at = pvclock_now();
}

void test_main(void)
{
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };

    check_rc(hc_event_channel_op(EVTCHNOP_bind_virq, &bv), 0);
    printf("VIRQ_TIMER on port %u\n", bv.port);
    if (bv.port == 0 || bv.port >= 64) {
        test_error("unusable port %u", bv.port);
        return;
    }
    evtchn_set_handler(bv.port, on_timer);
    evtchn_unmask_local(bv.port);

    /* Binding the same per-vCPU VIRQ twice is refused. */
    struct evtchn_bind_virq again = { .virq = VIRQ_TIMER, .vcpu = 0 };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_virq, &again), -XEN_EEXIST);

    struct evtchn_status st = { .dom = DOMID_SELF, .port = bv.port };
    check_rc(hc_event_channel_op(EVTCHNOP_status, &st), 0);
    check(st.status == EVTCHNSTAT_virq && st.u.virq == VIRQ_TIMER && st.vcpu == 0,
          "status %u virq %u vcpu %u", st.status, st.u.virq, st.vcpu);

    /*
     * vCPUs start with a 100 Hz periodic timer that also raises VIRQ_TIMER
     * (Linux stops it too); stop it and drain what it already raised.
     */
    check_rc(hc_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);
    events_enable();
    events_disable();
    evtchn_clear(bv.port);
    fired_at = 0;

    /* A 5 ms one-shot; block until it arrives (bounded by a pvclock deadline). */
    uint64_t start = pvclock_now(), deadline = start + 5000000;
    uint32_t before = evtchn_hits[bv.port];

    check_rc(hc_set_timer_op(deadline), 0);
    for (int i = 0; i < 100 && evtchn_hits[bv.port] == before; i++) {
        events_disable();
        if (evtchn_hits[bv.port] != before)
            break;
        hc_sched_op(SCHEDOP_block, NULL); /* returns with events unmasked */
    }
    events_enable();
    check(evtchn_hits[bv.port] > before, "timer event never delivered");
    check(fired_at >= deadline, "timer fired early: %lu ns before the deadline", deadline - fired_at);
    check(fired_at - deadline < 2000000000UL, "timer fired %lu ns late", fired_at - deadline);
    printf("timer: fired %lu ns after the deadline\n", fired_at - deadline);

    /* A deadline in the past fires at once. */
    before = evtchn_hits[bv.port];
    check_rc(hc_set_timer_op(pvclock_now() - 1000), 0);
    for (int i = 0; i < 10 && evtchn_hits[bv.port] == before; i++) {
        events_disable();
        if (evtchn_hits[bv.port] != before)
            break;
        hc_sched_op(SCHEDOP_block, NULL);
    }
    events_enable();
    check(evtchn_hits[bv.port] > before, "past deadline never fired");

    /* Cancel: timeout 0 means no timer. */
    check_rc(hc_set_timer_op(0), 0);
    struct evtchn_close cl = { .port = bv.port };
    check_rc(hc_event_channel_op(EVTCHNOP_close, &cl), 0);
}
