/* SPDX-License-Identifier: GPL-2.0-only */
/* sched_op: yield, block (wakes on a pending event, unmasks), poll with timeout, bad sub-ops. */
#include "guest.h"

const char test_title[] = "sched_op yield, block, poll";

void test_main(void)
{
    check_rc(hc_sched_op(SCHEDOP_yield, NULL), 0);

    /* Block with an event already pending returns at once and unmasks upcalls. */
    struct evtchn_bind_ipi bi = { .vcpu = 0 };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_ipi, &bi), 0);
    evtchn_port_t p = bi.port;
    if (p == 0 || p >= 64) {
        test_error("unusable port %u", p);
        return;
    }
    evtchn_unmask_local(p);
    events_disable();
    struct evtchn_send s = { .port = p };
    check_rc(hc_event_channel_op(EVTCHNOP_send, &s), 0);
    check(evtchn_hits[p] == 0, "delivered while masked");
    uint64_t t0 = pvclock_now();
    check_rc(hc_sched_op(SCHEDOP_block, NULL), 0);
    check(evtchn_hits[p] == 1, "block did not deliver the pending event (%u)", evtchn_hits[p]);
    check(vcpu0()->evtchn_upcall_mask == 0, "block left upcalls masked");
    check(pvclock_now() - t0 < 1000000000UL, "block with a pending event slept");

    /* Poll: a masked pending port returns at once; an idle one times out. */
    evtchn_mask(p);
    check_rc(hc_event_channel_op(EVTCHNOP_send, &s), 0);
    evtchn_port_t ports[1] = { p };
    struct sched_poll poll = { .nr_ports = 1, .timeout = 0 };
    set_xen_guest_handle(poll.ports, ports);
    events_disable();
    check_rc(hc_sched_op(SCHEDOP_poll, &poll), 0);
    evtchn_clear(p);
    uint64_t start = pvclock_now();
    poll.timeout = start + 3000000; /* 3 ms */
    check_rc(hc_sched_op(SCHEDOP_poll, &poll), 0);
    uint64_t waited = pvclock_now() - start;
    check(waited >= 2000000, "poll returned after %lu ns, before its timeout", waited);
    check(waited < 2000000000UL, "poll overslept: %lu ns", waited);

    /* Too many ports is refused. */
    poll.nr_ports = 1000000;
    poll.timeout = 0;
    check(hc_sched_op(SCHEDOP_poll, &poll) < 0, "poll with 1000000 ports accepted");
    events_enable();

    check_rc(hc_sched_op(0x1234, NULL), -XEN_ENOSYS);
    struct evtchn_close cl = { .port = p };
    check_rc(hc_event_channel_op(EVTCHNOP_close, &cl), 0);
}
