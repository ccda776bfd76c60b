/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GNTTABOP_copy between grant references and our own frames, both
 * directions, with offsets; and each refusal with its status: a copy
 * beyond the page, writing through a read-only grant, frames we do not
 * own, a frame named with a domain id other than DOMID_SELF, unknown
 * domains and references, grants for another domain, a page table as
 * destination. A refused copy leaves the destination untouched.
 */
#include "guest.h"

const char test_title[] = "grant copy: grefs and frames, offsets, and refused copies";

static struct gnttab_copy cp(bool src_gref, uint64_t src, uint16_t soff, bool dst_gref, uint64_t dst,
                             uint16_t doff, uint16_t len)
{
    struct gnttab_copy c = { .len = len, .status = 99 };

    c.flags = (src_gref ? GNTCOPY_source_gref : 0) | (dst_gref ? GNTCOPY_dest_gref : 0);
    c.source.domid = c.dest.domid = DOMID_SELF;
    if (src_gref)
        c.source.u.ref = (grant_ref_t)src;
    else
        c.source.u.gmfn = src;
    if (dst_gref)
        c.dest.u.ref = (grant_ref_t)dst;
    else
        c.dest.u.gmfn = dst;
    c.source.offset = soff;
    c.dest.offset = doff;
    return c;
}

static int16_t copy1(struct gnttab_copy c)
{
    long rc = hc_grant_table_op(GNTTABOP_copy, &c, 1);

    return rc ? (int16_t)(rc - 100) : c.status;
}

void test_main(void)
{
    check_rc(gnttab_setup(1), 0);
    uint8_t *a = alloc_page(), *b = alloc_page(), *c = alloc_page(), *other = alloc_page();
    uint64_t c_mfn = virt_to_mfn(c), b_mfn = virt_to_mfn(b);

    for (unsigned int i = 0; i < PAGE_SIZE; i++)
        a[i] = (uint8_t)(i * 7 + 1);
    gnttab_grant(20, SELF_ID, a, true);         /* source, read-only */
    gnttab_grant(21, SELF_ID, b, false);        /* destination */
    gnttab_grant(22, 5, other, false);          /* for another domain */

    /* gref -> frame, whole page. */
    check_rc(copy1(cp(true, 20, 0, false, c_mfn, 0, PAGE_SIZE)), GNTST_okay);
    check(memcmp(a, c, PAGE_SIZE) == 0, "gref->frame contents differ");
    check(gnttab[20].flags == (GTF_permit_access | GTF_readonly), "flags after copy: %x", gnttab[20].flags);

    /* frame -> gref with offsets. */
    memset(c, 'c', 64);
    check_rc(copy1(cp(false, c_mfn, 0, true, 21, 200, 50)), GNTST_okay);
    check(b[199] == 0 && b[200] == 'c' && b[249] == 'c' && b[250] == 0, "frame->gref: %x %x %x %x", b[199], b[200], b[249], b[250]);
    check(gnttab[21].flags == GTF_permit_access, "dest flags after copy: %x", gnttab[21].flags);

    /* gref -> gref, a batch of three with a bad one between. */
    struct gnttab_copy batch[3] = {
        cp(true, 20, 1000, true, 21, 3000, 1000),
        cp(true, 20, 0, true, 21, 4000, 200),   /* 4000 + 200 > 4096 */
        cp(true, 20, 4095, true, 21, 0, 1),
    };
    check_rc(hc_grant_table_op(GNTTABOP_copy, batch, 3), 0);
    check(batch[0].status == 0 && batch[1].status == GNTST_bad_copy_arg && batch[2].status == 0,
          "batch: %d %d %d", batch[0].status, batch[1].status, batch[2].status);
    check(memcmp(b + 3000, a + 1000, 1000) == 0 && b[0] == a[4095] && b[4000] == 0, "gref->gref contents");
    check_rc(copy1(cp(true, 20, 0, false, c_mfn, 0, 0)), GNTST_okay);      /* zero length */

    /* Refusals (the destination stays as it was). */
    memset(b, 0, PAGE_SIZE);
    int16_t st;
    check_rc(st = copy1(cp(true, 20, 4000, false, b_mfn, 0, 97)), GNTST_bad_copy_arg);
    check_rc(st = copy1(cp(false, c_mfn, 0, true, 20, 0, 16)), GNTST_general_error);   /* RO grant */
    printf("write to RO grant: %d\n", st);
    check_rc(st = copy1(cp(false, 0, 0, false, b_mfn, 0, 16)), GNTST_bad_page);       /* frame 0 */
    check_rc(st = copy1(cp(false, 0xfffffffffUL, 0, false, b_mfn, 0, 16)), GNTST_bad_page);
    check_rc(st = copy1(cp(false, c_mfn, 0, false, 0x10, 0, 16)), GNTST_bad_page);
    struct gnttab_copy x = cp(false, c_mfn, 0, false, b_mfn, 0, 16);
    x.source.domid = SELF_ID;                   /* frames only with DOMID_SELF */
    check_rc(st = copy1(x), GNTST_permission_denied);
    x = cp(true, 20, 0, false, b_mfn, 0, 16);
    x.source.domid = 0x7000;
    check_rc(st = copy1(x), GNTST_bad_domain);
    check_rc(st = copy1(cp(true, 100000, 0, false, b_mfn, 0, 16)), GNTST_bad_gntref);
    check_rc(st = copy1(cp(true, 22, 0, false, b_mfn, 0, 16)), GNTST_general_error);  /* for domain 5 */
    check_rc(st = copy1(cp(true, 23, 0, false, b_mfn, 0, 16)), GNTST_general_error);  /* never granted */
    check_rc(st = copy1(cp(true, 20, 0, false, pt_mfn(a, 1), 0, 16)), GNTST_general_error);  /* an L1 */
    check(gnttab[20].flags == (GTF_permit_access | GTF_readonly) && gnttab[22].flags == GTF_permit_access,
          "flags after refusals: %x %x", gnttab[20].flags, gnttab[22].flags);
    for (unsigned int i = 0; i < PAGE_SIZE; i++)
        if (b[i]) {
            test_fail("refused copy wrote byte %u", i);
            break;
        }
    check_rc(hc_grant_table_op(GNTTABOP_copy, (void *)0xffff830000000000UL, 1), -XEN_EFAULT);
    check(gnttab_end(20) && gnttab_end(21) && gnttab_end(22), "grants could not be ended");
}
