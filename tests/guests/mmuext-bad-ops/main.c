/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: mmuext_op on frames the guest must not touch: pinning,
 * clearing or copying into page tables or foreign frames, bogus LDTs and
 * base pointers, vCPU masks in the hypervisor. All must fail cleanly.
 */
#include "guest.h"

const char test_title[] = "mmuext_op abuse";

void test_main(void)
{
    uint64_t *scratch = alloc_page();
    uint64_t l1_mfn = pt_mfn(scratch, 1), l4_mfn = pt_mfn(scratch, 4);
    uint64_t l1_0 = ((uint64_t *)mfn_to_virt(l1_mfn))[0];

    check_rc(mmuext1(99, 0, 0), -XEN_ENOSYS);
    check(mmuext1(MMUEXT_PIN_L1_TABLE, 0xffffffffffUL, 0) < 0, "pin of a frame beyond RAM");

    /* Writing page tables through CLEAR_PAGE / COPY_PAGE. */
    long rc = mmuext1(MMUEXT_CLEAR_PAGE, l1_mfn, 0);
    check(rc < 0, "CLEAR_PAGE of a live L1 succeeded");
    check(((uint64_t *)mfn_to_virt(l1_mfn))[0] == l1_0, "live L1 was cleared");
    rc = mmuext1(MMUEXT_COPY_PAGE, l4_mfn, virt_to_mfn(scratch));
    check(rc < 0, "COPY_PAGE over the live L4 succeeded");
    check(mmuext1(MMUEXT_CLEAR_PAGE, 0xffffffffffUL, 0) < 0, "CLEAR_PAGE beyond RAM");
    /* Positive control: our own data page. */
    scratch[3] = 99;
    check_rc(mmuext1(MMUEXT_CLEAR_PAGE, virt_to_mfn(scratch), 0), 0);
    check(scratch[3] == 0, "CLEAR_PAGE of a data page did not clear it");

    /* LDT: misaligned, huge, or inside the hole. */
    struct mmuext_op op = { .cmd = MMUEXT_SET_LDT };
    op.arg1.linear_addr = (uint64_t)scratch + 8;
    op.arg2.nr_ents = 16;
    check(hc_mmuext_op(&op, 1, NULL, DOMID_SELF) < 0, "misaligned LDT accepted");
    op.arg1.linear_addr = (uint64_t)scratch;
    op.arg2.nr_ents = 1u << 20;
    check(hc_mmuext_op(&op, 1, NULL, DOMID_SELF) < 0, "LDT of 2^20 entries accepted");
    op.arg1.linear_addr = 0xffff830000000000UL;
    op.arg2.nr_ents = 16;
    check(hc_mmuext_op(&op, 1, NULL, DOMID_SELF) < 0, "LDT in the hypervisor hole accepted");
    op.arg1.linear_addr = 0;
    op.arg2.nr_ents = 0;
    check_rc(hc_mmuext_op(&op, 1, NULL, DOMID_SELF), 0);

    /* Base pointers to frames that are not L4s or not ours. */
    check(mmuext1(MMUEXT_NEW_BASEPTR, 0xffffffffffUL, 0) < 0, "NEW_BASEPTR beyond RAM");
    check(mmuext1(MMUEXT_NEW_USER_BASEPTR, virt_to_mfn(scratch), 0) < 0, "user base = data page");
    check_rc(mmuext1(MMUEXT_NEW_USER_BASEPTR, 0, 0), 0);

    /* vCPU masks the hypervisor would have to read from its own memory. */
    op.cmd = MMUEXT_TLB_FLUSH_MULTI;
    op.arg2.vcpumask = (const void *)0xffff830000000000UL;
    rc = hc_mmuext_op(&op, 1, NULL, DOMID_SELF);
    printf("TLB_FLUSH_MULTI with a mask in the hole: rc %ld\n", rc);
    check(rc < 0, "TLB_FLUSH_MULTI read a vCPU mask from the hypervisor hole");
    op.cmd = MMUEXT_INVLPG_MULTI;
    op.arg1.linear_addr = (uint64_t)scratch;
    check(hc_mmuext_op(&op, 1, NULL, DOMID_SELF) < 0, "INVLPG_MULTI read a mask from the hole");

    /* `done` counts only what happened before a failure. */
    struct mmuext_op two[2] = { { .cmd = MMUEXT_TLB_FLUSH_LOCAL }, { .cmd = 99 } };
    unsigned int done = 77;
    rc = hc_mmuext_op(two, 2, &done, DOMID_SELF);
    check(rc == -XEN_ENOSYS && done == 1, "batch with a bad 2nd op: rc %ld done %u", rc, done);

    /* A foreign domain id. */
    check(hc_mmuext_op(two, 1, NULL, 0x7ff5) < 0, "mmuext_op for domain 0x7ff5");
    check(probe_write(scratch, 1) == 0, "scratch unusable");
}
