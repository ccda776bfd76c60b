/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: a toolstack interface that trusts its caller. Wrong interface
 * versions, unreadable arguments, unknown or reserved domain ids, operations
 * on the caller itself (destroy/pause dom0), unsupported creation flags,
 * duplicate ids, unbalanced unpause and mismatched vCPU counts must each get
 * Xen 4.17's errno and change nothing.
 */
#include "guest.h"

const char test_title[] = "domctl/sysctl refuse bad versions, pointers, ids and configurations";

static long create_with(domid_t dom, struct xen_domctl_createdomain c, domid_t *out)
{
    struct xen_domctl op = { 0 };
    op.u.createdomain = c;
    long rc = domctl(XEN_DOMCTL_createdomain, dom, &op);
    if (out)
        *out = op.domain;
    return rc;
}

static const struct xen_domctl_createdomain good = {
    .max_vcpus = 1, .max_evtchn_port = 1023, .max_grant_frames = -1,
    .max_maptrack_frames = -1, .grant_opts = 1,
};

static void bad_configs(void)
{
    struct xen_domctl_createdomain c = good;
    c.flags = 1U << 8;                          /* unknown flag */
    check_rc(create_with(0, c, NULL), -XEN_EINVAL);
    c.flags = XEN_DOMCTL_CDF_hap;               /* HAP without HVM */
    check_rc(create_with(0, c, NULL), -XEN_EINVAL);
    c = good;
    c.max_vcpus = 0;
    check_rc(create_with(0, c, NULL), -XEN_EINVAL);
    c = good;
    c.grant_opts = 0x10;                        /* bits above the version */
    check_rc(create_with(0, c, NULL), -XEN_EINVAL);
    c = good;
    c.iommu_opts = XEN_DOMCTL_IOMMU_no_sharept; /* IOMMU options without the IOMMU flag */
    check_rc(create_with(0, c, NULL), -XEN_EINVAL);
    c = good;
    c.arch.misc_flags = 1U << 5;
    check_rc(create_with(0, c, NULL), -XEN_EINVAL);
}

void test_main(void)
{
    struct xen_domctl op = { 0 };
    struct xen_sysctl sop = { 0 };

    /* Version first, before any id is looked at. */
    op = (struct xen_domctl){ .cmd = XEN_DOMCTL_getdomaininfo, .interface_version = 0x14, .domain = 0 };
    check_rc(hc_domctl(&op), -XEN_EACCES);
    op.interface_version = 0x16;
    check_rc(hc_domctl(&op), -XEN_EACCES);
    sop = (struct xen_sysctl){ .cmd = XEN_SYSCTL_physinfo, .interface_version = 0x14 };
    check_rc(hc_sysctl(&sop), -XEN_EACCES);

    /* Unreadable arguments. */
    check_rc(hc_domctl(0), -XEN_EFAULT);
    check_rc(hc_domctl(0xffff830000000000UL), -XEN_EFAULT);
    check_rc(hc_sysctl(0), -XEN_EFAULT);
    check_rc(hc_sysctl(0xffff830000000000UL), -XEN_EFAULT);

    /* Unknown and reserved ids. */
    check_rc(domctl(XEN_DOMCTL_pausedomain, 1234, &op), -XEN_ESRCH);
    check_rc(domctl(XEN_DOMCTL_destroydomain, 1234, &op), -XEN_ESRCH);
    check_rc(domctl(XEN_DOMCTL_destroydomain, DOMID_SELF, &op), -XEN_ESRCH);
    check_rc(domctl(XEN_DOMCTL_max_mem, DOMID_IDLE, &op), -XEN_ESRCH);

    /* The caller itself: dom0 cannot destroy, pause or unpause dom0. */
    check_rc(domctl(XEN_DOMCTL_destroydomain, 0, &op), -XEN_EINVAL);
    check_rc(domctl(XEN_DOMCTL_pausedomain, 0, &op), -XEN_EINVAL);
    check_rc(domctl(XEN_DOMCTL_unpausedomain, 0, &op), -XEN_EINVAL);
    struct xen_domctl_getdomaininfo info;
    check_rc(ctl_info(0, &info), 0);
    check(info.domain == 0 && !(info.flags & (XEN_DOMINF_dying | XEN_DOMINF_paused)) &&
          info.nr_online_vcpus == 1 && info.tot_pages >= start_info->nr_pages,
          "dom0 info: domain %u flags %#x vcpus %u tot_pages %lu", info.domain, info.flags,
          info.nr_online_vcpus, (unsigned long)info.tot_pages);

    uint64_t base = ctl_free_pages();
    bad_configs();
    check(ctl_wait_free(base) == base, "refused creations changed free memory");

    /* A real domain for the stateful cases. */
    domid_t dom = 0;
    check_rc(create_with(0, good, &dom), 0);
    check(dom > 0 && dom < DOMID_FIRST_RESERVED, "allocated id %u", dom);
    domid_t again = 0;
    check_rc(create_with(dom, good, &again), -XEN_EEXIST);
    op.u.max_vcpus.max = 2;                     /* createdomain said 1 */
    check_rc(domctl(XEN_DOMCTL_max_vcpus, dom, &op), -XEN_EINVAL);
    op.u.max_vcpus.max = 1;
    check_rc(domctl(XEN_DOMCTL_max_vcpus, dom, &op), 0);

    check_rc(ctl_info(dom, &info), 0);
    check(info.domain == dom && (info.flags & XEN_DOMINF_paused) && info.max_vcpu_id == 0 &&
          info.nr_online_vcpus == 0, "new domain: flags %#x max_vcpu_id %u online %u",
          info.flags, info.max_vcpu_id, info.nr_online_vcpus);
    /* Created paused: one unpause balances it, a second has nothing to undo. */
    check_rc(domctl(XEN_DOMCTL_unpausedomain, dom, &op), 0);
    check_rc(domctl(XEN_DOMCTL_unpausedomain, dom, &op), -XEN_EINVAL);
    check_rc(domctl(XEN_DOMCTL_pausedomain, dom, &op), 0);
    check_rc(domctl(XEN_DOMCTL_pausedomain, dom, &op), 0);
    check_rc(ctl_info(dom, &info), 0);
    check(info.flags & XEN_DOMINF_paused, "paused twice but not reported paused");
    check_rc(domctl(XEN_DOMCTL_unpausedomain, dom, &op), 0);
    check_rc(ctl_info(dom, &info), 0);
    check(info.flags & XEN_DOMINF_paused, "one pause left but not reported paused");
    check_rc(domctl(XEN_DOMCTL_unpausedomain, dom, &op), 0);
    check_rc(ctl_info(dom, &info), 0);
    check(!(info.flags & XEN_DOMINF_paused), "unpaused but reported paused");

    /* The list shows dom0 and the new domain, in id order. */
    static struct xen_domctl_getdomaininfo list[4];
    sop.u.getdomaininfolist.first_domain = 0;
    sop.u.getdomaininfolist.max_domains = 4;
    set_xen_guest_handle(sop.u.getdomaininfolist.buffer, list);
    check_rc(sysctl(XEN_SYSCTL_getdomaininfolist, &sop), 0);
    check(sop.u.getdomaininfolist.num_domains == 2 && list[0].domain == 0 && list[1].domain == dom,
          "getdomaininfolist: %u domains (%u, %u)", sop.u.getdomaininfolist.num_domains,
          list[0].domain, list[1].domain);
    sop.u.getdomaininfolist.first_domain = 1;
    sop.u.getdomaininfolist.max_domains = 1;
    check_rc(sysctl(XEN_SYSCTL_getdomaininfolist, &sop), 0);
    check(sop.u.getdomaininfolist.num_domains == 1 && list[0].domain == dom,
          "getdomaininfolist from 1: %u domains", sop.u.getdomaininfolist.num_domains);
    set_xen_guest_handle(sop.u.getdomaininfolist.buffer, (void *)0xffff830000000000UL);
    sop.u.getdomaininfolist.first_domain = 0;
    sop.u.getdomaininfolist.max_domains = 4;
    check_rc(sysctl(XEN_SYSCTL_getdomaininfolist, &sop), -XEN_EFAULT);

    /* populate_physmap into it beyond max_mem does nothing. */
    op.u.max_mem.max_memkb = 0;
    check_rc(domctl(XEN_DOMCTL_max_mem, dom, &op), 0);
    static xen_pfn_t f[4] = { 0, 1, 2, 3 };
    struct xen_memory_reservation r = { .nr_extents = 4, .domid = dom };
    set_xen_guest_handle(r.extent_start, f);
    check_rc(hc_memory_op(XENMEM_populate_physmap, &r), 0);

    check_rc(ctl_destroy_wait(dom), 0);
    check_rc(domctl(XEN_DOMCTL_pausedomain, dom, &op), -XEN_ESRCH);
    uint64_t now = ctl_wait_free(base);
    check(now == base, "free pages %lu after destroy, %lu before", (unsigned long)now,
          (unsigned long)base);

    /* Unknown sub-ops. */
    check_rc(domctl(9999, 0, &op), -XEN_ENOSYS);
    check_rc(sysctl(9999, &sop), -XEN_ENOSYS);
}
