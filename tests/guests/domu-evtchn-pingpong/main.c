/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0 and a domU it built itself (the Xen-mirrored counterpart of tests/domains/evtchn-pingpong
 * and grant-map-copy): 10,000 interdomain event round trips on a port the domU offers, then the
 * domU's two grants (RW, RO) mapped by dom0 with content checks both ways and grant copies in both
 * directions. The domU checks its side and its verdict decides with dom0's.
 */
#include "domu.h"

const char test_title[] =
    "dom0 <-> built domU: 10,000 event round trips, grants mapped and copied both ways";

#define DOMU_PAGES 1024

static struct domu u;
static uint8_t map_rw[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t map_ro[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t local[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

/* The domU's offered port: bind_interdomain on its ports (console and xenstore are taken). */
static evtchn_port_t find_port(void)
{
    uint64_t deadline = pvclock_now() + PINGPONG_WAIT_NS;
    while (pvclock_now() < deadline) {
        for (evtchn_port_t rp = 1; rp < 16; rp++) {
            evtchn_port_t local_port;
            if (!evt_bind_interdomain(u.id, rp, &local_port))
                return local_port;
        }
        domu_console_drain(&u);
        hc_sched_op(SCHEDOP_yield, NULL);
    }
    return 0;
}

static void ping(evtchn_port_t port)
{
    evtchn_mask(port);  /* polled */
    evtchn_clear(port); /* binding raises the new local port once */
    uint64_t t0 = pvclock_now();
    for (unsigned int i = 0; i < PINGPONG_ROUNDS; i++) {
        check_rc(evt_send(port), 0);
        if (!evtchn_wait(port, PINGPONG_WAIT_NS)) {
            test_fail("no answer to event %u of %u from d%u", i + 1, PINGPONG_ROUNDS, u.id);
            return;
        }
    }
    uint64_t ns = pvclock_now() - t0;
    printf("ping: %u round trips with d%u in %lu us (%lu ns each)\n", PINGPONG_ROUNDS, u.id,
           (unsigned long)(ns / 1000), (unsigned long)(ns / PINGPONG_ROUNDS));
}

static int16_t map(grant_ref_t ref, void *va, uint32_t flags, grant_handle_t *h)
{
    struct gnttab_map_grant_ref m = {.host_addr = (uint64_t)va,
                                     .flags = GNTMAP_host_map | flags,
                                     .ref = ref,
                                     .dom = u.id,
                                     .status = 99};
    long rc = hc_grant_table_op(GNTTABOP_map_grant_ref, &m, 1);
    *h = m.handle;
    mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    return rc ? -100 : m.status;
}

static void copy_both_ways(void)
{
    struct gnttab_copy in = {.flags = GNTCOPY_source_gref, .len = PAGE_SIZE}, out = {0};
    in.source.u.ref = PINGPONG_REF_RO;
    in.source.domid = u.id;
    in.dest.u.gmfn = virt_to_mfn(local);
    in.dest.domid = DOMID_SELF;
    memcpy(local + 2000, "copied in", 10);
    out.flags = GNTCOPY_dest_gref;
    out.source.u.gmfn = virt_to_mfn(local);
    out.source.domid = DOMID_SELF;
    out.source.offset = 2000;
    out.dest.u.ref = PINGPONG_REF_RW;
    out.dest.domid = u.id;
    out.dest.offset = 100;
    out.len = 10;
    check_rc(hc_grant_table_op(GNTTABOP_copy, &out, 1), 0);
    check_rc(hc_grant_table_op(GNTTABOP_copy, &in, 1), 0);
    check(in.status == 0 && out.status == 0, "grant copies: in %d out %d", in.status, out.status);
    check(!memcmp(local, map_ro, PAGE_SIZE), "the page copied in differs from the RO mapping");
    check(!memcmp(map_rw + 100, "copied in", 10),
          "the copy out is not seen through the RW mapping");
}

static void grants(void)
{
    grant_handle_t hrw = 0, hro = 0;
    uint64_t rw_mfn = virt_to_mfn(map_rw), ro_mfn = virt_to_mfn(map_ro);

    check_rc(map(PINGPONG_REF_RW, map_rw, 0, &hrw), GNTST_okay);
    check_rc(map(PINGPONG_REF_RO, map_ro, GNTMAP_readonly, &hro), GNTST_okay);
    bool ok = true;
    for (unsigned int i = 0; i < PAGE_SIZE && ok; i++)
        ok = map_ro[i] == (uint8_t)(i ^ 0x5a);
    check(ok, "the RO grant's contents differ");
    check(probe_write(map_ro, 1) == (0x100 | 14), "the RO grant is mapped writable");
    map_rw[2] = 'W';
    map_rw[0] = 'M';
    uint64_t deadline = pvclock_now() + PINGPONG_WAIT_NS;
    while (*(volatile uint8_t *)&map_rw[1] != 'E' && pvclock_now() < deadline) {
        domu_console_drain(&u);
        hc_sched_op(SCHEDOP_yield, NULL);
    }
    check(map_rw[1] == 'E', "the domU's answer through the RW grant never came");
    copy_both_ways();
    check_rc(gnttab_unmap1(hrw, (uint64_t)map_rw, 0), GNTST_okay);
    check_rc(gnttab_unmap1(hro, (uint64_t)map_ro, 0), GNTST_okay);
    check_rc(remap(map_rw, rw_mfn, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
    check_rc(remap(map_ro, ro_mfn, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
}

void test_main(void)
{
    if (domu_build(&u, domu_image, domu_image_end - domu_image, DOMU_PAGES, "role=pingpong"))
        return;
    check_rc(domu_unpause(&u), 0);
    evtchn_port_t port = find_port();
    if (!port) {
        test_fail("d%u offered no event channel", u.id);
    } else {
        ping(port);
        grants();
        evt_close(port);
    }
    int v = domu_run_console(&u, 30000);
    check(v == DOMU_SUCCESS, "domU verdict %d, want SUCCESS", v);
    domu_destroy(&u);
}
