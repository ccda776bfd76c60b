/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: memory_op reservations trusting the guest: argument structs
 * and extent lists in the hypervisor hole, nr_extents too large to encode
 * a continuation, absurd extent orders, releasing frames the domain does
 * not own, and reservation queries for domain ids that do not exist. Each
 * must report zero progress or the exact error, never touch a frame.
 */
#include "guest.h"

const char test_title[] = "memory_op with hostile reservations and domain ids";

#define HOLE ((void *)0xffff830000000000UL)

static long resv(unsigned int cmd, xen_pfn_t *list, unsigned long nr, unsigned int order, domid_t dom)
{
    struct xen_memory_reservation r = { .nr_extents = nr, .extent_order = order, .domid = dom };
    set_xen_guest_handle(r.extent_start, list);
    long rc = hc_memory_op(cmd, &r);
    printf("memory_op %u list %p nr %#lx order %u dom %#x: %ld\n", cmd, (void *)list, nr, order, dom, rc);
    return rc;
}

static long query(unsigned int cmd, domid_t dom)
{
    long rc = hc_memory_op(cmd, &dom);
    printf("memory_op %u dom %#x: %ld\n", cmd, dom, rc);
    return rc;
}

void test_main(void)
{
    long pages = query(XENMEM_current_reservation, DOMID_SELF);
    check(pages > 0, "current_reservation: %ld", pages);

    /* The reservation struct itself unreadable. */
    check_rc(hc_memory_op(XENMEM_increase_reservation, HOLE), 0);
    check_rc(hc_memory_op(XENMEM_decrease_reservation, (void *)0x8000000000000000UL), 0);
    check_rc(hc_memory_op(XENMEM_populate_physmap, NULL), 0);

    /* Counts that cannot be encoded in a continuation, and absurd orders. */
    xen_pfn_t *list = alloc_page();
    check_rc(resv(XENMEM_increase_reservation, list, 1UL << 60, 0, DOMID_SELF), 0);
    check_rc(resv(XENMEM_increase_reservation, list, ~0UL, 0, DOMID_SELF), 0);
    check_rc(resv(XENMEM_increase_reservation, list, 1, 63, DOMID_SELF), 0);
    check_rc(resv(XENMEM_decrease_reservation, list, 1, 0xffffffffu, DOMID_SELF), 0);
    check_rc(resv(XENMEM_increase_reservation, list, 0, 0, DOMID_SELF), 0);

    /* Extent lists in the hole or running into it. */
    check_rc(resv(XENMEM_decrease_reservation, HOLE, 1, 0, DOMID_SELF), 0);
    check_rc(resv(XENMEM_populate_physmap, HOLE, 1, 0, DOMID_SELF), 0);
    check_rc(resv(XENMEM_increase_reservation, (xen_pfn_t *)0xfffffffffffffff8UL, 2, 0, DOMID_SELF), 0);

    /* Releasing frames we do not own: beyond RAM, the hypervisor's frame 0. */
    list[0] = 0xffffffffffUL;
    check_rc(resv(XENMEM_decrease_reservation, list, 1, 0, DOMID_SELF), 0);
    list[0] = 0;
    check_rc(resv(XENMEM_decrease_reservation, list, 1, 0, DOMID_SELF), 0);
    check(query(XENMEM_current_reservation, DOMID_SELF) == pages, "reservation changed");

    /* Reservations of domains that do not exist. */
    static const domid_t bad[] = { 1, 0x7fef, DOMID_IO, DOMID_XEN, DOMID_INVALID, 0x7ff5, 0xffff };
    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        check_rc(query(XENMEM_current_reservation, bad[i]), -XEN_ESRCH);
        check_rc(query(XENMEM_maximum_reservation, bad[i]), -XEN_ESRCH);
        check_rc(query(XENMEM_maximum_gpfn, bad[i]), -XEN_ESRCH);
        check_rc(resv(XENMEM_increase_reservation, list, 1, 0, bad[i]), 0);
    }
    check(query(XENMEM_current_reservation, DOMID_SELF) == pages, "reservation changed");
    check(probe_write(list, 1) == 0, "list page unusable");
}
