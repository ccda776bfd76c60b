/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest top-level tables: the hypervisor's L4 slots, base pointers, pinning at build time. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/pv-mm.h>
#include <asm/pv-priv.h>
#include <asm/pv-pte.h>

#define RO_MPT_SLOT pt_index(RO_MPT_VIRT_START, L4_SHIFT)

extern pte_t m2p_ro_l4e;                /* pv/m2p.c: user-readable, read-only */

void init_guest_l4_table(pte_t *l4, const struct domain *d, bool user)
{
    /* Slots 257-271 as the hypervisor sees them (no _PAGE_USER: out of the guest's reach). */
    for (unsigned int i = HV_FIRST_L4_SLOT; i <= HV_LAST_L4_SLOT; i++)
        l4[i] = idle_pg_table[i] & ~_PAGE_USER;
    l4[RO_MPT_SLOT] = (user && (d->arch.vm_assist & (1UL << VMASST_TYPE_m2p_strict))) ? 0 : m2p_ro_l4e;
}

int pv_set_baseptr(struct vcpu *v, unsigned long mfn, bool user)
{
    struct domain *d = v->domain;
    unsigned long *slot = user ? &v->arch.guest_table_user : &v->arch.guest_table;
    unsigned long old = *slot;

    if (user && mfn == 0) {
        *slot = 0;
    } else {
        if (!mfn_valid(mfn) || !get_page(mfn_to_page(mfn), d))
            return -EINVAL;
        int rc = get_page_type_preemptible(mfn_to_page(mfn), PGT_l4_page_table);
        if (rc) {
            put_page(mfn_to_page(mfn));
            return rc;
        }
        if (user)
            init_guest_l4_table(mfn_to_virt(mfn), d, true);
        *slot = mfn;
    }
    /* Load the new table before the old one can lose its type. */
    if (v == current && v->arch.kernel_mode != user)
        pv_load_page_table(v);
    if (old)
        put_page_and_type(mfn_to_page(old));
    return 0;
}

int pv_pin_l4_and_set_baseptr(struct vcpu *v, unsigned long l4_mfn)
{
    struct domain *d = v->domain;
    struct page_info *pg = mfn_to_page(l4_mfn);
    int rc;

    if (!mfn_valid(l4_mfn) || !get_page(pg, d))
        return -EINVAL;
    rc = get_page_type(pg, PGT_l4_page_table);
    if (rc) {
        put_page(pg);
        return rc;
    }
    __atomic_fetch_or(&pg->type_info, PGT_pinned, __ATOMIC_SEQ_CST);
    spin_lock(&d->arch.mm_lock);
    rc = pv_set_baseptr(v, l4_mfn, false);
    spin_unlock(&d->arch.mm_lock);
    return rc;
}
