/* SPDX-License-Identifier: GPL-2.0-only */
/* mmu_update and update_va_mapping: checked writes of guest page-table entries, with flushes. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <asm/guest_access.h>
#include <asm/processor.h>
#include <asm/pv-mm.h>
#include <asm/pv-pte.h>

void domain_flush_tlb(const struct domain *d)
{
    /* vCPUs move between CPUs and leave translations behind: flush every CPU. */
    flush_tlb_mask(&cpu_online_map);
}

struct domain *pv_get_pg_owner(domid_t domid, int *rc)
{
    struct domain *curr = current->domain, *d;

    if (domid == DOMID_SELF || domid == curr->domain_id ||
        (domid == DOMID_IO && curr->is_privileged)) {   /* MMIO rules are the privileged domain's own */
        BUG_ON(!get_domain(curr));      /* running, so alive */
        return curr;
    }
    if (!curr->is_privileged) {
        *rc = domid >= DOMID_FIRST_RESERVED ? -ESRCH : -EPERM;
        return NULL;
    }
    d = domid < DOMID_FIRST_RESERVED ? get_domain_by_id(domid) : NULL;
    if (!d)
        *rc = -ESRCH;
    return d;
}

/* Machine address of the L1 entry mapping @va in @v's kernel tables; 0 if there is none. */
uint64_t pv_guest_l1e_maddr(const struct vcpu *v, unsigned long va)
{
    unsigned long mfn = v->arch.guest_table;

    for (unsigned int shift = L4_SHIFT; mfn && shift > L1_SHIFT; shift -= 9) {
        pte_t e = ((pte_t *)mfn_to_virt(mfn))[pt_index(va, shift)];
        if (!(e & _PAGE_PRESENT) || (e & _PAGE_PSE))
            return 0;
        mfn = (e & PTE_ADDR_MASK) >> PAGE_SHIFT;
    }
    return mfn ? ((uint64_t)mfn << PAGE_SHIFT) + pt_index(va, L1_SHIFT) * sizeof(pte_t) : 0;
}

int vcpumask_to_pcpumask(const struct domain *d, unsigned long bmap, cpumask_t *mask)
{
    for (unsigned int base = 0; base < d->max_vcpus; base += 64) {
        unsigned long word;
        if (copy_from_guest(&word, bmap + base / 8, sizeof(word)))
            return -EFAULT;
        for (unsigned int i = 0; i < 64 && base + i < d->max_vcpus; i++)
            if ((word >> i) & 1 && d->vcpu[base + i])
                cpumask_set_cpu(d->vcpu[base + i]->processor, mask);
    }
    return 0;
}

/* UVMF_* flags: flush type in bits 0-1, then LOCAL (0), ALL (4) or a vCPU-bitmap pointer. */
static int uvmf_flush(struct domain *d, unsigned long va, unsigned long flags)
{
    unsigned long kind = flags & UVMF_FLUSHTYPE_MASK, target = flags & ~UVMF_FLUSHTYPE_MASK;
    cpumask_t mask = { 0 };

    if (kind != UVMF_TLB_FLUSH && kind != UVMF_INVLPG)
        return 0;                       /* none, or the undefined type 3: the mask is not read */
    if (target == UVMF_LOCAL) {
        if (kind == UVMF_INVLPG)
            __asm__ volatile("invlpg (%0)" :: "r"(va) : "memory");
        else
            flush_tlb_local();
        return 0;
    }
    if (target == UVMF_ALL) {
        domain_flush_tlb(d);
        return 0;
    }
    int rc = vcpumask_to_pcpumask(d, target, &mask);
    if (!rc)
        flush_tlb_mask(&mask);
    return rc;
}

static long update_va_mapping(unsigned long va, uint64_t val, unsigned long flags, struct domain *pg_owner)
{
    struct vcpu *v = current;
    struct domain *d = v->domain;
    long rc = -EINVAL;

    if (!guest_range_ok(va, 1))
        return -EINVAL;
    spin_lock(&d->arch.mm_lock);
    uint64_t ma = pv_guest_l1e_maddr(v, va);
    if (ma && (mfn_to_page(ma >> PAGE_SHIFT)->type_info & PGT_type_mask) == PGT_l1_page_table)
        rc = pv_mod_pt_entry(d, ma, val, pg_owner, false);
    spin_unlock(&d->arch.mm_lock);
    return rc ? rc : uvmf_flush(d, va, flags);
}

long do_update_va_mapping(unsigned long va, uint64_t val, unsigned long flags)
{
    return update_va_mapping(va, val, flags, current->domain);
}

long do_update_va_mapping_otherdomain(unsigned long va, uint64_t val, unsigned long flags, domid_t domid)
{
    int rc = 0;
    struct domain *d = current->domain, *pg_owner;

    /* Xen's order: ourselves by number or an unknown domain -ESRCH, then XSM's -EPERM. */
    if (domid != DOMID_SELF && domid == d->domain_id)
        return -ESRCH;
    if (domid != DOMID_SELF && !d->is_privileged)
        return domid < DOMID_FIRST_RESERVED && !domain_exists(domid) ? -ESRCH : -EPERM;
    pg_owner = pv_get_pg_owner(domid, &rc);
    if (!pg_owner)
        return rc;
    rc = update_va_mapping(va, val, flags, pg_owner);
    put_domain(pg_owner);
    return rc;
}

static int machphys_update(uint64_t ptr, uint64_t pfn, struct domain *pg_owner)
{
    unsigned long mfn = ptr >> PAGE_SHIFT;
    if (!mfn_valid(mfn) || !get_page(mfn_to_page(mfn), pg_owner))
        return -EINVAL;
    set_gpfn_from_mfn(mfn, pfn);
    put_page(mfn_to_page(mfn));
    return 0;
}

struct mmu_update_ctx {
    struct domain *d, *pg_owner;
};

static int mmu_update_one(const void *r, void *c)
{
    const struct mmu_update *req = r;
    struct mmu_update_ctx *ctx = c;

    switch (req->ptr & (sizeof(pte_t) - 1)) {
    case MMU_NORMAL_PT_UPDATE:
    case MMU_PT_UPDATE_PRESERVE_AD:
    case MMU_PT_UPDATE_NO_TRANSLATE:
        return pv_mod_pt_entry(ctx->d, req->ptr & ~(uint64_t)7, req->val, ctx->pg_owner,
                               (req->ptr & 7) == MMU_PT_UPDATE_PRESERVE_AD);
    case MMU_MACHPHYS_UPDATE:
        return machphys_update(req->ptr, req->val, ctx->pg_owner);
    default:
        return -ENOSYS;
    }
}

long do_mmu_update(unsigned long ureqs, unsigned int count, unsigned long pdone, unsigned int foreigndom)
{
    struct mmu_update_ctx ctx = { .d = current->domain };
    unsigned int done;
    int rc = pv_batch_resume(&count, pdone, &done);

    if (rc)
        return rc;
    if (!guest_range_ok(ureqs, 0))
        return -EFAULT;                 /* a list starting in the hole, even an empty one (as Xen) */
    if ((foreigndom >> 16) && (foreigndom >> 16) - 1 != ctx.d->domain_id)
        return -EINVAL;                 /* page tables of other domains: not supported */
    ctx.pg_owner = pv_get_pg_owner(foreigndom & 0xffff, &rc);
    if (!ctx.pg_owner)
        return rc;
    long ret = pv_batch_run(ctx.d, ureqs, count, done, pdone, foreigndom, sizeof(struct mmu_update),
                            mmu_update_one, &ctx);
    put_domain(ctx.pg_owner);
    return ret;
}
