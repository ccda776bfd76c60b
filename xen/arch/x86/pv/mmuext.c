/* SPDX-License-Identifier: GPL-2.0-only */
/* mmuext_op: pinning, base pointers, TLB and cache flushes, the LDT, page copy and clear. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/string.h>
#include <asm/guest_access.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/pv-mm.h>
#include <asm/pv-pte.h>

#define LDT_MAX_ENTS 8192                   /* 64 KiB of descriptors */

int vcpumask_to_pcpumask(const struct domain *d, unsigned long bmap, cpumask_t *mask);
/* Loads v's LDT from ldt_base/ldt_ents (pv/descriptor-tables.c). */
void pv_load_ldt(struct vcpu *v);

static void wbinvd_fn(void *unused) { __asm__ volatile("wbinvd" ::: "memory"); }

static int pin_table(struct domain *pg_owner, unsigned long mfn, unsigned long type)
{
    struct page_info *pg = mfn_to_page(mfn);
    if (!mfn_valid(mfn) || !get_page(pg, pg_owner))
        return -EINVAL;
    int rc = get_page_type_preemptible(pg, type);
    if (rc) {
        put_page(pg);
        return rc;
    }
    if (__atomic_fetch_or(&pg->type_info, PGT_pinned, __ATOMIC_SEQ_CST) & PGT_pinned) {
        put_page_and_type(pg);          /* already pinned */
        return -EINVAL;
    }
    /* A foreign owner being destroyed: its teardown may have passed this frame, so the pin
     * would never go. Xen drops it again (and reports success). */
    if (pg_owner != current->domain &&
        __atomic_load_n(&pg_owner->is_dying, __ATOMIC_SEQ_CST) != DOMDYING_alive &&
        (__atomic_fetch_and(&pg->type_info, ~PGT_pinned, __ATOMIC_SEQ_CST) & PGT_pinned))
        put_page_and_type(pg);
    return 0;
}

static int unpin_table(struct domain *pg_owner, unsigned long mfn)
{
    struct page_info *pg = mfn_to_page(mfn);
    if (!mfn_valid(mfn) || !get_page(pg, pg_owner))
        return -EINVAL;
    int rc = -EINVAL;
    if (__atomic_fetch_and(&pg->type_info, ~PGT_pinned, __ATOMIC_SEQ_CST) & PGT_pinned) {
        put_page_and_type(pg);          /* the pin's references */
        rc = 0;
    }
    put_page(pg);
    return rc;
}

/* COPY_PAGE / CLEAR_PAGE: the destination must be able to become a writable page. */
static int copy_or_clear(struct domain *d, unsigned long dst, unsigned long src, bool copy)
{
    struct page_info *dpg = mfn_to_page(dst), *spg = mfn_to_page(src);
    if (!mfn_valid(dst) || get_page_and_type(dpg, d, PGT_writable_page))
        return -EINVAL;
    int rc = 0;
    if (!copy)
        memset(mfn_to_virt(dst), 0, PAGE_SIZE);
    else if (!mfn_valid(src) || !get_page(spg, d))
        rc = -EINVAL;
    else {
        memcpy(mfn_to_virt(dst), mfn_to_virt(src), PAGE_SIZE);
        put_page(spg);
    }
    put_page_and_type(dpg);
    return rc;
}

static int set_ldt(struct vcpu *v, unsigned long base, unsigned int ents)
{
    if (ents > LDT_MAX_ENTS || (base & (PAGE_SIZE - 1)) ||
        (ents && !guest_range_ok(base, (unsigned long)ents * 8)))
        return -EINVAL;
    v->arch.ldt_base = ents ? base : 0;
    v->arch.ldt_ents = ents;
    pv_load_ldt(v);
    return 0;
}

static int mmuext_one(struct vcpu *v, struct domain *pg_owner, const struct mmuext_op *op)
{
    struct domain *d = v->domain;
    cpumask_t mask = { 0 };
    int rc;

    switch (op->cmd) {
    case MMUEXT_PIN_L1_TABLE:
    case MMUEXT_PIN_L2_TABLE:
    case MMUEXT_PIN_L3_TABLE:
    case MMUEXT_PIN_L4_TABLE:
        return pin_table(pg_owner, op->arg1.mfn, PT_TYPE(op->cmd - MMUEXT_PIN_L1_TABLE + 1));
    case MMUEXT_UNPIN_TABLE:
        return unpin_table(pg_owner, op->arg1.mfn);
    case MMUEXT_NEW_BASEPTR:
    case MMUEXT_NEW_USER_BASEPTR:
        if (pg_owner != d)
            return -EPERM;
        return pv_set_baseptr(v, op->arg1.mfn, op->cmd == MMUEXT_NEW_USER_BASEPTR);
    case MMUEXT_TLB_FLUSH_LOCAL:
        flush_tlb_local();
        return 0;
    case MMUEXT_INVLPG_LOCAL:
        if (guest_range_ok(op->arg1.linear_addr, 1))
            __asm__ volatile("invlpg (%0)" :: "r"(op->arg1.linear_addr) : "memory");
        return 0;
    case MMUEXT_TLB_FLUSH_MULTI:
    case MMUEXT_INVLPG_MULTI:
        rc = vcpumask_to_pcpumask(d, (unsigned long)op->arg2.vcpumask, &mask);
        if (!rc)
            flush_tlb_mask(&mask);
        return rc;
    case MMUEXT_TLB_FLUSH_ALL:
    case MMUEXT_INVLPG_ALL:
        domain_flush_tlb(d);
        return 0;
    case MMUEXT_FLUSH_CACHE:
    case MMUEXT_FLUSH_CACHE_GLOBAL:
        if (!d->is_privileged)
            return op->cmd == MMUEXT_FLUSH_CACHE ? -EACCES : -EINVAL;   /* Xen's errnos */
        if (op->cmd == MMUEXT_FLUSH_CACHE)
            wbinvd_fn(NULL);
        else
            on_selected_cpus(&cpu_online_map, wbinvd_fn, NULL, true);
        return 0;
    case MMUEXT_SET_LDT:
        if (pg_owner != d)
            return -EPERM;
        return set_ldt(v, op->arg1.linear_addr, op->arg2.nr_ents);
    case MMUEXT_CLEAR_PAGE:
        return copy_or_clear(d, op->arg1.mfn, 0, false);
    case MMUEXT_COPY_PAGE:
        return copy_or_clear(d, op->arg1.mfn, op->arg2.src_mfn, true);
    default:
        return -ENOSYS;
    }
}

struct mmuext_ctx {
    struct vcpu *v;
    struct domain *pg_owner;
};

static int mmuext_batch_one(const void *op, void *c)
{
    struct mmuext_ctx *ctx = c;
    return mmuext_one(ctx->v, ctx->pg_owner, op);
}

long do_mmuext_op(unsigned long uops, unsigned int count, unsigned long pdone, unsigned int foreigndom)
{
    struct mmuext_ctx ctx = { .v = current };
    unsigned int done;
    int rc = pv_batch_resume(&count, pdone, &done);

    if (rc)
        return rc;
    ctx.pg_owner = pv_get_pg_owner(foreigndom, &rc);
    if (!ctx.pg_owner)
        return rc;
    long ret = pv_batch_run(ctx.v->domain, uops, count, done, pdone, foreigndom,
                            sizeof(struct mmuext_op), mmuext_batch_one, &ctx);
    put_domain(ctx.pg_owner);
    return ret;
}
