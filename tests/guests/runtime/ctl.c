/* SPDX-License-Identifier: GPL-2.0-only */
/* Toolstack helpers for test kernels acting as a privileged dom0: domctl/sysctl wrappers. */
#include "guest.h"

long domctl(uint32_t cmd, domid_t dom, struct xen_domctl *op)
{
    op->cmd = cmd;
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op->domain = dom;
    return hc_domctl(op);
}

long sysctl(uint32_t cmd, struct xen_sysctl *op)
{
    op->cmd = cmd;
    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return hc_sysctl(op);
}

long ctl_create(unsigned int vcpus)
{
    struct xen_domctl op = { 0 };
    op.u.createdomain = (struct xen_domctl_createdomain){
        .max_vcpus = vcpus, .max_evtchn_port = 1023, .max_grant_frames = -1,
        .max_maptrack_frames = -1, .grant_opts = XEN_DOMCTL_GRANT_version(1),
    };
    long rc = domctl(XEN_DOMCTL_createdomain, 0, &op);
    if (rc)
        return rc;
    domid_t dom = op.domain;
    memset(&op, 0, sizeof(op));
    op.u.max_vcpus.max = vcpus;
    rc = domctl(XEN_DOMCTL_max_vcpus, dom, &op);
    return rc ? rc : dom;
}

long ctl_info(domid_t dom, struct xen_domctl_getdomaininfo *info)
{
    struct xen_domctl op = { 0 };
    long rc = domctl(XEN_DOMCTL_getdomaininfo, dom, &op);
    if (!rc)
        *info = op.u.getdomaininfo;
    return rc;
}

/* Wait (bounded) until the domain is gone: Xen frees it asynchronously. */
bool ctl_wait_gone(domid_t dom)
{
    for (unsigned int i = 0; i < 100000; i++) {
        struct xen_domctl_getdomaininfo info;
        /* Xen 4.17 may answer with the next domain: only our id counts as "still there". */
        if (ctl_info(dom, &info) || info.domain != dom)
            return true;
        hc_sched_op(SCHEDOP_yield, NULL);
    }
    return false;
}

long ctl_destroy_wait(domid_t dom)
{
    struct xen_domctl op = { 0 };
    long rc = domctl(XEN_DOMCTL_destroydomain, dom, &op);
    if (rc)
        return rc;
    return ctl_wait_gone(dom) ? 0 : -XEN_EBUSY;
}

uint64_t ctl_free_pages(void)
{
    struct xen_sysctl op = { 0 };
    return sysctl(XEN_SYSCTL_physinfo, &op) ? 0 : op.u.physinfo.free_pages;
}

uint64_t ctl_wait_free(uint64_t want)
{
    uint64_t now = 0;
    for (unsigned int i = 0; i < 100000 && (now = ctl_free_pages()) != want; i++)
        hc_sched_op(SCHEDOP_yield, NULL);
    return now;
}

long ctl_create_populated(unsigned int kb, xen_pfn_t *frames, unsigned int n)
{
    long dom = ctl_create(1);
    if (dom < 0)
        return dom;
    struct xen_domctl op = { 0 };
    op.u.max_mem.max_memkb = kb;
    long rc = domctl(XEN_DOMCTL_max_mem, dom, &op);
    for (unsigned int i = 0; i < n; i++)
        frames[i] = i;
    struct xen_memory_reservation r = { .nr_extents = n, .domid = dom };
    set_xen_guest_handle(r.extent_start, frames);
    if (!rc && (rc = hc_memory_op(XENMEM_populate_physmap, &r)) == n)
        return dom;
    ctl_destroy_wait(dom);
    return rc < 0 ? rc : -XEN_ENOMEM;
}

unsigned long ctl_map_grant_table(domid_t dom, void *va)
{
    unsigned long gframe = 0;
    struct gnttab_setup_table st = { .dom = dom, .nr_frames = 1 };
    st.frame_list.p = &gframe;
    if (hc_grant_table_op(GNTTABOP_setup_table, &st, 1) || st.status || !gframe)
        return 0;
    /* A foreign frame in our own L1, as a toolstack maps it (privileged). */
    struct mmu_update u = { pte_maddr(va, 1), (gframe << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D };
    if (hc_mmu_update(&u, 1, NULL, dom))
        return 0;
    mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    return gframe;
}

long ctl_sched_credit(domid_t dom, uint32_t cmd, struct xen_domctl_sched_credit *c)
{
    struct xen_domctl op = { 0 };
    op.u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT;
    op.u.scheduler_op.cmd = cmd;
    op.u.scheduler_op.u.credit = *c;
    long rc = domctl(XEN_DOMCTL_scheduler_op, dom, &op);
    *c = op.u.scheduler_op.u.credit;
    return rc;
}

long ctl_affinity(uint32_t cmd, domid_t dom, uint32_t vcpu, uint32_t flags, uint8_t *hard,
                  uint8_t *soft, uint32_t nr_bits)
{
    struct xen_domctl op = { 0 };
    op.u.vcpuaffinity.vcpu = vcpu;
    op.u.vcpuaffinity.flags = flags;
    set_xen_guest_handle(op.u.vcpuaffinity.cpumap_hard.bitmap, hard);
    set_xen_guest_handle(op.u.vcpuaffinity.cpumap_soft.bitmap, soft);
    op.u.vcpuaffinity.cpumap_hard.nr_bits = nr_bits;
    op.u.vcpuaffinity.cpumap_soft.nr_bits = nr_bits;
    return domctl(cmd, dom, &op);
}

long ctl_vcpuinfo(domid_t dom, uint32_t vcpu, struct xen_domctl_getvcpuinfo *info)
{
    struct xen_domctl op = { 0 };
    op.u.getvcpuinfo.vcpu = vcpu;
    long rc = domctl(XEN_DOMCTL_getvcpuinfo, dom, &op);
    *info = op.u.getvcpuinfo;
    return rc;
}
