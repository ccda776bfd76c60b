/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: freeing a domain's memory while another domain still maps it
 * (use after free across domains). dom0 maps a frame of a domain it then
 * destroys: the domain must stay, reported dying, with the frame intact and
 * accounted to it, until dom0 unmaps it; then it goes and the free page
 * count returns exactly to where it started.
 */
#include "guest.h"

const char test_title[] = "a destroyed domain whose frame is mapped elsewhere stays dying until unmapped";

void test_main(void)
{
    uint64_t base = ctl_free_pages();
    static xen_pfn_t frames[4];
    long d1 = ctl_create_populated(64, frames, 4);
    if (d1 < 0) {
        test_error("a domain with four frames: %ld", d1);
        return;
    }
    domid_t dom = d1;
    struct xen_domctl op = { 0 };

    /* Map its second frame writable and leave a mark in it. */
    volatile uint64_t *p = alloc_page();
    uint64_t own = virt_to_mfn((void *)p);
    check_rc(HC(__HYPERVISOR_update_va_mapping_otherdomain, p,
                (frames[1] << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D, UVMF_INVLPG, dom, 0), 0);
    p[7] = 0x5eed5eed5eed5eedUL;

    struct xen_domctl_getdomaininfo info;
    check_rc(domctl(XEN_DOMCTL_destroydomain, dom, &op), 0);
    for (unsigned int i = 0; i < 1000; i++)
        hc_sched_op(SCHEDOP_yield, NULL);
    check_rc(ctl_info(dom, &info), 0);
    check(info.domain == dom && (info.flags & XEN_DOMINF_dying) && info.tot_pages == 1,
          "held domain: id %u flags %#x tot_pages %lu", info.domain, info.flags,
          (unsigned long)info.tot_pages);
    check(p[7] == 0x5eed5eed5eed5eedUL, "the held frame changed under us: %#lx", (unsigned long)p[7]);
    check_rc(domctl(XEN_DOMCTL_destroydomain, dom, &op), 0);  /* again: nothing more to do */

    /* Let go: the domain disappears and every page comes back. */
    check_rc(remap((void *)p, own, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
    check(ctl_wait_gone(dom), "d%u still there after its last frame was unmapped", dom);
    uint64_t now = ctl_wait_free(base);
    check(now == base, "free pages %lu, started at %lu", (unsigned long)now, (unsigned long)base);
}
