/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interdomain event channels between dom0 and a domain it creates: a
 * privileged alloc_unbound in the other domain, bind_interdomain to it, a
 * send that lands in the other domain's shared_info, closing one end
 * (the peer goes back to unbound, waiting for the closer), and the other
 * domain's death (our end goes back to unbound naming it, and a send on it
 * raises nothing).
 */
#include "guest.h"

const char test_title[] = "interdomain event channels with a second domain: bind, send, close, peer death";

static long ev(int cmd, void *arg) { return hc_event_channel_op(cmd, arg); }

static struct evtchn_status status(domid_t dom, evtchn_port_t port)
{
    struct evtchn_status st = { .dom = dom, .port = port };
    long rc = ev(EVTCHNOP_status, &st);
    if (rc)
        test_fail("status d%u port %u: %ld", dom, port, rc);
    return st;
}

static bool peer_pending(const struct shared_info *si, evtchn_port_t p)
{
    return (__atomic_load_n(&si->evtchn_pending[p / 64], __ATOMIC_SEQ_CST) >> (p % 64)) & 1;
}

void test_main(void)
{
    long d1 = ctl_create(1);
    if (d1 < 0) {
        test_error("createdomain: %ld", d1);
        return;
    }
    domid_t dom = d1;

    /* A port in the other domain, waiting for us. */
    struct evtchn_alloc_unbound au = { .dom = dom, .remote_dom = 0 };
    check_rc(ev(EVTCHNOP_alloc_unbound, &au), 0);
    evtchn_port_t rp = au.port;
    struct evtchn_status st = status(dom, rp);
    check(st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == 0, "d%u port %u: status %u dom %u",
          dom, rp, st.status, st.u.unbound.dom);

    struct evtchn_bind_interdomain bi = { .remote_dom = dom, .remote_port = rp };
    check_rc(ev(EVTCHNOP_bind_interdomain, &bi), 0);
    evtchn_port_t lp = bi.local_port;
    st = status(dom, rp);
    check(st.status == EVTCHNSTAT_interdomain && st.u.interdomain.dom == 0 && st.u.interdomain.port == lp,
          "after bind, d%u port %u: status %u peer %u:%u", dom, rp, st.status, st.u.interdomain.dom,
          st.u.interdomain.port);
    st = status(DOMID_SELF, lp);
    check(st.status == EVTCHNSTAT_interdomain && st.u.interdomain.dom == dom && st.u.interdomain.port == rp,
          "after bind, our port %u: status %u peer %u:%u", lp, st.status, st.u.interdomain.dom,
          st.u.interdomain.port);

    /* Look at the other domain's shared_info to see the send arrive. */
    struct xen_domctl_getdomaininfo info;
    check_rc(ctl_info(dom, &info), 0);
    struct shared_info *si = alloc_page();
    uint64_t own = virt_to_mfn(si);
    check_rc(HC(__HYPERVISOR_update_va_mapping_otherdomain, si,
                (info.shared_info_frame << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D, UVMF_INVLPG, dom, 0), 0);
    check(!peer_pending(si, rp), "peer port %u pending before any send", rp);
    struct evtchn_send s = { .port = lp };
    check_rc(ev(EVTCHNOP_send, &s), 0);
    check(peer_pending(si, rp), "send on our port %u did not reach d%u port %u", lp, dom, rp);
    __atomic_fetch_and(&si->evtchn_pending[rp / 64], ~(1UL << (rp % 64)), __ATOMIC_SEQ_CST);

    /* Closing our end: theirs goes back to unbound, still waiting for us; ours is gone. */
    struct evtchn_close c = { .port = lp };
    check_rc(ev(EVTCHNOP_close, &c), 0);
    st = status(dom, rp);
    check(st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == 0, "after close, d%u port %u: status %u dom %u",
          dom, rp, st.status, st.u.unbound.dom);
    check_rc(ev(EVTCHNOP_send, &s), -XEN_EINVAL);
    check(!peer_pending(si, rp), "a send on a closed port reached the peer");
    check_rc(remap(si, own, PTE_P | PTE_RW | PTE_A | PTE_D), 0);

    /* Bind again, then the other domain dies. */
    check_rc(ev(EVTCHNOP_bind_interdomain, &bi), 0);
    lp = bi.local_port;
    evtchn_mask(lp);
    check_rc(ctl_destroy_wait(dom), 0);
    st = status(DOMID_SELF, lp);
    check(st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == dom,
          "after d%u died, our port %u: status %u dom %u", dom, lp, st.status, st.u.unbound.dom);
    evtchn_clear(lp);
    s.port = lp;
    check_rc(ev(EVTCHNOP_send, &s), 0);
    check(!evtchn_is_pending(lp), "a send on an orphaned port raised it");
    c.port = lp;
    check_rc(ev(EVTCHNOP_close, &c), 0);
    check_rc(ev(EVTCHNOP_close, &c), -XEN_EINVAL);
    /* Its ports are gone with it. */
    struct evtchn_status gone = { .dom = dom, .port = rp };
    check_rc(ev(EVTCHNOP_status, &gone), -XEN_ESRCH);
}
