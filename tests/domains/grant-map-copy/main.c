/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Two boot-time domains share pages through grants, as a split driver does:
 * the granter grants one page read-write and one read-only to the mapper; the
 * mapper maps both, checks contents both ways, copies with GNTTABOP_copy in
 * both directions, and is refused a write mapping of the read-only grant and a
 * grant meant for another domain. While mapped the granter cannot end the
 * grant; after the unmaps it can, and sees the mapper's writes.
 */
#include "guest.h"

const char test_title[] = "boot-time domains: a granted page mapped and copied across domains";

#define REF_RW  10
#define REF_RO  11
#define REF_OTHER 12
#define WAIT_NS 5000000000ull

static uint8_t shared_rw[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t shared_ro[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t map_rw[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t map_ro[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t local[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static void granter(domid_t peer)
{
    check_rc(gnttab_setup(1), 0);
    for (unsigned int i = 0; i < PAGE_SIZE; i++)
        shared_ro[i] = (uint8_t)(i ^ 0x5a);
    gnttab_grant(REF_RW, peer, shared_rw, false);
    gnttab_grant(REF_RO, peer, shared_ro, true);
    gnttab_grant(REF_OTHER, 7, shared_rw, false);

    if (!wait_for_byte(&shared_rw[0], 'M', WAIT_NS)) {
        test_fail("granter: the mapper never wrote through its mapping");
        return;
    }
    check(!gnttab_end(REF_RW), "granter: grant ended while the peer maps it");
    check(gnttab[REF_RW].flags == (GTF_permit_access | GTF_reading | GTF_writing),
          "granter: flags while mapped %x", gnttab[REF_RW].flags);
    shared_rw[1] = 'E';
    /* The mapper unmaps; then the flags clear and the grants can end. */
    uint64_t deadline = pvclock_now() + WAIT_NS;
    while (gnttab[REF_RW].flags != GTF_permit_access ||
           gnttab[REF_RO].flags != (GTF_permit_access | GTF_readonly)) {
        if (pvclock_now() > deadline) {
            test_fail("granter: flags never cleared: %x %x", gnttab[REF_RW].flags, gnttab[REF_RO].flags);
            return;
        }
        hc_sched_op(SCHEDOP_yield, NULL);
    }
    check(!memcmp(shared_rw + 100, "copied in", 10), "granter: the peer's grant copy is missing");
    check(shared_rw[2] == 'W', "granter: the peer's write is missing");
    check(gnttab_end(REF_RW) && gnttab_end(REF_RO) && gnttab_end(REF_OTHER), "granter: grants could not be ended");
    printf("granter: grants ended after the peer unmapped\n");
}

static int16_t map(domid_t peer, grant_ref_t ref, void *va, uint32_t flags, grant_handle_t *h)
{
    struct gnttab_map_grant_ref m = { .host_addr = (uint64_t)va, .flags = GNTMAP_host_map | flags,
                                      .ref = ref, .dom = peer, .status = 99 };
    long rc = hc_grant_table_op(GNTTABOP_map_grant_ref, &m, 1);
    *h = m.handle;
    mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    return rc ? -100 : m.status;
}

static void mapper(domid_t peer)
{
    grant_handle_t hrw = 0, hro = 0, h;
    uint64_t rw_mfn = virt_to_mfn(map_rw), ro_mfn = virt_to_mfn(map_ro);
    uint64_t deadline = pvclock_now() + WAIT_NS;
    int16_t st;

    while ((st = map(peer, REF_RW, map_rw, 0, &hrw)) != GNTST_okay) {
        if (pvclock_now() > deadline) {
            test_fail("mapper: grant %u of domain %u never mappable (%d)", REF_RW, peer, st);
            return;
        }
        hc_sched_op(SCHEDOP_yield, NULL);
    }
    check_rc(map(peer, REF_RO, map_ro, GNTMAP_readonly, &hro), GNTST_okay);
    bool ok = true;
    for (unsigned int i = 0; i < PAGE_SIZE && ok; i++)
        ok = map_ro[i] == (uint8_t)(i ^ 0x5a);
    check(ok, "mapper: read-only page contents differ");
    check(probe_write(map_ro, 1) == (0x100 | 14), "mapper: read-only grant mapped writable");
    /* Refused: writing a read-only grant, a grant for someone else, an unknown granter. */
    check_rc(map(peer, REF_RO, local, 0, &h), GNTST_general_error);
    check_rc(map(peer, REF_OTHER, local, GNTMAP_readonly, &h), GNTST_general_error);
    check_rc(map(0x7000, REF_RW, local, 0, &h), GNTST_bad_domain);

    map_rw[2] = 'W';
    map_rw[0] = 'M';
    if (!wait_for_byte(&map_rw[1], 'E', WAIT_NS)) {
        test_fail("mapper: the granter never answered");
        return;
    }
    /* Grant copies both ways: peer's RO grant -> our page, our page -> peer's RW grant. */
    struct gnttab_copy c[2] = { 0 };
    c[0].flags = GNTCOPY_source_gref;
    c[0].source.u.ref = REF_RO;
    c[0].source.domid = peer;
    c[0].dest.u.gmfn = virt_to_mfn(local);
    c[0].dest.domid = DOMID_SELF;
    c[0].len = PAGE_SIZE;
    memcpy(local + 2000, "copied in", 10);
    c[1].flags = GNTCOPY_dest_gref;
    c[1].source.u.gmfn = virt_to_mfn(local);
    c[1].source.domid = DOMID_SELF;
    c[1].source.offset = 2000;
    c[1].dest.u.ref = REF_RW;
    c[1].dest.domid = peer;
    c[1].dest.offset = 100;
    c[1].len = 10;
    check_rc(hc_grant_table_op(GNTTABOP_copy, &c[1], 1), 0);
    check_rc(hc_grant_table_op(GNTTABOP_copy, &c[0], 1), 0);
    check(c[0].status == 0 && c[1].status == 0, "mapper: copies %d %d", c[0].status, c[1].status);
    check(!memcmp(local, map_ro, PAGE_SIZE), "mapper: copied page differs");
    check(!memcmp(map_rw + 100, "copied in", 10), "mapper: copy not seen through the mapping");

    check_rc(gnttab_unmap1(hrw, (uint64_t)map_rw, 0), GNTST_okay);
    check_rc(gnttab_unmap1(hro, (uint64_t)map_ro, 0), GNTST_okay);
    check_rc(gnttab_unmap1(hro, (uint64_t)map_ro, 0), GNTST_bad_handle);
    check_rc(remap(map_rw, rw_mfn, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
    check_rc(remap(map_ro, ro_mfn, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
    printf("mapper: mapped, checked, copied and unmapped domain %u's grants\n", peer);
}

void test_main(void)
{
    char role[10];
    long peer = cmdline_int("peer", -1);

    if (!cmdline_get("role", role, sizeof(role)) || peer < 0) {
        test_error("command line '%s' lacks role= and peer=", (const char *)start_info->cmd_line);
        return;
    }
    if (!strcmp(role, "granter"))
        granter(peer);
    else if (!strcmp(role, "mapper"))
        mapper(peer);
    else
        test_error("unknown role '%s'", role);
}
