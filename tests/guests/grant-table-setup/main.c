/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grant-table setup as Linux 6.1 PV does it: query_size, set_version (v1 kept),
 * setup_table and mapping the returned frames with an ordinary PTE; and the
 * refusals around it: wrong counts, too many frames, unknown domains, bad
 * pointers, unknown commands, add_to_physmap of grant frames for a PV guest.
 */
#include "guest.h"

const char test_title[] = "grant table setup, query_size, versions and their errors";


static long gt_op(unsigned int cmd, void *uop, unsigned int count)
{
    return hc_grant_table_op(cmd, uop, count);
}

void test_main(void)
{
    struct gnttab_query_size q = { .dom = DOMID_SELF, .status = 99 };
    check_rc(gt_op(GNTTABOP_query_size, &q, 1), 0);
    printf("query_size: nr_frames %u max %u status %d\n", q.nr_frames, q.max_nr_frames, q.status);
    check(q.status == 0 && q.nr_frames >= 1 && q.max_nr_frames == 64,
          "query_size: status %d nr %u max %u", q.status, q.nr_frames, q.max_nr_frames);
    unsigned int max = q.max_nr_frames;

    struct gnttab_get_version gv = { .dom = DOMID_SELF, .version = 99 };
    check_rc(gt_op(GNTTABOP_get_version, &gv, 1), 0);
    check(gv.version == 1, "get_version: %u", gv.version);
    struct gnttab_set_version sv = { .version = 1 };
    check_rc(gt_op(GNTTABOP_set_version, &sv, 1), 0);
    check(sv.version == 1, "set_version(1) left %u", sv.version);
    sv.version = 3;
    check_rc(gt_op(GNTTABOP_set_version, &sv, 1), -XEN_EINVAL);
    check(sv.version == 1, "set_version(3) wrote back %u", sv.version);
    /* Version 2: Xen 4.17 switches (we switch back); Xenolith refuses as Xen with max-ver:1. */
    sv.version = 2;
    long rc = gt_op(GNTTABOP_set_version, &sv, 1);
    printf("set_version(2): rc %ld version %u\n", rc, sv.version);
    check((rc == 0 && sv.version == 2) || (rc == -XEN_ENOSYS && sv.version == 1),
          "set_version(2): rc %ld version %u", rc, sv.version);
    if (rc == 0) {
        sv.version = 1;
        check_rc(gt_op(GNTTABOP_set_version, &sv, 1), 0);
    }

    /* setup_table as Linux: one frame, mapped with mmu_update; entries are then writable. */
    check_rc(gnttab_setup(1), 0);
    uint8_t *page = alloc_page();
    gnttab_grant(8, SELF_ID, page, false);
    check(gnttab[8].flags == GTF_permit_access && gnttab[8].frame == virt_to_mfn(page), "entry not stored");
    check(gnttab_end(8), "an unused grant could not be ended");

    /* The table grows on request; the first frame stays the same. */
    unsigned long frames[4] = { 0 }, first;
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
    st.frame_list.p = frames;
    check_rc(gt_op(GNTTABOP_setup_table, &st, 1), 0);
    first = frames[0];
    st.nr_frames = 4;
    check_rc(gt_op(GNTTABOP_setup_table, &st, 1), 0);
    check(st.status == 0 && frames[0] == first && frames[3] && frames[3] != frames[0],
          "grow: status %d frames %lx %lx", st.status, frames[0], frames[3]);
    q.status = 99;
    check_rc(gt_op(GNTTABOP_query_size, &q, 1), 0);
    check(q.nr_frames == 4, "nr_frames after growing: %u", q.nr_frames);
    st.nr_frames = 0;
    st.status = 99;
    check_rc(gt_op(GNTTABOP_setup_table, &st, 1), 0);
    check(st.status == 0, "setup_table(0): status %d", st.status);

    /* Refusals. */
    st.nr_frames = max + 1;
    check_rc(gt_op(GNTTABOP_setup_table, &st, 1), 0);
    check(st.status == GNTST_general_error, "more than max frames: status %d", st.status);
    st.nr_frames = 1;
    check_rc(gt_op(GNTTABOP_setup_table, &st, 2), -XEN_EINVAL);
    check_rc(gt_op(GNTTABOP_setup_table, &st, 0), -XEN_EINVAL);
    check_rc(gt_op(GNTTABOP_query_size, &q, 2), -XEN_EINVAL);
    st.dom = 0x7000;
    check_rc(gt_op(GNTTABOP_setup_table, &st, 1), 0);
    check(st.status == GNTST_bad_domain, "unknown domain: status %d", st.status);
    q.dom = 0x7000;
    check_rc(gt_op(GNTTABOP_query_size, &q, 1), 0);
    check(q.status == GNTST_bad_domain, "query unknown domain: status %d", q.status);
    gv.dom = 0x7000;
    check_rc(gt_op(GNTTABOP_get_version, &gv, 1), -XEN_ESRCH);
    st.dom = DOMID_SELF;
    st.frame_list.p = (unsigned long *)0xffff830000000000UL;   /* the hypervisor's */
    check_rc(gt_op(GNTTABOP_setup_table, &st, 1), -XEN_EFAULT);
    uint8_t *hole = alloc_page();
    check_rc(hc_update_va_mapping(hole, 0, UVMF_INVLPG), 0);
    st.frame_list.p = (unsigned long *)hole;                    /* unmapped: the copy-out fails */
    st.status = 99;
    check_rc(gt_op(GNTTABOP_setup_table, &st, 1), 0);
    check(st.status == GNTST_bad_virt_addr, "frame list unmapped: status %d", st.status);
    check_rc(gt_op(GNTTABOP_setup_table, hole, 1), -XEN_EFAULT);
    check_rc(gt_op(GNTTABOP_query_size, (void *)0xffff830000000000UL, 1), -XEN_EFAULT);

    /* Commands: unknown ones, continuation bits, negative counts. */
    check_rc(gt_op(13, &q, 1), -XEN_ENOSYS);
    check_rc(gt_op(GNTTABOP_query_size | (1 << 12), &q, 1), -XEN_EINVAL);
    check_rc(gt_op(GNTTABOP_map_grant_ref, &q, 0x80000000u), -XEN_EINVAL);
    check_rc(gt_op(GNTTABOP_map_grant_ref, (void *)0xffff830000000000UL, 1), -XEN_EFAULT);
    check_rc(gt_op(GNTTABOP_map_grant_ref, NULL, 0), 0);

    /* add_to_physmap of grant frames is for translated guests: a PV guest maps the MFNs. */
    struct xen_add_to_physmap x = { .domid = DOMID_SELF, .space = XENMAPSPACE_grant_table, .idx = 0, .gpfn = 0x100 };
    rc = hc_memory_op(XENMEM_add_to_physmap, &x);
    printf("add_to_physmap(grant_table): %ld\n", rc);
    check_rc(rc, -XEN_EACCES);
}
