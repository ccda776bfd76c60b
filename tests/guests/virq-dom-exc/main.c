/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The toolstack learns that a domain went away through VIRQ_DOM_EXC, a
 * global VIRQ delivered to dom0: destroying a domain raises it (xenstored's
 * @releaseDomain depends on it). Binding it twice is refused.
 */
#include "guest.h"

const char test_title[] = "VIRQ_DOM_EXC is raised in dom0 when a domain is destroyed";

void test_main(void)
{
    struct evtchn_bind_virq bv = { .virq = VIRQ_DOM_EXC, .vcpu = 0 };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_virq, &bv), 0);
    evtchn_port_t p = bv.port;
    struct evtchn_bind_virq again = bv;
    check_rc(hc_event_channel_op(EVTCHNOP_bind_virq, &again), -XEN_EEXIST);
    evtchn_mask(p);

    long dom = ctl_create(1);
    if (dom < 0) {
        test_error("createdomain: %ld", dom);
        return;
    }
    evtchn_clear(p);
    check_rc(ctl_destroy_wait(dom), 0);
    check(evtchn_is_pending(p), "VIRQ_DOM_EXC (port %u) not raised by destroying d%ld", p, dom);

    struct evtchn_close c = { .port = p };
    check_rc(hc_event_channel_op(EVTCHNOP_close, &c), 0);
}
