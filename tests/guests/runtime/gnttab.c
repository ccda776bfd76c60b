/* SPDX-License-Identifier: GPL-2.0-only */
/* Grant-table helpers: set up our own table as Linux PV does and grant pages to ourselves. */
#include "guest.h"

#define GNTTAB_MAX_MAPPED 8

grant_entry_v1_t *gnttab;
static uint8_t gnttab_va[GNTTAB_MAX_MAPPED][PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));

long gnttab_setup(unsigned int nr)
{
    unsigned long frames[GNTTAB_MAX_MAPPED];
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = nr };

    if (nr > GNTTAB_MAX_MAPPED)
        return -1;
    st.frame_list.p = frames;
    long rc = hc_grant_table_op(GNTTABOP_setup_table, &st, 1);
    if (rc || st.status)
        return rc ? rc : st.status;
    /* Linux maps the frames with an ordinary PTE write (mmu_update, DOMID_SELF). */
    for (unsigned int i = 0; i < nr; i++) {
        rc = mmu_update1(pte_maddr(gnttab_va[i], 1), (frames[i] << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D);
        if (rc)
            return rc;
    }
    mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    gnttab = (grant_entry_v1_t *)gnttab_va[0];
    return 0;
}

void gnttab_grant_in(grant_entry_v1_t *table, grant_ref_t ref, domid_t domid, uint64_t mfn, bool readonly)
{
    volatile grant_entry_v1_t *e = &table[ref];
    e->domid = domid;
    e->frame = (uint32_t)mfn;
    asm volatile("" ::: "memory");
    e->flags = GTF_permit_access | (readonly ? GTF_readonly : 0);
}

void gnttab_grant(grant_ref_t ref, domid_t domid, const void *page, bool readonly)
{
    gnttab_grant_in(gnttab, ref, domid, virt_to_mfn(page), readonly);
}

bool gnttab_end(grant_ref_t ref)
{
    uint16_t flags = gnttab[ref].flags;

    do {
        if (flags & (GTF_reading | GTF_writing))
            return false;
    } while (!__atomic_compare_exchange_n(&gnttab[ref].flags, &flags, 0, false,
                                          __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    return true;
}

int16_t gnttab_map1(grant_ref_t ref, uint64_t host_addr, uint32_t flags, grant_handle_t *handle)
{
    struct gnttab_map_grant_ref op = { .host_addr = host_addr, .flags = flags, .ref = ref,
                                       .dom = SELF_ID, .status = 99 };
    long rc = hc_grant_table_op(GNTTABOP_map_grant_ref, &op, 1);

    if (rc)
        return (int16_t)(rc < -30000 ? -30000 : rc - 100);     /* a hypercall error, not a status */
    if (op.status == 0 && handle)
        *handle = op.handle;
    if (op.status == 0 && (flags & GNTMAP_host_map))
        mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);  /* a map over a present PTE is not flushed */
    return op.status;
}

int16_t gnttab_unmap1(grant_handle_t handle, uint64_t host_addr, uint64_t dev_bus_addr)
{
    struct gnttab_unmap_grant_ref op = { .host_addr = host_addr, .dev_bus_addr = dev_bus_addr,
                                         .handle = handle, .status = 99 };
    long rc = hc_grant_table_op(GNTTABOP_unmap_grant_ref, &op, 1);

    return rc ? (int16_t)(rc - 100) : op.status;
}
