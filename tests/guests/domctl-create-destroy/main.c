/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: memory leaked by domain destruction (frames, shared pages,
 * per-domain and per-vCPU bookkeeping). 200 create / max_mem / populate /
 * destroy cycles of a small PV domain; after each, the host's free page
 * count (sysctl physinfo) must return exactly to where it started.
 */
#include "guest.h"

const char test_title[] = "200 domain create/populate/destroy cycles leave free memory unchanged";

#define CYCLES 200
#define PAGES  64

static xen_pfn_t frames[PAGES];

/* One cycle; 0, or a failure already reported. */
static int cycle(unsigned int n, uint64_t base)
{
    long dom = ctl_create(1);
    if (dom < 0) {
        test_fail("cycle %u: createdomain: %ld", n, dom);
        return -1;
    }
    struct xen_domctl op = { 0 };
    op.u.max_mem.max_memkb = PAGES * 4 + 64;
    check_rc(domctl(XEN_DOMCTL_max_mem, dom, &op), 0);

    for (unsigned int i = 0; i < PAGES; i++)
        frames[i] = i;
    struct xen_memory_reservation r = { .nr_extents = PAGES, .domid = dom };
    set_xen_guest_handle(r.extent_start, frames);
    long done = hc_memory_op(XENMEM_populate_physmap, &r);
    check(done == PAGES, "cycle %u: populate_physmap into d%ld: %ld of %u", n, dom, done, PAGES);

    /* Give a few back, as a balloon driver's toolstack would: the frames are machine frames (PV). */
    struct xen_memory_reservation back = { .nr_extents = 8, .domid = dom };
    set_xen_guest_handle(back.extent_start, frames);
    check_rc(hc_memory_op(XENMEM_decrease_reservation, &back), 8);

    struct xen_domctl_getdomaininfo info;
    check_rc(ctl_info(dom, &info), 0);
    check(info.domain == dom && info.tot_pages == PAGES - 8 && (info.flags & XEN_DOMINF_paused),
          "cycle %u: getdomaininfo d%u tot_pages %lu flags %#x", n, info.domain,
          (unsigned long)info.tot_pages, info.flags);
    check(ctl_free_pages() < base, "cycle %u: free pages did not drop while d%ld held memory", n, dom);

    long rc = ctl_destroy_wait(dom);
    if (rc) {
        test_fail("cycle %u: destroy d%ld: %ld", n, dom, rc);
        return -1;
    }
    uint64_t now = ctl_wait_free(base);    /* bounded: Xen frees from a deferred callback */
    if (now != base) {
        test_fail("cycle %u: free pages %lu, started at %lu (%ld leaked)", n, (unsigned long)now,
                  (unsigned long)base, (long)(base - now));
        return -1;
    }
    return 0;
}

void test_main(void)
{
    struct xen_sysctl ps = { 0 };
    check_rc(sysctl(XEN_SYSCTL_physinfo, &ps), 0);
    const struct xen_sysctl_physinfo *pi = &ps.u.physinfo;
    check(pi->nr_cpus >= 1 && pi->total_pages > pi->free_pages && pi->free_pages > 0 && pi->cpu_khz > 0,
          "physinfo: nr_cpus %u total %lu free %lu cpu_khz %u", pi->nr_cpus,
          (unsigned long)pi->total_pages, (unsigned long)pi->free_pages, pi->cpu_khz);

    /* One warm-up cycle: heap pools may keep a page they grew into; measure from there. */
    uint64_t warm = ctl_free_pages();
    if (cycle(0, warm) && ctl_free_pages() == 0)
        return;
    uint64_t base = ctl_free_pages();
    printf("free pages %lu (before warm-up %lu)\n", (unsigned long)base, (unsigned long)warm);
    for (unsigned int n = 1; n <= CYCLES; n++)
        if (cycle(n, base))
            return;
    printf("%u cycles, free pages back to %lu each time\n", CYCLES, (unsigned long)base);
}
