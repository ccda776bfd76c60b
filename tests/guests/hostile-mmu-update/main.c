/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: mmu_update batch bookkeeping. A zero count, a request list
 * that runs into an unmapped page part-way (progress reported in *done),
 * unknown commands in the low bits of ptr, M2P updates of frames the
 * domain does not own, and unknown domains must each give the exact error
 * and an exact *done, leaving every entry not named untouched.
 */
#include "guest.h"

const char test_title[] = "mmu_update counts, partial batches and bad commands";

static uint64_t pte_for(const void *page) { return (virt_to_mfn(page) << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D; }

void test_main(void)
{
    uint8_t *a = alloc_page(), *b = alloc_page(), *c = alloc_page();
    unsigned int done = 77;

    /* Count 0: nothing happens, *done is set to 0; a list in the hole is refused even so. */
    struct mmu_update none = { pte_maddr(c, 1) | 7, 0 };
    check_rc(hc_mmu_update(&none, 0, &done, DOMID_SELF), 0);
    check(done == 0, "count 0: done %u", done);
    done = 77;
    check_rc(hc_mmu_update((void *)0xffff830000000000UL, 0, &done, DOMID_SELF), -XEN_EFAULT);
    check(done == 77, "count 0 with a list in the hole: done %u", done);

    /* Three requests at the end of a page followed by an unmapped page. */
    uint8_t *list_page = alloc_page();
    check_rc(hc_update_va_mapping(list_page + PAGE_SIZE, 0, UVMF_INVLPG), 0);
    struct mmu_update *req = (struct mmu_update *)(list_page + PAGE_SIZE) - 2;
    /* Request 0 maps a's slot to b's frame, 1 maps b's slot to a's frame; 2 is unreadable. */
    req[0] = (struct mmu_update){ pte_maddr(a, 1), pte_for(b) };
    req[1] = (struct mmu_update){ pte_maddr(b, 1), pte_for(a) };
    a[0] = 'a';
    b[0] = 'b';
    done = 77;
    long rc = hc_mmu_update(req, 3, &done, DOMID_SELF);
    printf("batch into a hole: rc %ld done %u\n", rc, done);
    check(rc == -XEN_EFAULT && done == 2, "batch into a hole: rc %ld done %u", rc, done);
    check_rc(mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0), 0);      /* mmu_update does not flush */
    check(a[0] == 'b' && b[0] == 'a', "requests before the hole not applied (%c %c)", a[0], b[0]);
    req[0].val = pte_for(a);                    /* swap back (the P2M still names the originals) */
    req[1].val = pte_for(b);
    check_rc(hc_mmu_update(req, 2, NULL, DOMID_SELF), 0);
    check_rc(mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0), 0);
    check(a[0] == 'a' && b[0] == 'b', "swap back failed");

    /* Command 3 (no-translate) acts on a PV guest as a normal update. */
    struct mmu_update nt = { pte_maddr(c, 1) | 3, pte_for(c) };
    done = 77;
    check_rc(hc_mmu_update(&nt, 1, &done, DOMID_SELF), 0);
    check(done == 1, "cmd 3: done %u", done);

    /* Unknown commands in ptr's low bits: -ENOSYS, the entry untouched. */
    uint64_t before = *pte_of(c, 1);
    for (unsigned int cmd = 4; cmd < 8; cmd++) {
        struct mmu_update u = { pte_maddr(c, 1) | cmd, pte_for(a) };
        done = 77;
        check_rc(hc_mmu_update(&u, 1, &done, DOMID_SELF), -XEN_ENOSYS);
        check(done == 0, "cmd %u: done %u", cmd, done);
    }
    check(*pte_of(c, 1) == before, "entry changed by an unknown command");

    /* A good request then a bad one: done counts only the good one. */
    struct mmu_update two[2] = { { pte_maddr(c, 1), pte_for(c) }, { pte_maddr(c, 1) | 5, 0 } };
    done = 77;
    check_rc(hc_mmu_update(two, 2, &done, DOMID_SELF), -XEN_ENOSYS);
    check(done == 1, "good+bad batch: done %u", done);

    /* M2P updates of frames we do not own. */
    struct mmu_update m = { (0xffffffffffUL << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE, 5 };
    rc = hc_mmu_update(&m, 1, NULL, DOMID_SELF);
    printf("M2P update beyond RAM: %ld\n", rc);
    check_rc(rc, -XEN_EINVAL);
    m.ptr = MMU_MACHPHYS_UPDATE;                 /* frame 0: the hypervisor's */
    uint64_t m2p0 = m2p[0];
    rc = hc_mmu_update(&m, 1, NULL, DOMID_SELF);
    printf("M2P update of frame 0: %ld\n", rc);
    check_rc(rc, -XEN_EINVAL);
    check(m2p[0] == m2p0, "M2P of frame 0 changed");

    /* Unknown domains. */
    check_rc(hc_mmu_update(two, 1, NULL, 0x7ff5), -XEN_ESRCH);
    check_rc(hc_mmu_update(two, 1, NULL, 9), -XEN_ESRCH);
    check(probe_write(c, 1) == 0, "page c unusable");
}
