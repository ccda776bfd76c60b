/* SPDX-License-Identifier: GPL-2.0-only */
/* alloc_unbound + bind_interdomain to ourselves: a loopback channel that notifies both ends. */
#include "guest.h"

const char test_title[] = "alloc_unbound and interdomain loopback";

void test_main(void)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };

    check_rc(hc_event_channel_op(EVTCHNOP_alloc_unbound, &au), 0);
    evtchn_port_t a = au.port;

    struct evtchn_status st = { .dom = DOMID_SELF, .port = a };
    check_rc(hc_event_channel_op(EVTCHNOP_status, &st), 0);
    check(st.status == EVTCHNSTAT_unbound, "unbound port status %u", st.status);

    struct evtchn_bind_interdomain bi = { .remote_dom = DOMID_SELF, .remote_port = a };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_interdomain, &bi), 0);
    evtchn_port_t b = bi.local_port;
    printf("loopback ports %u <-> %u\n", a, b);
    if (a == 0 || b == 0 || a >= 64 || b >= 64 || a == b) {
        test_error("unusable ports %u %u", a, b);
        return;
    }

    st.port = b;
    check_rc(hc_event_channel_op(EVTCHNOP_status, &st), 0);
    check(st.status == EVTCHNSTAT_interdomain && st.u.interdomain.port == a,
          "port %u: status %u remote port %u", b, st.status, st.u.interdomain.port);

    /* Xen conservatively raises the newly bound local port; drain that first. */
    evtchn_unmask_local(a);
    evtchn_unmask_local(b);
    events_enable();
    uint32_t ha = evtchn_hits[a], hb = evtchn_hits[b];
    printf("after bind: hits a=%u b=%u\n", ha, hb);

    struct evtchn_send s = { .port = b };
    check_rc(hc_event_channel_op(EVTCHNOP_send, &s), 0);
    check(evtchn_hits[a] == ha + 1 && evtchn_hits[b] == hb, "send on %u: hits a=%u b=%u", b,
          evtchn_hits[a], evtchn_hits[b]);
    s.port = a;
    check_rc(hc_event_channel_op(EVTCHNOP_send, &s), 0);
    check(evtchn_hits[b] == hb + 1 && evtchn_hits[a] == ha + 1, "send on %u: hits a=%u b=%u", a,
          evtchn_hits[a], evtchn_hits[b]);

    /* Binding an already-bound remote port again fails. */
    struct evtchn_bind_interdomain bi2 = { .remote_dom = DOMID_SELF, .remote_port = a };
    check(hc_event_channel_op(EVTCHNOP_bind_interdomain, &bi2) < 0, "second bind of port %u worked", a);

    /* Closing one end leaves the other unbound. */
    struct evtchn_close cl = { .port = b };
    check_rc(hc_event_channel_op(EVTCHNOP_close, &cl), 0);
    st.port = a;
    check_rc(hc_event_channel_op(EVTCHNOP_status, &st), 0);
    check(st.status == EVTCHNSTAT_unbound, "peer of a closed port has status %u", st.status);
    cl.port = a;
    check_rc(hc_event_channel_op(EVTCHNOP_close, &cl), 0);
}
