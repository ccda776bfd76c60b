/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class (XSA-224/XSA-234): a granted frame freed while another domain
 * still maps it. As a toolstack would, we create a domain, give it a page,
 * write a grant of that page to us into its grant table and map the grant;
 * then we destroy the granter. The domain must stay (dying) while the frame
 * is mapped, the mapping must keep working, and the unmap must succeed and
 * let the domain go with every page back.
 */
#include "guest.h"

const char test_title[] = "destroying a granting domain while its frame is mapped";

static uint8_t gt_va[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t map_va[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

/* One granter: created, granting one page to us, mapped; destroyed before or after the unmap. */
static void cycle(bool destroy_while_mapped)
{
    xen_pfn_t frame = 0;
    long dom = ctl_create_populated(64, &frame, 1);
    if (dom < 0) {
        test_fail("a domain with one frame: %ld", dom);
        return;
    }
    struct xen_domctl op = { 0 };

    /* Its grant table, mapped here as a toolstack does (a foreign frame, privileged). */
    unsigned long gframe = ctl_map_grant_table(dom, gt_va);
    check(gframe, "grant table of d%ld not mapped", dom);
    gnttab_grant_in((grant_entry_v1_t *)gt_va, 8, SELF_ID, frame, false);
    check_rc(mmu_update1(pte_maddr(gt_va, 1), 0), 0);  /* done with its table */

    struct gnttab_map_grant_ref m = { .host_addr = (uint64_t)map_va, .flags = GNTMAP_host_map,
                                      .ref = 8, .dom = dom, .status = 99 };
    check_rc(hc_grant_table_op(GNTTABOP_map_grant_ref, &m, 1), 0);
    check(m.status == 0 && m.dev_bus_addr == frame << PAGE_SHIFT, "map d%ld ref 8: status %d", dom, m.status);
    mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    memset(map_va, 0xa5, PAGE_SIZE);

    if (destroy_while_mapped) {
        /* The granter must stay, dying, and its frame with it. */
        op = (struct xen_domctl){ 0 };
        check_rc(domctl(XEN_DOMCTL_destroydomain, dom, &op), 0);
        for (unsigned int i = 0; i < 1000; i++)
            hc_sched_op(SCHEDOP_yield, NULL);
        struct xen_domctl_getdomaininfo info = { 0 };
        long rc = ctl_info(dom, &info);
        printf("after destroy: rc %ld domain %u flags %#x\n", rc, info.domain, info.flags);
        check(rc == 0 && info.domain == dom && (info.flags & XEN_DOMINF_dying),
              "the granter vanished while its frame was mapped (rc %ld flags %#x)", rc, info.flags);
        bool ok = true;
        for (unsigned int i = 0; i < PAGE_SIZE && ok; i++)
            ok = map_va[i] == 0xa5;
        check(ok, "the mapped frame changed under us");
        map_va[7] = 1;
    }
    struct gnttab_unmap_grant_ref un = { .host_addr = (uint64_t)map_va, .handle = m.handle, .status = 99 };
    check_rc(hc_grant_table_op(GNTTABOP_unmap_grant_ref, &un, 1), 0);
    check(un.status == 0, "unmap (granter %s): %d", destroy_while_mapped ? "dying" : "alive", un.status);
    if (!destroy_while_mapped)
        check_rc(ctl_destroy_wait(dom), 0);
    check(ctl_wait_gone(dom), "d%ld still there after the last mapping went", dom);
}

void test_main(void)
{
    uint64_t gt_mfn0 = virt_to_mfn(gt_va), map_mfn0 = virt_to_mfn(map_va);

    if (!is_privileged()) {
        test_skip("needs a privileged initial domain");
        return;
    }
    /* Warm-up: our maptrack and heap pools grow once; measure from there. */
    cycle(false);
    uint64_t base = ctl_free_pages();
    cycle(true);
    /* Every page back (Xen may return more: it scrubs boot-time free memory in the background). */
    uint64_t now = ctl_wait_free(base);
    check(now >= base, "free pages %lu, started at %lu", (unsigned long)now, (unsigned long)base);
    check_rc(remap(gt_va, gt_mfn0, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
    check_rc(remap(map_va, map_mfn0, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
}
