/* SPDX-License-Identifier: GPL-2.0-only */
/* domU roles for the builder's hostile test: "idle" (sleeps idle_ms) and "unpriv" (the builder's calls from an unprivileged caller). */
#include "domu.h"

void domu_idle(void)
{
    uint64_t end = pvclock_now() + (uint64_t)cmdline_int("idle_ms", 1000) * 1000000;
    evtchn_port_t port = start_info->console.domU.evtchn;

    printf("idle until dom0 is done with us\n");
    for (uint64_t now; (now = pvclock_now()) < end;) {
        struct sched_poll p = {.nr_ports = 1, .timeout = now + 10000000};
        set_xen_guest_handle(p.ports, &port);
        hc_sched_op(SCHEDOP_poll, &p);
    }
}

/* A domU may not build or change domains: domctls -EPERM (after the domain lookup), foreign
 * page-table owners -EPERM, no memory for others. */
void domu_unpriv(void)
{
    static struct vcpu_guest_context c;
    struct xen_domctl op = {0};
    domid_t self = (domid_t)cmdline_int("domid", 0);

    op.u.vcpucontext.vcpu = 0;
    set_xen_guest_handle(op.u.vcpucontext.ctxt, &c);
    check_rc(domctl(XEN_DOMCTL_getvcpucontext, 0, &op), -XEN_EPERM);
    check_rc(domctl(XEN_DOMCTL_setvcpucontext, 0, &op), -XEN_EPERM);
    check_rc(domctl(XEN_DOMCTL_setvcpucontext, self, &op), -XEN_EPERM);
    check_rc(domctl(XEN_DOMCTL_setvcpucontext, 0x7fe0, &op), -XEN_ESRCH);
    op.u.hypercall_init.gmfn = p2m[0];
    check_rc(domctl(XEN_DOMCTL_hypercall_init, self, &op), -XEN_EPERM);

    /* dom0's frames: not ours to pin or map, whatever we name as their owner. */
    uint64_t dom0_frame = (uint64_t)cmdline_int("dom0_frame", 0);
    struct mmuext_op pin = {.cmd = MMUEXT_PIN_L4_TABLE};
    pin.arg1.mfn = dom0_frame;
    check_rc(hc_mmuext_op(&pin, 1, NULL, 0), -XEN_EPERM);
    struct mmu_update u = {.ptr = pte_maddr(alloc_page(), 1),
                           .val = (dom0_frame << PAGE_SHIFT) | PTE_P | PTE_A};
    check_rc(hc_mmu_update(&u, 1, NULL, 0), -XEN_EPERM);
    xen_pfn_t f = 0;
    struct xen_memory_reservation r = {.nr_extents = 1, .domid = 0};
    set_xen_guest_handle(r.extent_start, &f);
    check_rc(hc_memory_op(XENMEM_populate_physmap, &r), 0);
}
