/* SPDX-License-Identifier: GPL-2.0-only */
/* IPI event channel to self: send, upcall delivery, masking, EVTCHNOP_unmask, status, close. */
#include "guest.h"

const char test_title[] = "bind_ipi send-to-self, mask/unmask, status, close";

void test_main(void)
{
    struct evtchn_bind_ipi bi = { .vcpu = 0 };

    check_rc(hc_event_channel_op(EVTCHNOP_bind_ipi, &bi), 0);
    evtchn_port_t p = bi.port;
    if (p == 0 || p >= 64) {
        test_error("unusable port %u", p);
        return;
    }
    evtchn_unmask_local(p);
    events_enable();

    struct evtchn_send snd = { .port = p };
    uint64_t ups = evtchn_upcalls;
    check_rc(hc_event_channel_op(EVTCHNOP_send, &snd), 0);
    check(evtchn_hits[p] == 1, "unmasked send: handler ran %u times", evtchn_hits[p]);
    check(evtchn_upcalls > ups, "no upcall for an unmasked send");
    check(!evtchn_is_pending(p), "port still pending after the upcall");

    /* Masked: stays pending, no upcall. */
    evtchn_mask(p);
    ups = evtchn_upcalls;
    check_rc(hc_event_channel_op(EVTCHNOP_send, &snd), 0);
    check(evtchn_is_pending(p), "masked send did not set pending");
    check(evtchn_hits[p] == 1, "masked port was delivered");

    /* EVTCHNOP_unmask re-raises the pending event. */
    struct evtchn_unmask um = { .port = p };
    check_rc(hc_event_channel_op(EVTCHNOP_unmask, &um), 0);
    hc_xen_version(0, NULL); /* any hypercall return delivers pending events */
    check(evtchn_hits[p] == 2, "unmask did not deliver the pending event (%u)", evtchn_hits[p]);
    check(!(shared->evtchn_mask[p / 64] & (1UL << (p % 64))), "unmask left the mask bit set");

    /* Vcpu-level mask: pending is set but delivery waits until unmasked. */
    events_disable();
    check_rc(hc_event_channel_op(EVTCHNOP_send, &snd), 0);
    check(evtchn_hits[p] == 2, "event delivered with upcalls masked");
    check(vcpu0()->evtchn_upcall_pending, "upcall_pending not set while masked");
    events_enable();
    check(evtchn_hits[p] == 3, "event not delivered after unmasking upcalls (%u)", evtchn_hits[p]);

    struct evtchn_status st = { .dom = DOMID_SELF, .port = p };
    check_rc(hc_event_channel_op(EVTCHNOP_status, &st), 0);
    check(st.status == EVTCHNSTAT_ipi && st.vcpu == 0, "status %u vcpu %u", st.status, st.vcpu);

    struct evtchn_close cl = { .port = p };
    check_rc(hc_event_channel_op(EVTCHNOP_close, &cl), 0);
    st.status = 0xff;
    check_rc(hc_event_channel_op(EVTCHNOP_status, &st), 0);
    check(st.status == EVTCHNSTAT_closed, "closed port has status %u", st.status);
    check(hc_event_channel_op(EVTCHNOP_send, &snd) < 0, "send on a closed port succeeded");
    check(hc_event_channel_op(EVTCHNOP_close, &cl) < 0, "double close succeeded");
}
