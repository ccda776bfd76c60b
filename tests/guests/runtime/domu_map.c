/* SPDX-License-Identifier: GPL-2.0-only */
/* Another domain's frames mapped into a window of dom0's own pages, and the builder's small wrappers. */
#include "domu.h"

static uint8_t window[DOMU_WINDOW][PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));

void *domu_slot(unsigned int slot) { return window[slot]; }

/* Each slot's L1 entry (by machine address) rewritten to the foreign frame: MMU_NORMAL_PT_UPDATE. */
long domu_map_rc(domid_t dom, const xen_pfn_t *mfns, unsigned int n, unsigned int first_slot)
{
    struct mmu_update req[DOMU_WINDOW];

    if (first_slot + n > DOMU_WINDOW)
        return -XEN_EINVAL;
    for (unsigned int i = 0; i < n; i++) {
        req[i].ptr = pte_maddr(window[first_slot + i], 1) | MMU_NORMAL_PT_UPDATE;
        req[i].val = (mfns[i] << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D;
    }
    unsigned int done = 0;
    long rc = hc_mmu_update(req, n, &done, dom);
    /* Neither hypervisor flushes our TLB when a present entry is replaced. */
    mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    return rc ? rc : (long)done - (long)n;
}

void *domu_map(domid_t dom, const xen_pfn_t *mfns, unsigned int n, unsigned int first_slot)
{
    long rc = domu_map_rc(dom, mfns, n, first_slot);
    if (rc) {
        test_error("mapping %u frames of d%u (first mfn %#lx): %ld", n, dom, (unsigned long)mfns[0],
                   rc);
        test_finish();
    }
    return window[first_slot];
}

void domu_unmap(unsigned int first_slot, unsigned int n)
{
    struct mmu_update req[DOMU_WINDOW];

    for (unsigned int i = 0; i < n; i++) {
        req[i].ptr = pte_maddr(window[first_slot + i], 1) | MMU_NORMAL_PT_UPDATE;
        req[i].val =
            (virt_to_mfn(window[first_slot + i]) << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D;
    }
    long rc = hc_mmu_update(req, n, NULL, DOMID_SELF);
    mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    if (rc) {
        test_error("restoring %u window slots: %ld", n, rc);
        test_finish();
    }
}

long domu_setvcpucontext(domid_t dom, uint32_t vcpu, const struct vcpu_guest_context *c)
{
    struct xen_domctl op = {0};
    op.u.vcpucontext.vcpu = vcpu;
    set_xen_guest_handle(op.u.vcpucontext.ctxt, (struct vcpu_guest_context *)c);
    return domctl(XEN_DOMCTL_setvcpucontext, dom, &op);
}

long domu_pin(domid_t dom, unsigned int cmd, xen_pfn_t mfn)
{
    struct mmuext_op op = {.cmd = cmd};
    op.arg1.mfn = mfn;
    return hc_mmuext_op(&op, 1, NULL, dom);
}

long evt_alloc_unbound(domid_t dom, domid_t remote, evtchn_port_t *port)
{
    struct evtchn_alloc_unbound a = {.dom = dom, .remote_dom = remote};
    long rc = hc_event_channel_op(EVTCHNOP_alloc_unbound, &a);
    *port = a.port;
    return rc;
}

long evt_bind_interdomain(domid_t remote, evtchn_port_t remote_port, evtchn_port_t *local)
{
    struct evtchn_bind_interdomain b = {.remote_dom = remote, .remote_port = remote_port};
    long rc = hc_event_channel_op(EVTCHNOP_bind_interdomain, &b);
    *local = b.local_port;
    return rc;
}

long evt_close(evtchn_port_t port)
{
    struct evtchn_close c = {.port = port};
    return hc_event_channel_op(EVTCHNOP_close, &c);
}

long evt_send(evtchn_port_t port)
{
    struct evtchn_send s = {.port = port};
    return hc_event_channel_op(EVTCHNOP_send, &s);
}
