/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: a destroyed domain kept alive by its grant table, with nobody
 * named as the holder (or its grant frames freed while still mapped). As a
 * toolstack does, dom0 maps a new domain's grant-table frame with a foreign
 * PTE, writes a grant of the domain's page to itself there and device-maps
 * it; then it destroys the domain (again with the table mapping alone). The domain must stay dying while either
 * is held, the grant frame must keep its contents, both must be let go
 * cleanly, and then the domain goes and its memory comes back. On Xenolith
 * the holders report must name dom0 as the mapper of the grant-table frame
 * (its L1 entry) and of the grant (xenolith-expect).
 */
#include "guest.h"

const char test_title[] = "a destroyed domain held by a mapping of its grant table and a grant names its holders";

#define REF 8

static uint8_t gt_va[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static bool present_dying(domid_t dom, const char *when)
{
    struct xen_domctl_getdomaininfo info = { 0 };
    long rc = ctl_info(dom, &info);
    printf("%s: rc %ld domain %u flags %#x\n", when, rc, info.domain, info.flags);
    return rc == 0 && info.domain == dom && (info.flags & XEN_DOMINF_dying);
}

/* A new domain whose grant-table frame we map, with (or without) a device mapping of a grant
 * of its page in that table, destroyed while they are held; returns its id (-1 on error) with
 * only the table mapping left. */
static long held_domain(bool grant_mapped)
{
    xen_pfn_t frame = 0;
    long d1 = ctl_create_populated(64, &frame, 1);
    if (d1 < 0) {
        test_error("a domain with one frame: %ld", d1);
        return -1;
    }
    domid_t dom = d1;
    struct xen_domctl op = { 0 };

    /* Its grant-table frame, mapped here with a foreign PTE; a grant of its page to us in it. */
    check(ctl_map_grant_table(dom, gt_va), "grant table of d%u not mapped", dom);
    volatile grant_entry_v1_t *e = (grant_entry_v1_t *)gt_va + REF;
    gnttab_grant_in((grant_entry_v1_t *)gt_va, REF, SELF_ID, frame, false);

    struct gnttab_map_grant_ref m = { .flags = GNTMAP_device_map | GNTMAP_readonly, .ref = REF, .dom = dom,
                                      .status = 99 };
    if (grant_mapped) {
        check_rc(hc_grant_table_op(GNTTABOP_map_grant_ref, &m, 1), 0);
        check(m.status == 0 && m.dev_bus_addr == frame << PAGE_SHIFT, "device map of d%u ref %u: status %d",
              dom, REF, m.status);
    }

    /* Destroyed while held: it stays, dying, its table intact. */
    check_rc(domctl(XEN_DOMCTL_destroydomain, dom, &op), 0);
    for (unsigned int i = 0; i < 1000; i++)
        hc_sched_op(SCHEDOP_yield, NULL);
    check(present_dying(dom, grant_mapped ? "destroyed, grant and table mapped" : "destroyed, table mapped"),
          "d%u vanished while held", dom);
    uint16_t want = GTF_permit_access | (grant_mapped ? GTF_reading : 0);
    check(e->frame == (uint32_t)frame && e->flags == want,
          "grant entry in the held table: frame %x flags %x", e->frame, e->flags);
    if (!grant_mapped)
        return dom;

    /* The grant goes first; the table mapping alone still holds the domain. */
    struct gnttab_unmap_grant_ref un = { .dev_bus_addr = frame << PAGE_SHIFT, .handle = m.handle, .status = 99 };
    check_rc(hc_grant_table_op(GNTTABOP_unmap_grant_ref, &un, 1), 0);
    check(un.status == 0, "unmap of the dying domain's grant: %d", un.status);
    for (unsigned int i = 0; i < 1000; i++)
        hc_sched_op(SCHEDOP_yield, NULL);
    check(present_dying(dom, "grant unmapped, table mapped"), "d%u vanished while its table was mapped", dom);
    check(e->flags == GTF_permit_access, "grant flags after the unmap: %x", e->flags);
    return dom;
}

void test_main(void)
{
    if (!is_privileged()) {
        test_skip("needs a privileged initial domain");
        return;
    }
    uint64_t gt_mfn0 = virt_to_mfn(gt_va);

    /* Warm-up: our maptrack grows once, before we count free pages. */
    check_rc(gnttab_setup(1), 0);
    uint8_t *own = alloc_page();
    gnttab_grant(REF, SELF_ID, own, true);
    grant_handle_t h;
    check_rc(gnttab_map1(REF, 0, GNTMAP_device_map | GNTMAP_readonly, &h), 0);
    check_rc(gnttab_unmap1(h, 0, virt_to_mfn(own) << PAGE_SHIFT), 0);
    check(gnttab_end(REF), "own grant could not be ended");
    uint64_t base = ctl_free_pages();

    /* Held by a grant and the table mapping, then by the table mapping alone (its memory is
     * all gone: only the grant-table frame keeps it). */
    for (unsigned int round = 0; round < 2; round++) {
        long dom = held_domain(round == 0);
        if (dom < 0)
            return;
        /* Then the table mapping: the domain goes. */
        check_rc(remap(gt_va, gt_mfn0, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
        check(ctl_wait_gone(dom), "d%ld still there after its grant table was unmapped", dom);
    }
    /* Every page comes back (Xen may return more: it scrubs boot-time free memory in the
     * background). */
    uint64_t now = ctl_wait_free(base);
    check(now >= base, "free pages %lu, started at %lu", (unsigned long)now, (unsigned long)base);
}
