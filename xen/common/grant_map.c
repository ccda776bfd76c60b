/* SPDX-License-Identifier: GPL-2.0-only */
/* GNTTABOP_map_grant_ref, unmap_grant_ref and unmap_and_replace: PV host and device mappings. */
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/pv-mm.h>

#define UNMAP_BATCH 32                  /* unmaps between TLB flushes, as Xen */

/*
 * References (docs/design/grant-tables.md): the pin gives one general reference; a device
 * mapping keeps one (plus a writable type reference if writable) in the maptrack entry; a
 * host mapping's reference (and writable type reference) belongs to its PTE, exactly like
 * any L1 entry's, so whoever removes the PTE - unmap, mmu_update, page-table teardown -
 * drops it once.
 */
static int16_t map_one(struct gnttab_map_grant_ref *op)
{
    struct domain *ld = current->domain, *rd;
    struct grant_table *lgt = ld->grant_table;
    uint32_t flags = op->flags;
    bool ro = flags & GNTMAP_readonly, dev = flags & GNTMAP_device_map, host = flags & GNTMAP_host_map;
    unsigned int refs = 1, types = 0;
    unsigned long mfn;
    int16_t rc;

    if (!dev && !host)
        return GNTST_bad_gntref;
    rd = op->dom < DOMID_FIRST_RESERVED ? get_domain_by_id(op->dom) : NULL;
    if (!rd)
        return GNTST_bad_domain;
    grant_handle_t h = MAPTRACK_NONE;
    uint32_t inc = (dev ? (ro ? PIN_DEVR : PIN_DEVW) : 0) + (host ? (ro ? PIN_HSTR : PIN_HSTW) : 0);
    if (!rd->grant_table || rd->is_dying)
        rc = GNTST_bad_domain;
    else if ((h = maptrack_get(lgt)) == MAPTRACK_NONE)
        rc = GNTST_no_space;            /* Xen 4.17: out of maptrack handles */
    else
        rc = gnttab_pin(rd, op->ref, ld->domain_id, inc, true, &mfn);
    if (rc) {
        if (h != MAPTRACK_NONE)
            maptrack_put(lgt, h);
        put_domain(rd);
        return rc;
    }
    struct page_info *pg = mfn_to_page(mfn);
    rc = GNTST_general_error;
    if (dev && !ro) {
        if (get_page_type(pg, PGT_writable_page))
            goto undo;
        types++;
    }
    if (host) {
        if (dev) {
            if (!get_page(pg, rd))
                goto undo;
            refs++;
        }
        if (!ro) {
            if (get_page_type(pg, PGT_writable_page))
                goto undo;
            types++;
        }
        rc = pv_grant_map_pte(ld, op->host_addr, mfn, flags);
        if (rc)
            goto undo;
    }
    struct maptrack_entry *m = maptrack_entry(lgt, h);
    m->ref = op->ref;
    m->domid = rd->domain_id;
    m->serial = rd->grant_table->serial;
    __atomic_store_n(&m->flags, (uint16_t)flags, __ATOMIC_RELEASE);     /* last: the entry is live */
    op->dev_bus_addr = (uint64_t)mfn << PAGE_SHIFT;
    op->handle = h;
    put_domain(rd);                     /* the frame references keep the granter from here on */
    return GNTST_okay;

undo:
    while (types--)
        put_page_type(pg);
    while (refs--)
        put_page(pg);
    gnttab_unpin(rd, op->ref, inc);
    maptrack_put(lgt, h);
    put_domain(rd);
    return rc;
}

static void map_op(void *op)
{
    struct gnttab_map_grant_ref *m = op;
    m->status = map_one(m);
}

long gnttab_map_batch(unsigned long uop, unsigned int count)
{
    /* The whole element goes back: handle and dev_bus_addr too. */
    return gnttab_each(uop, count, sizeof(struct gnttab_map_grant_ref), 0,
                       sizeof(struct gnttab_map_grant_ref), map_op);
}

/* What an unmap took away, to be released after the TLB flush. */
struct unmap_done {
    struct domain *rd;
    grant_ref_t ref;
    unsigned long mfn;
    uint16_t done;                      /* GNTMAP_host_map / device_map (| readonly) */
};

static int16_t unmap_one(uint64_t host_addr, uint64_t dev_bus_addr, uint64_t new_addr,
                         grant_handle_t h, struct unmap_done *out)
{
    struct domain *ld = current->domain;
    struct grant_table *lgt = ld->grant_table;

    out->done = 0;
    out->rd = NULL;
    if (h >= __atomic_load_n(&lgt->maptrack_limit, __ATOMIC_ACQUIRE))
        return GNTST_bad_handle;
    struct maptrack_entry *m = maptrack_entry(lgt, h);
    uint16_t flags = __atomic_load_n(&m->flags, __ATOMIC_ACQUIRE);
    if (!flags)
        return GNTST_bad_handle;
    struct domain *rd = get_domain_by_id(m->domid);
    if (!rd || !rd->grant_table || rd->grant_table->serial != m->serial) {
        /* The granter is gone, and its pins with it: the mapping holds nothing any more. */
        if (rd)
            put_domain(rd);
        if (__atomic_exchange_n(&m->flags, 0, __ATOMIC_SEQ_CST))
            maptrack_put(lgt, h);
        return GNTST_bad_handle;
    }
    struct grant_table *rgt = rd->grant_table;
    int16_t rc = GNTST_okay;

    /* The granter's table lock keeps a racing unmap of the same handle out. */
    spin_lock(&rgt->lock);
    flags = m->flags;
    grant_ref_t ref = m->ref;
    if (!flags || m->domid != rd->domain_id || m->serial != rgt->serial || ref >= gnttab_nr_entries(rgt)) {
        spin_unlock(&rgt->lock);
        put_domain(rd);
        return GNTST_bad_handle;
    }
    unsigned long mfn = gnttab_active(rgt, ref)->mfn;
    uint16_t ro = flags & GNTMAP_readonly;
    if (dev_bus_addr && dev_bus_addr != (uint64_t)mfn << PAGE_SHIFT)
        rc = GNTST_general_error;
    if (!rc && host_addr && (flags & GNTMAP_host_map)) {
        rc = pv_grant_unmap_pte(ld, host_addr, mfn, flags, new_addr);
        if (!rc) {
            m->flags &= ~GNTMAP_host_map;
            out->done |= GNTMAP_host_map | ro;
        }
    }
    if (!rc && dev_bus_addr && (flags & GNTMAP_device_map)) {
        m->flags &= ~GNTMAP_device_map;
        out->done |= GNTMAP_device_map | ro;
    }
    bool free = !(m->flags & (GNTMAP_host_map | GNTMAP_device_map));
    if (free)
        m->flags = 0;
    spin_unlock(&rgt->lock);
    if (free)
        maptrack_put(lgt, h);
    out->rd = rd;                       /* its reference goes in unmap_complete() */
    out->ref = ref;
    out->mfn = mfn;
    return rc;
}

/* After the flush: the references the mapping held, then its pins. */
static void unmap_complete(const struct unmap_done *d)
{
    struct page_info *pg = mfn_to_page(d->mfn);
    bool ro = d->done & GNTMAP_readonly;
    uint32_t dec = 0;

    if (!d->done) {
        if (d->rd)
            put_domain(d->rd);
        return;
    }
    for (uint16_t kind = GNTMAP_device_map; kind <= GNTMAP_host_map; kind <<= 1) {
        if (!(d->done & kind))
            continue;
        if (ro)
            put_page(pg);
        else
            put_page_and_type(pg);
        dec += kind == GNTMAP_device_map ? (ro ? PIN_DEVR : PIN_DEVW) : (ro ? PIN_HSTR : PIN_HSTW);
    }
    gnttab_unpin(d->rd, d->ref, dec);
    put_domain(d->rd);
}

long gnttab_unmap_batch(unsigned long uop, unsigned int count, bool replace)
{
    size_t size = replace ? sizeof(struct gnttab_unmap_and_replace) : sizeof(struct gnttab_unmap_grant_ref);
    size_t status_at = replace ? offsetof(struct gnttab_unmap_and_replace, status)
                               : offsetof(struct gnttab_unmap_grant_ref, status);
    struct unmap_done done[UNMAP_BATCH];
    unsigned int i = 0;

    while (i < count) {
        unsigned int n = count - i < UNMAP_BATCH ? count - i : UNMAP_BATCH, k = 0;
        long rc = 0;
        for (; k < n; k++) {
            unsigned long at = uop + (unsigned long)(i + k) * size;
            union {
                struct gnttab_unmap_grant_ref u;
                struct gnttab_unmap_and_replace r;
            } op;
            if (copy_from_guest(&op, at, size)) {
                rc = -EFAULT;
                break;
            }
            int16_t st = replace ? unmap_one(op.r.host_addr, 0, op.r.new_addr, op.r.handle, &done[k])
                                 : unmap_one(op.u.host_addr, op.u.dev_bus_addr, 0, op.u.handle, &done[k]);
            if (copy_to_guest(at + status_at, &st, sizeof(st))) {
                rc = -EFAULT;
                k++;
                break;
            }
        }
        /* No stale translation may outlive the references below (and the ABI promises it). */
        domain_flush_tlb(current->domain);
        for (unsigned int j = 0; j < k; j++)
            unmap_complete(&done[j]);
        if (rc)
            return rc;
        i += n;
        if (i < count && hypercall_preempt_check())
            return i;
    }
    return 0;
}
