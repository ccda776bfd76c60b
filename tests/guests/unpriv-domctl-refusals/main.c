/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: the toolstack interface reachable from an unprivileged domain.
 * Without privilege, domctl and sysctl answer as Xen 4.17 does for a domU:
 * unreadable argument -EFAULT and wrong version -EACCES first, an unknown
 * domain -ESRCH, then -EPERM for everything (its own domain included, scheduler
 * parameters and vCPU affinity among it);
 * memory_op on another domain and alloc_unbound naming another domain fail.
 */
#include "guest.h"

const char test_title[] = "unprivileged domain: domctl, sysctl and foreign domain ops refused";

#define OWN_DOMID 0     /* Xenolith builds the initial domain as domain 0 even unprivileged */

void test_main(void)
{
    if (is_privileged()) {
        test_skip("needs an unprivileged initial domain");
        return;
    }
    struct xen_domctl op = { 0 };
    struct xen_sysctl sop = { 0 };

    check_rc(hc_domctl(0), -XEN_EFAULT);
    check_rc(hc_sysctl(0), -XEN_EFAULT);
    op = (struct xen_domctl){ .cmd = XEN_DOMCTL_getdomaininfo, .interface_version = 1 };
    check_rc(hc_domctl(&op), -XEN_EACCES);
    sop = (struct xen_sysctl){ .cmd = XEN_SYSCTL_physinfo, .interface_version = 1 };
    check_rc(hc_sysctl(&sop), -XEN_EACCES);

    check_rc(domctl(XEN_DOMCTL_getdomaininfo, 77, &op), -XEN_ESRCH);
    check_rc(domctl(XEN_DOMCTL_getdomaininfo, OWN_DOMID, &op), -XEN_EPERM);
    check_rc(domctl(XEN_DOMCTL_pausedomain, OWN_DOMID, &op), -XEN_EPERM);
    check_rc(domctl(XEN_DOMCTL_destroydomain, OWN_DOMID, &op), -XEN_EPERM);
    check_rc(domctl(XEN_DOMCTL_max_mem, OWN_DOMID, &op), -XEN_EPERM);
    op.u.createdomain = (struct xen_domctl_createdomain){ .max_vcpus = 1, .grant_opts = 1,
                                                         .max_grant_frames = -1, .max_maptrack_frames = -1 };
    check_rc(domctl(XEN_DOMCTL_createdomain, 0, &op), -XEN_EPERM);
    check_rc(sysctl(XEN_SYSCTL_physinfo, &sop), -XEN_EPERM);
    check_rc(sysctl(XEN_SYSCTL_getdomaininfolist, &sop), -XEN_EPERM);
    check_rc(sysctl(XEN_SYSCTL_sched_id, &sop), -XEN_EPERM);

    /* Scheduler control, on its own domain too. */
    struct xen_domctl_sched_credit sc = { .weight = 1024, .cap = 0 };
    check_rc(ctl_sched_credit(77, XEN_DOMCTL_SCHEDOP_putinfo, &sc), -XEN_ESRCH);
    check_rc(ctl_sched_credit(OWN_DOMID, XEN_DOMCTL_SCHEDOP_putinfo, &sc), -XEN_EPERM);
    check_rc(ctl_sched_credit(OWN_DOMID, XEN_DOMCTL_SCHEDOP_getinfo, &sc), -XEN_EPERM);
    uint8_t mask = 1;
    check_rc(ctl_affinity(XEN_DOMCTL_setvcpuaffinity, OWN_DOMID, 0, XEN_VCPUAFFINITY_HARD, &mask, NULL, 8),
             -XEN_EPERM);
    check_rc(ctl_affinity(XEN_DOMCTL_getvcpuaffinity, OWN_DOMID, 0, XEN_VCPUAFFINITY_HARD, &mask, NULL, 8),
             -XEN_EPERM);
    struct xen_domctl_getvcpuinfo vi;
    check_rc(ctl_vcpuinfo(OWN_DOMID, 0, &vi), -XEN_EPERM);
    check_rc(ctl_vcpuinfo(77, 0, &vi), -XEN_ESRCH);

    /* Reservations for a domain that does not exist: no extents, nothing allocated. */
    static xen_pfn_t f[1];
    struct xen_memory_reservation r = { .nr_extents = 1, .domid = 77 };
    set_xen_guest_handle(r.extent_start, f);
    check_rc(hc_memory_op(XENMEM_populate_physmap, &r), 0);
    domid_t other = 77;
    check_rc(hc_memory_op(XENMEM_current_reservation, &other), -XEN_ESRCH);

    /* Event channels in a domain that does not exist; ours by number is fine. */
    struct evtchn_alloc_unbound au = { .dom = 77, .remote_dom = DOMID_SELF };
    check_rc(hc_event_channel_op(EVTCHNOP_alloc_unbound, &au), -XEN_ESRCH);
    au.dom = OWN_DOMID;
    check_rc(hc_event_channel_op(EVTCHNOP_alloc_unbound, &au), 0);
    struct evtchn_close c = { .port = au.port };
    check_rc(hc_event_channel_op(EVTCHNOP_close, &c), 0);
}
