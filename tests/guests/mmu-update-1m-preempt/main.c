/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: unbounded hypercalls. A single mmu_update of 2^20 entries must
 * not hold the CPU until it is done: the hypervisor preempts it, saves its
 * progress in the arguments (count with MMU_UPDATE_PREEMPTED, done so far
 * in *done) and continues when the guest re-issues it. The batch must still
 * complete, with every entry applied once and *done counting all of them.
 */
#include "guest.h"

const char test_title[] = "mmu_update of 1M entries is preempted and completes";

#define NR_L1   8                                   /* 8 x 2 MiB of request views */
#define PER_PAGE (PAGE_SIZE / sizeof(struct mmu_update))
#define NR_REQS (NR_L1 * 512 * PER_PAGE)            /* 1,048,576 */

void test_main(void)
{
    uint64_t *l2 = mfn_to_virt(pt_mfn(start_info, 2));
    struct mmu_update *reqs = alloc_page();
    uint64_t *scratch = alloc_page(), *l1[NR_L1];
    unsigned int slot = 0;

    /* Eight free L2 slots in a row above the bootstrap region. */
    for (unsigned int s = 1, run = 0; s < 512; s++) {
        run = (l2[s] & PTE_P) ? 0 : run + 1;
        if (run == NR_L1) {
            slot = s + 1 - NR_L1;
            break;
        }
    }
    if (!slot) {
        test_error("no %d free L2 slots", NR_L1);
        return;
    }

    /* One page of requests, each rewriting scratch's own PTE with the same value. */
    uint64_t pte_ma = pte_maddr(scratch, 1);
    uint64_t val = (virt_to_mfn(scratch) << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D;
    for (unsigned int i = 0; i < PER_PAGE; i++)
        reqs[i] = (struct mmu_update){ .ptr = pte_ma | MMU_NORMAL_PT_UPDATE, .val = val };

    /* Map that page read-only 4096 times: 16 MiB of contiguous request array. */
    for (int t = 0; t < NR_L1; t++) {
        l1[t] = alloc_page();
        for (int i = 0; i < 512; i++)
            l1[t][i] = (virt_to_mfn(reqs) << PAGE_SHIFT) | PTE_P | PTE_A;
        check_rc(make_readonly(l1[t]), 0);
        check_rc(mmu_update1(virt_to_maddr(&l2[slot + t]),
                             (virt_to_mfn(l1[t]) << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A), 0);
    }
    struct mmu_update *view = (struct mmu_update *)(VIRT_BASE + ((uint64_t)slot << 21));
    check(view[NR_REQS - 1].ptr == reqs[0].ptr, "request view does not show the requests");

    unsigned int done = 0;
    uint64_t t0 = pvclock_now();
    long rc = hc_mmu_update(view, NR_REQS, &done, DOMID_SELF);
    uint64_t ms = (pvclock_now() - t0) / 1000000;
    printf("mmu_update of %u entries: rc %ld, done %u, %lu ms\n", (unsigned int)NR_REQS, rc, done, ms);
    check_rc(rc, 0);
    check(done == NR_REQS, "done %u, want %u", done, (unsigned int)NR_REQS);
    check(probe_write(scratch, 7) == 0 && scratch[0] == 7, "scratch mapping broken by the batch");

    /* A count with the preempted bit set and no done pointer is just a shorter batch. */
    check_rc(hc_mmu_update(view, 0x80000000u | 16, NULL, DOMID_SELF), 0);

    for (int t = 0; t < NR_L1; t++) {
        check_rc(mmu_update1(virt_to_maddr(&l2[slot + t]), 0), 0);
        check_rc(make_writable(l1[t]), 0);
    }
    check_rc(mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0), 0);
}
