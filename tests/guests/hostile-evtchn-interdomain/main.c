/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: event-channel state confusion (binding ports that are not
 * offered to us, use after close, double close, unknown domains, table
 * exhaustion). Each must fail with Xen 4.17's errno and leave the table
 * usable: bind_interdomain to a port unbound for someone else, to a VIRQ
 * or IPI port, to a free port or one out of range; close twice; send on a
 * closed port; a nonexistent remote domain; every port of a domain allocated.
 */
#include "guest.h"

const char test_title[] = "hostile interdomain event-channel use is refused";

static long ev(int cmd, void *arg) { return hc_event_channel_op(cmd, arg); }

static evtchn_port_t unbound_for(domid_t remote)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = remote };
    long rc = ev(EVTCHNOP_alloc_unbound, &au);
    if (rc)
        test_fail("alloc_unbound for d%u: %ld", remote, rc);
    return au.port;
}

static long bind_to(domid_t dom, evtchn_port_t port)
{
    struct evtchn_bind_interdomain bi = { .remote_dom = dom, .remote_port = port };
    return ev(EVTCHNOP_bind_interdomain, &bi);
}

static long close_port(evtchn_port_t port)
{
    struct evtchn_close c = { .port = port };
    return ev(EVTCHNOP_close, &c);
}

static evtchn_port_t ports[64];

void test_main(void)
{
    /* Offered to domain 5, not to us: we may not take it. */
    evtchn_port_t other = unbound_for(5);
    check_rc(bind_to(DOMID_SELF, other), -XEN_EINVAL);
    struct evtchn_status st = { .dom = DOMID_SELF, .port = other };
    check_rc(ev(EVTCHNOP_status, &st), 0);
    check(st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == 5, "port %u changed: status %u dom %u",
          other, st.status, st.u.unbound.dom);

    /* Ports that are not unbound at all. */
    struct evtchn_bind_ipi ipi = { .vcpu = 0 };
    check_rc(ev(EVTCHNOP_bind_ipi, &ipi), 0);
    check_rc(bind_to(DOMID_SELF, ipi.port), -XEN_EINVAL);
    struct evtchn_bind_virq bv = { .virq = VIRQ_DEBUG, .vcpu = 0 };
    check_rc(ev(EVTCHNOP_bind_virq, &bv), 0);
    check_rc(bind_to(DOMID_SELF, bv.port), -XEN_EINVAL);
    check_rc(bind_to(DOMID_SELF, 0), -XEN_EINVAL);
    check_rc(bind_to(DOMID_SELF, 4000), -XEN_EINVAL);      /* free */
    check_rc(bind_to(DOMID_SELF, 4096), -XEN_EINVAL);      /* beyond the 2-level table */
    check_rc(bind_to(DOMID_SELF, 0xffffffffu), -XEN_EINVAL);

    /* A loopback pair, closed twice, sent on after close. */
    evtchn_port_t a = unbound_for(DOMID_SELF);
    struct evtchn_bind_interdomain bi = { .remote_dom = DOMID_SELF, .remote_port = a };
    check_rc(ev(EVTCHNOP_bind_interdomain, &bi), 0);
    evtchn_port_t b = bi.local_port;
    check_rc(bind_to(DOMID_SELF, a), -XEN_EINVAL);         /* already bound */
    check_rc(close_port(b), 0);
    check_rc(close_port(b), -XEN_EINVAL);
    struct evtchn_send s = { .port = b };
    check_rc(ev(EVTCHNOP_send, &s), -XEN_EINVAL);
    s.port = a;                                             /* a is unbound again: dropped */
    check_rc(ev(EVTCHNOP_send, &s), 0);
    check_rc(close_port(a), 0);
    check_rc(close_port(a), -XEN_EINVAL);
    check_rc(ev(EVTCHNOP_send, &s), -XEN_EINVAL);

    /* Domains that do not exist. */
    check_rc(bind_to(77, 1), -XEN_ESRCH);
    check_rc(bind_to(DOMID_IO, 1), -XEN_ESRCH);
    struct evtchn_alloc_unbound au = { .dom = 77, .remote_dom = DOMID_SELF };
    check_rc(ev(EVTCHNOP_alloc_unbound, &au), -XEN_ESRCH);

    check_rc(close_port(other), 0);
    check_rc(close_port(ipi.port), 0);
    check_rc(close_port(bv.port), 0);

    /* Every port of a domain created with a 31-port limit (Xen scans its table per
     * allocation, so dom0's 4095 would take minutes there): full, refused, usable again. */
    struct xen_domctl op = { 0 };
    op.u.createdomain = (struct xen_domctl_createdomain){
        .max_vcpus = 1, .max_evtchn_port = 31, .max_grant_frames = -1, .max_maptrack_frames = -1,
        .grant_opts = 1,
    };
    check_rc(domctl(XEN_DOMCTL_createdomain, 0, &op), 0);
    domid_t dom = op.domain;
    op.u.max_vcpus.max = 1;
    check_rc(domctl(XEN_DOMCTL_max_vcpus, dom, &op), 0);
    unsigned int n = 0;
    long rc;
    for (;;) {
        struct evtchn_alloc_unbound x = { .dom = dom, .remote_dom = 0 };
        rc = ev(EVTCHNOP_alloc_unbound, &x);
        if (rc || n == ARRAY_SIZE(ports))
            break;
        ports[n++] = x.port;
    }
    check_rc(rc, -XEN_ENOSPC);
    check(n == 31 && ports[0] == 1 && ports[30] == 31, "d%u held %u ports (%u..%u)", dom, n, ports[0],
          n ? ports[n - 1] : 0);
    /* A full table still lets us bind to its ports; it has no room for more. */
    struct evtchn_bind_interdomain full = { .remote_dom = dom, .remote_port = ports[5] };
    check_rc(ev(EVTCHNOP_bind_interdomain, &full), 0);
    struct evtchn_alloc_unbound x = { .dom = dom, .remote_dom = 0 };
    check_rc(ev(EVTCHNOP_alloc_unbound, &x), -XEN_ENOSPC);
    check_rc(ctl_destroy_wait(dom), 0);
    check_rc(close_port(full.local_port), 0);
    check_rc(close_port(full.local_port), -XEN_EINVAL);
}
