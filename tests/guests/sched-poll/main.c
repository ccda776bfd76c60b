/* SPDX-License-Identifier: GPL-2.0-only */
/* SCHEDOP_poll: wakes when a polled (masked) port becomes pending, sleeps to its timeout otherwise; bad args refused. */
#include "guest.h"

const char test_title[] = "SCHEDOP_poll wake-ups, timeouts and bad arguments";

static long poll(evtchn_port_t *ports, uint32_t n, uint64_t timeout)
{
    struct sched_poll p = { .nr_ports = n, .timeout = timeout };
    set_xen_guest_handle(p.ports, ports);
    return hc_sched_op(SCHEDOP_poll, &p);
}

void test_main(void)
{
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };
    struct evtchn_bind_ipi bi = { .vcpu = 0 };

    check_rc(hc_event_channel_op(EVTCHNOP_bind_virq, &bv), 0);
    check_rc(hc_event_channel_op(EVTCHNOP_bind_ipi, &bi), 0);
    check_rc(hc_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);
    events_disable();                   /* pollers wait with upcalls off, like pv spinlocks */
    evtchn_mask(bv.port);
    evtchn_mask(bi.port);
    evtchn_clear(bv.port);

    /* A masked port raised by a 5 ms timer ends a poll whose own timeout is 2 s away. */
    evtchn_port_t one[1] = { bv.port };
    uint64_t t0 = pvclock_now();
    check_rc(hc_set_timer_op(t0 + 5000000), 0);
    check_rc(poll(one, 1, t0 + 2000000000UL), 0);
    uint64_t waited = pvclock_now() - t0;
    printf("poll on the timer port woke after %lu us\n", waited / 1000);
    check(evtchn_is_pending(bv.port), "poll returned without the timer port pending");
    check(waited < 1000000000UL, "poll slept %lu ns: the pending port did not wake it", waited);
    evtchn_clear(bv.port);

    /* Two ports: the event on the second one wakes the poller. */
    evtchn_port_t two[2] = { bi.port, bv.port };
    t0 = pvclock_now();
    check_rc(hc_set_timer_op(t0 + 5000000), 0);
    check_rc(poll(two, 2, t0 + 2000000000UL), 0);
    waited = pvclock_now() - t0;
    check(evtchn_is_pending(bv.port) && !evtchn_is_pending(bi.port), "two-port poll: wrong port pending");
    check(waited < 1000000000UL, "two-port poll slept %lu ns", waited);
    evtchn_clear(bv.port);

    /* No ports: only the timeout ends it. */
    t0 = pvclock_now();
    check_rc(poll(NULL, 0, t0 + 3000000), 0);
    waited = pvclock_now() - t0;
    check(waited >= 2000000 && waited < 2000000000UL, "port-less poll returned after %lu ns", waited);

    /* A timeout already in the past returns at once. */
    t0 = pvclock_now();
    check_rc(poll(one, 1, t0 - 1000), 0);
    check(pvclock_now() - t0 < 1000000000UL, "poll with a past timeout slept");

    /* Bad arguments. */
    static evtchn_port_t many[129];
    check_rc(poll(many, 129, 0), -XEN_EINVAL);
    check_rc(poll((evtchn_port_t *)0xffff800000001000UL, 1, 0), -XEN_EFAULT);
    evtchn_port_t bad[2] = { bi.port, 4096 };
    check_rc(poll(bad, 2, 0), -XEN_EINVAL);
    bad[1] = 0xffffffffu;
    check_rc(poll(bad, 2, 0), -XEN_EINVAL);
    check_rc(hc_sched_op(SCHEDOP_poll, (void *)0xffff800000002000UL), -XEN_EFAULT);

    struct evtchn_close cl = { .port = bv.port };
    check_rc(hc_event_channel_op(EVTCHNOP_close, &cl), 0);
    cl.port = bi.port;
    check_rc(hc_event_channel_op(EVTCHNOP_close, &cl), 0);
}
