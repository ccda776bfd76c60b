/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: grant maps the granter never allowed. A grant for another
 * domain, a revoked grant, a write mapping of a read-only grant, references
 * out of range, unknown domains, frames the granter does not own, a page
 * table granted for writing, host addresses in the hypervisor or without an
 * L1, PTE addresses that are misaligned or not page tables, pin counts past
 * their limit, and unreadable argument lists: each refused with Xen's status,
 * the grant entry left as it was.
 */
#include "guest.h"

const char test_title[] = "grant map refusals: not granted, revoked, read-only, ranges, addresses, counts";

static int16_t map_at(grant_ref_t ref, domid_t dom, uint64_t addr, uint32_t flags, grant_handle_t *h)
{
    struct gnttab_map_grant_ref m = { .host_addr = addr, .flags = flags, .ref = ref, .dom = dom, .status = 99 };
    long rc = hc_grant_table_op(GNTTABOP_map_grant_ref, &m, 1);

    if (h)
        *h = m.handle;
    return rc ? (int16_t)(rc - 100) : m.status;
}

#define RO (GNTMAP_host_map | GNTMAP_readonly)

void test_main(void)
{
    check_rc(gnttab_setup(1), 0);
    uint8_t *page = alloc_page(), *va = alloc_page();
    uint64_t va_pte = *pte_of(va, 1);
    int16_t st;

    gnttab_grant(30, 5, page, false);                       /* for domain 5, not us */
    check_rc(st = map_at(30, SELF_ID, (uint64_t)va, RO, NULL), GNTST_general_error);
    printf("grant for another domain: %d\n", st);
    gnttab_grant(31, SELF_ID, page, false);
    gnttab[31].flags = 0;                                   /* revoked */
    check_rc(st = map_at(31, SELF_ID, (uint64_t)va, RO, NULL), GNTST_general_error);
    gnttab_grant(32, SELF_ID, page, true);                  /* read-only */
    check_rc(st = map_at(32, SELF_ID, (uint64_t)va, GNTMAP_host_map, NULL), GNTST_general_error);
    printf("RW map of a RO grant: %d\n", st);
    check(gnttab[30].flags == GTF_permit_access && gnttab[31].flags == 0 &&
          gnttab[32].flags == (GTF_permit_access | GTF_readonly), "flags after refusals: %x %x %x",
          gnttab[30].flags, gnttab[31].flags, gnttab[32].flags);
    check(*pte_of(va, 1) == va_pte, "PTE changed by a refused map");

    check_rc(map_at(512, SELF_ID, (uint64_t)va, RO, NULL), GNTST_bad_gntref);   /* one frame: 512 refs */
    check_rc(map_at(0xffffffffu, SELF_ID, (uint64_t)va, RO, NULL), GNTST_bad_gntref);
    check_rc(map_at(32, 0x7000, (uint64_t)va, RO, NULL), GNTST_bad_domain);
    check_rc(st = map_at(32, DOMID_SELF, (uint64_t)va, RO, NULL), GNTST_bad_domain);
    check_rc(map_at(32, SELF_ID, (uint64_t)va, 0, NULL), GNTST_bad_gntref);      /* neither host nor device */
    check_rc(map_at(32, SELF_ID, 0xffff830000000000UL, RO, NULL), GNTST_general_error);
    check_rc(map_at(32, SELF_ID, 0x0000100000000000UL, RO, NULL), GNTST_general_error);   /* no L1 there */
    check_rc(map_at(32, SELF_ID, pte_maddr(va, 1) + 4, RO | GNTMAP_contains_pte, NULL), GNTST_general_error);
    check_rc(map_at(32, SELF_ID, virt_to_maddr(page), RO | GNTMAP_contains_pte, NULL), GNTST_general_error);
    check_rc(map_at(32, SELF_ID, 0x1000, RO | GNTMAP_contains_pte, NULL), GNTST_general_error);
    check(gnttab[32].flags == (GTF_permit_access | GTF_readonly), "flags after address refusals: %x", gnttab[32].flags);
    check(*pte_of(va, 1) == va_pte, "PTE changed by a refused map");

    /* Frames the granter does not own, and a page table granted for writing. */
    gnttab[33].domid = SELF_ID;
    gnttab[33].frame = 0x10;
    gnttab[33].flags = GTF_permit_access;
    check_rc(st = map_at(33, SELF_ID, (uint64_t)va, RO, NULL), GNTST_bad_page);
    printf("grant of a frame not ours: %d\n", st);
    check(gnttab[33].flags == GTF_permit_access, "flags after a bad frame: %x", gnttab[33].flags);
    gnttab_grant(34, SELF_ID, pte_of(page, 1), false);      /* the L1 that maps `page` */
    check_rc(st = map_at(34, SELF_ID, (uint64_t)va, GNTMAP_host_map, NULL), GNTST_general_error);
    check(gnttab[34].flags == GTF_permit_access, "flags after a page-table RW map: %x", gnttab[34].flags);
    grant_handle_t h;
    check_rc(map_at(34, SELF_ID, (uint64_t)va, RO, &h), GNTST_okay);          /* read-only is fine */
    check_rc(gnttab_unmap1(h, (uint64_t)va, 0), GNTST_okay);
    check_rc(remap(va, (va_pte & PTE_ADDR) >> PAGE_SHIFT, PTE_P | PTE_RW | PTE_A | PTE_D), 0);

    /* Pin counts: 128 device mappings of one grant, the next is refused. */
    static grant_handle_t hs[129];
    int ok = 0;
    for (unsigned int i = 0; i < 129; i++) {
        st = map_at(32, SELF_ID, 0, GNTMAP_device_map | GNTMAP_readonly, &hs[i]);
        if (st)
            break;
        ok++;
    }
    printf("device maps before refusal: %d (status %d)\n", ok, st);
    check(ok == 128 && st == GNTST_general_error, "pin limit: %d maps, then %d", ok, st);
    for (int i = 0; i < ok; i++)
        check_rc(gnttab_unmap1(hs[i], 0, virt_to_maddr(page)), GNTST_okay);
    check(gnttab[32].flags == (GTF_permit_access | GTF_readonly), "flags after the pin test: %x", gnttab[32].flags);

    /* Argument lists that cannot be read: the ops before them are done. */
    uint8_t *hole = alloc_page();
    check_rc(hc_update_va_mapping(hole, 0, UVMF_INVLPG), 0);
    struct gnttab_map_grant_ref *m = (struct gnttab_map_grant_ref *)hole - 1;
    m->host_addr = 0;
    m->flags = GNTMAP_device_map | GNTMAP_readonly;
    m->ref = 32;
    m->dom = SELF_ID;
    m->status = 99;
    check_rc(hc_grant_table_op(GNTTABOP_map_grant_ref, m, 2), -XEN_EFAULT);
    check(m->status == 0, "op before the hole: status %d", m->status);
    check_rc(gnttab_unmap1(m->handle, 0, virt_to_maddr(page)), GNTST_okay);
    check_rc(hc_grant_table_op(GNTTABOP_unmap_grant_ref, hole, 1), -XEN_EFAULT);
    check(gnttab_end(30) && gnttab_end(32) && gnttab_end(33) && gnttab_end(34), "grants stuck");
}
