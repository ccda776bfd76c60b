/* SPDX-License-Identifier: GPL-2.0-only */
/* GNTTABOP_copy: the hypervisor copies between grant references and the caller's own frames. */
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/pv-mm.h>

/* One end of a copy while it is claimed: a pinned grant or one of our frames, referenced. */
struct copy_end {
    struct domain *d;
    unsigned long mfn;
    bool locked, pinned, referenced, typed, readonly;
    grant_ref_t ref;
};

/* Any domain may be named with a grant reference (the grant entry is the permission);
 * frames only as DOMID_SELF. */
static int16_t copy_domain(const struct gnttab_copy_ptr *p, bool is_gref, struct copy_end *c)
{
    struct domain *curr = current->domain;

    if (p->domid != DOMID_SELF && !is_gref)
        return GNTST_permission_denied;
    if (p->domid == DOMID_SELF)
        c->d = get_domain(curr) ? curr : NULL;
    else if (p->domid < DOMID_FIRST_RESERVED)
        c->d = get_domain_by_id(p->domid);
    if (!c->d)
        return GNTST_bad_domain;
    c->locked = true;                   /* release() drops the reference */
    if (!c->d->grant_table || (c->d != curr && c->d->is_dying))
        return GNTST_bad_domain;
    return GNTST_okay;
}

static int16_t claim(const struct gnttab_copy_ptr *p, bool is_gref, struct copy_end *c)
{
    if (is_gref) {
        int16_t rc = gnttab_pin(c->d, p->u.ref, current->domain->domain_id,
                                c->readonly ? PIN_HSTR : PIN_HSTW, false, &c->mfn);
        if (rc)
            return rc;
        c->pinned = c->referenced = true;
        c->ref = p->u.ref;
    } else {
        c->mfn = p->u.gmfn;
        if (!mfn_valid(c->mfn) || !get_page(mfn_to_page(c->mfn), c->d))
            return GNTST_bad_page;
        c->referenced = true;
    }
    if (!c->readonly) {
        if (get_page_type(mfn_to_page(c->mfn), PGT_writable_page))
            return GNTST_general_error;     /* a page table or descriptor page: never written */
        c->typed = true;
    }
    return GNTST_okay;
}

static void release(struct copy_end *c)
{
    if (c->typed)
        put_page_type(mfn_to_page(c->mfn));
    if (c->referenced)
        put_page(mfn_to_page(c->mfn));
    if (c->pinned)
        gnttab_unpin(c->d, c->ref, c->readonly ? PIN_HSTR : PIN_HSTW);
    if (c->locked)
        put_domain(c->d);
}

static int16_t copy_one(const struct gnttab_copy *op)
{
    struct copy_end src = { .readonly = true }, dst = { .readonly = false };
    bool sg = op->flags & GNTCOPY_source_gref, dg = op->flags & GNTCOPY_dest_gref;
    int16_t rc;

    /* Xen's order: both domains, both ends, then the bounds. */
    if (!(rc = copy_domain(&op->source, sg, &src)) && !(rc = copy_domain(&op->dest, dg, &dst)) &&
        !(rc = claim(&op->source, sg, &src)) && !(rc = claim(&op->dest, dg, &dst))) {
        if (op->source.offset + op->len > PAGE_SIZE || op->dest.offset + op->len > PAGE_SIZE)
            rc = GNTST_bad_copy_arg;
        else
            memcpy((uint8_t *)mfn_to_virt(dst.mfn) + op->dest.offset,
                   (const uint8_t *)mfn_to_virt(src.mfn) + op->source.offset, op->len);
    }
    release(&dst);
    release(&src);
    return rc;
}

static void copy_op(void *op)
{
    struct gnttab_copy *c = op;
    c->status = copy_one(c);
}

long gnttab_copy_batch(unsigned long uop, unsigned int count)
{
    return gnttab_each(uop, count, sizeof(struct gnttab_copy), offsetof(struct gnttab_copy, status),
                       sizeof(int16_t), copy_op);
}
