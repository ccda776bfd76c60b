/* SPDX-License-Identifier: GPL-2.0-only */
/* Grant PTEs for PV host mappings: installed and removed only by the grant table (as Xen). */
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/boot-defs.h>
#include <asm/guest_access.h>
#include <asm/processor.h>
#include <asm/pv-mm.h>
#include <asm/pv-pte.h>

/* The PTE a grant map installs: P A D, NX, RW unless read-only, the guest's available bits. */
static uint64_t grant_pte(unsigned long mfn, uint32_t flags)
{
    static int nx = -1;

    if (nx < 0)
        nx = !!(rdmsr(MSR_EFER) & EFER_NXE);
    uint64_t e = ((uint64_t)mfn << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY |
                 (nx ? _PAGE_NX : 0) | (((uint64_t)(flags >> _GNTMAP_guest_avail0) & 7) << 9);
    if (!(flags & GNTMAP_readonly))
        e |= _PAGE_RW;
    return pte_adjust_guest(e, 1);      /* U: the guest kernel runs in ring 3 */
}

/* The slot a grant op names: @addr a guest virtual address (its L1 entry in the current
 * kernel tables) or, with contains_pte, an entry's machine address. The slot must be in a
 * validated L1 that @d owns; *l1 gets a reference. NULL if not. Caller holds d's mm_lock. */
static pte_t *grant_slot(struct domain *d, uint64_t addr, uint32_t flags, struct page_info **l1)
{
    uint64_t ma = addr;

    if (flags & GNTMAP_contains_pte) {
        if (addr & (sizeof(pte_t) - 1))
            return NULL;                /* misaligned: it would straddle two entries */
    } else {
        if (!is_canonical(addr) || !guest_range_ok(addr, 1))
            return NULL;
        ma = pv_guest_l1e_maddr(current, addr);
        if (!ma)
            return NULL;
    }
    unsigned long mfn = ma >> PAGE_SHIFT;
    if (!mfn_valid(mfn) || !get_page(mfn_to_page(mfn), d))
        return NULL;
    struct page_info *pg = mfn_to_page(mfn);
    unsigned long x = __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE);
    if ((x & PGT_type_mask) != PGT_l1_page_table || !(x & PGT_count_mask) ||
        !(x & PGT_validated) || (x & PGT_partial)) {
        put_page(pg);
        return NULL;
    }
    *l1 = pg;
    return (pte_t *)mfn_to_virt(mfn) + ((ma & (PAGE_SIZE - 1)) / sizeof(pte_t));
}

int16_t pv_grant_map_pte(struct domain *d, uint64_t addr, unsigned long mfn, uint32_t flags)
{
    struct page_info *l1;
    uint64_t old = 0;
    int16_t rc = GNTST_general_error;

    spin_lock(&d->arch.mm_lock);
    pte_t *slot = grant_slot(d, addr, flags, &l1);
    if (slot) {
        old = __atomic_exchange_n(slot, grant_pte(mfn, flags), __ATOMIC_SEQ_CST);
        put_page(l1);
        rc = GNTST_okay;
    }
    spin_unlock(&d->arch.mm_lock);
    pv_put_l1e(old);                    /* the entry replaced gives back what it held */
    return rc;
}

int16_t pv_grant_unmap_pte(struct domain *d, uint64_t addr, unsigned long mfn, uint32_t flags,
                           uint64_t new_addr)
{
    struct page_info *l1, *l1_new;
    uint64_t want = grant_pte(mfn, flags), new = 0;
    int16_t rc = GNTST_general_error;

    if (new_addr && (flags & GNTMAP_contains_pte))
        return rc;                      /* replacing needs virtual addresses */
    spin_lock(&d->arch.mm_lock);
    if (new_addr) {
        /* unmap_and_replace: new_addr's PTE (and the references it holds) moves to addr. */
        pte_t *from = grant_slot(d, new_addr, 0, &l1_new);
        if (!from)
            goto out;
        new = __atomic_exchange_n(from, 0, __ATOMIC_SEQ_CST);
        put_page(l1_new);
    }
    pte_t *slot = grant_slot(d, addr, flags, &l1);
    if (slot) {
        uint64_t old = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
        /* Only the grant's own mapping: same frame, same present/writable (A/D may differ). */
        while ((old & PTE_ADDR_MASK) == (want & PTE_ADDR_MASK) &&
               !((old ^ want) & (_PAGE_PRESENT | _PAGE_RW))) {
            if (__atomic_compare_exchange_n(slot, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_ACQUIRE)) {
                rc = GNTST_okay;
                break;
            }
        }
        put_page(l1);
    }
out:
    spin_unlock(&d->arch.mm_lock);
    if (rc)
        pv_put_l1e(new);                /* a stolen entry that found no home */
    return rc;
}
