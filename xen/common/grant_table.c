/* SPDX-License-Identifier: GPL-2.0-only */
/* Grant tables v1: per-domain tables, pins, maptrack, setup/query/version ops and the dispatcher. */
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/pv-mm.h>

static unsigned int opt_max_frames = 64, opt_max_maptrack_frames = 1024;   /* Xen 4.17's defaults */
integer_param("gnttab_max_frames", opt_max_frames);
integer_param("gnttab_max_maptrack_frames", opt_max_maptrack_frames);

#define CMD_MASK ((1u << 12) - 1)       /* bits above: continuation state, cache_flush only */
#define SET_STATUS_TRIES 5              /* a guest racing our cmpxchg cannot livelock us */

static uint32_t next_serial = 1;

/* Domain references (docs/design/domain-lifecycle.md): every lookup here is paired with
 * put_domain(). */

/* ---- tables ---- */

static int grow(struct domain *d, struct grant_table *gt, unsigned int want)
{
    for (unsigned int i = gt->nr_frames; i < want; i++) {
        void *sh = alloc_xenheap_page(), *a0 = alloc_xenheap_page(), *a1 = alloc_xenheap_page();
        if (!sh || !a0 || !a1) {
            if (sh) free_xenheap_page(sh);
            if (a0) free_xenheap_page(a0);
            if (a1) free_xenheap_page(a1);
            return -ENOMEM;
        }
        memset(sh, 0, PAGE_SIZE);
        memset(a0, 0, PAGE_SIZE);
        memset(a1, 0, PAGE_SIZE);
        gt->active[2 * i] = a0;
        gt->active[2 * i + 1] = a1;
        gt->shared[i] = sh;
        set_gpfn_from_mfn(virt_to_mfn(sh), INVALID_M2P_ENTRY);
        share_xen_page_with_guest(mfn_to_page(virt_to_mfn(sh)), d);
        __atomic_store_n(&gt->nr_frames, i + 1, __ATOMIC_RELEASE);
    }
    return 0;
}

int gnttab_init(struct domain *d)
{
    struct grant_table *gt = xzalloc(struct grant_table);
    unsigned int max = opt_max_frames ? opt_max_frames : 1;

    if (!gt)
        return -ENOMEM;
    spin_lock_init(&gt->lock);
    spin_lock_init(&gt->maptrack_lock);
    gt->max_frames = max;
    gt->max_maptrack_frames = opt_max_maptrack_frames;
    gt->maptrack_free = MAPTRACK_NONE;
    gt->serial = __atomic_fetch_add(&next_serial, 1, __ATOMIC_RELAXED);
    gt->shared = xzalloc_array(grant_entry_v1_t *, max);
    gt->active = xzalloc_array(struct active_grant *, 2 * max);
    gt->maptrack = xzalloc_array(struct maptrack_entry *, gt->max_maptrack_frames + 1);
    d->grant_table = gt;
    if (!gt->shared || !gt->active || !gt->maptrack || grow(d, gt, 1)) {
        gnttab_destroy(d);
        return -ENOMEM;
    }
    return 0;
}

void gnttab_destroy(struct domain *d)
{
    struct grant_table *gt = d->grant_table;

    if (!gt)
        return;
    d->grant_table = NULL;
    for (unsigned int i = 0; i < gt->nr_frames; i++) {
        struct page_info *pg = mfn_to_page(virt_to_mfn(gt->shared[i]));
        /* Released frames have no reference left; unreleased ones (a failed create) only the
         * sharing one. A frame still mapped somewhere is kept. */
        unsigned long refs = pg->count_info & PGC_count_mask;
        if (refs == 0 || (refs == 1 && !gt->released)) {
            pg->count_info &= ~PGC_count_mask;
            pg->u.owner = NULL;
            free_xenheap_page(gt->shared[i]);
        } else {
            printk(XENLOG_WARNING "grant table of domain %u: frame %lx still referenced, kept\n",
                   d->domain_id, page_to_mfn(pg));
        }
        free_xenheap_page(gt->active[2 * i]);
        free_xenheap_page(gt->active[2 * i + 1]);
    }
    for (unsigned int i = 0; i * MAPTRACK_PER_PAGE < gt->maptrack_limit; i++)
        xfree(gt->maptrack[i]);
    xfree(gt->shared);
    xfree(gt->active);
    xfree(gt->maptrack);
    xfree(gt);
}

/* ---- pins ---- */

/* Set GTF_reading (and GTF_writing) in the shared entry, checking type and grantee if unpinned. */
static int16_t set_status(grant_entry_v1_t *e, const struct active_grant *act, domid_t ld,
                          bool readonly, bool map)
{
    uint32_t *raw = (uint32_t *)e, old = __atomic_load_n(raw, __ATOMIC_ACQUIRE);
    uint16_t mask = GTF_type_mask | (map ? GTF_sub_page : 0);

    for (unsigned int tries = 0; tries < SET_STATUS_TRIES; tries++) {
        uint16_t flags = old & 0xffff;
        domid_t domid = old >> 16;
        if (!act->pin && ((flags & mask) != GTF_permit_access || domid != ld))
            return GNTST_general_error;
        if (!readonly && (flags & GTF_readonly))
            return GNTST_general_error;
        uint32_t new = old | GTF_reading | (readonly ? 0 : GTF_writing);
        if (__atomic_compare_exchange_n(raw, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_ACQUIRE))
            return GNTST_okay;
    }
    return GNTST_general_error;         /* the entry keeps changing under us */
}

static void clear_status(struct grant_table *gt, grant_ref_t ref, const struct active_grant *act,
                         bool writer_gone)
{
    uint16_t clear = (writer_gone && !(act->pin & PIN_WRITERS) ? GTF_writing : 0) |
                     (!act->pin ? GTF_reading : 0);
    if (clear)
        __atomic_fetch_and(&gnttab_shared_entry(gt, ref)->flags, (uint16_t)~clear, __ATOMIC_SEQ_CST);
}

int16_t gnttab_pin(struct domain *rd, grant_ref_t ref, domid_t ld, uint32_t inc, bool map,
                   unsigned long *mfn)
{
    struct grant_table *gt = rd->grant_table;
    bool writer = inc & PIN_WRITERS;
    int16_t rc = GNTST_okay;

    spin_lock(&gt->lock);
    if (ref >= gnttab_nr_entries(gt)) {
        spin_unlock(&gt->lock);
        return GNTST_bad_gntref;
    }
    struct active_grant *act = gnttab_active(gt, ref);
    grant_entry_v1_t *e = gnttab_shared_entry(gt, ref);
    if (act->pin && (act->domid != ld || (act->pin & PIN_OVERFLOW))) {
        spin_unlock(&gt->lock);
        return GNTST_general_error;
    }
    unsigned long frame = act->mfn;
    if (!act->pin || (writer && !(act->pin & PIN_WRITERS))) {
        rc = set_status(e, act, ld, !writer, map);
        if (rc) {
            spin_unlock(&gt->lock);
            return rc;
        }
        if (!act->pin)
            frame = __atomic_load_n(&e->frame, __ATOMIC_RELAXED);
    }
    /* The caller's reference: the frame must still be the granter's. */
    if (!mfn_valid(frame) || !get_page(mfn_to_page(frame), rd)) {
        rc = act->pin ? GNTST_general_error : GNTST_bad_page;
        clear_status(gt, ref, act, writer);
        spin_unlock(&gt->lock);
        return rc;
    }
    if (!act->pin) {
        act->domid = ld;
        act->mfn = frame;
    }
    act->pin += inc;
    *mfn = frame;
    spin_unlock(&gt->lock);
    return GNTST_okay;
}

void gnttab_unpin(struct domain *rd, grant_ref_t ref, uint32_t dec)
{
    struct grant_table *gt = rd->grant_table;

    spin_lock(&gt->lock);
    struct active_grant *act = gnttab_active(gt, ref);
    BUG_ON(act->pin < dec);
    act->pin -= dec;
    clear_status(gt, ref, act, dec & PIN_WRITERS);
    spin_unlock(&gt->lock);
}

/* ---- maptrack ---- */

grant_handle_t maptrack_get(struct grant_table *lgt)
{
    grant_handle_t h = MAPTRACK_NONE;

    spin_lock(&lgt->maptrack_lock);
    if (lgt->maptrack_free == MAPTRACK_NONE &&
        lgt->maptrack_limit / MAPTRACK_PER_PAGE < lgt->max_maptrack_frames) {
        struct maptrack_entry *page = xzalloc_array(struct maptrack_entry, MAPTRACK_PER_PAGE);
        if (page) {
            unsigned int base = lgt->maptrack_limit;
            for (unsigned int i = 0; i < MAPTRACK_PER_PAGE; i++)
                page[i].ref = i + 1 < MAPTRACK_PER_PAGE ? base + i + 1 : MAPTRACK_NONE;
            lgt->maptrack[base / MAPTRACK_PER_PAGE] = page;
            lgt->maptrack_free = base;
            __atomic_store_n(&lgt->maptrack_limit, base + MAPTRACK_PER_PAGE, __ATOMIC_RELEASE);
        }
    }
    /* As Xen 4.17, whose per-vCPU free lists keep their last entry as the tail: the last free
     * handle of a full table is never handed out (a one-vCPU domain gets frames * 256 - 1). */
    if (lgt->maptrack_free != MAPTRACK_NONE &&
        (maptrack_entry(lgt, lgt->maptrack_free)->ref != MAPTRACK_NONE ||
         lgt->maptrack_limit / MAPTRACK_PER_PAGE < lgt->max_maptrack_frames)) {
        h = lgt->maptrack_free;
        lgt->maptrack_free = maptrack_entry(lgt, h)->ref;
    }
    spin_unlock(&lgt->maptrack_lock);
    return h;
}

void maptrack_put(struct grant_table *lgt, grant_handle_t h)
{
    spin_lock(&lgt->maptrack_lock);
    struct maptrack_entry *e = maptrack_entry(lgt, h);
    e->flags = 0;
    e->ref = lgt->maptrack_free;
    lgt->maptrack_free = h;
    spin_unlock(&lgt->maptrack_lock);
}

/* Domain teardown: drop the pins of every mapping d holds; device mappings hold references
 * too. Host-map PTEs keep theirs until d's page tables go (as Xen does for PV). */
void gnttab_release(struct domain *d)
{
    struct grant_table *lgt = d->grant_table;

    if (!lgt)
        return;
    for (grant_handle_t h = 0; h < lgt->maptrack_limit; h++) {
        struct maptrack_entry *m = maptrack_entry(lgt, h);
        uint16_t flags = m->flags;
        if (!(flags & (GNTMAP_host_map | GNTMAP_device_map)))
            continue;
        struct domain *rd = get_domain_by_id(m->domid);
        m->flags = 0;
        if (!rd)
            continue;                   /* the granter and its pins are gone */
        if (!rd->grant_table || rd->grant_table->serial != m->serial) {
            put_domain(rd);             /* the id belongs to a later domain */
            continue;
        }
        bool ro = flags & GNTMAP_readonly;
        uint32_t dec = 0;
        if (flags & GNTMAP_device_map) {
            unsigned long mfn = gnttab_active(rd->grant_table, m->ref)->mfn;
            if (ro)
                put_page(mfn_to_page(mfn));
            else
                put_page_and_type(mfn_to_page(mfn));
            dec += ro ? PIN_DEVR : PIN_DEVW;
        }
        if (flags & GNTMAP_host_map)
            dec += ro ? PIN_HSTR : PIN_HSTW;
        gnttab_unpin(rd, m->ref, dec);
        put_domain(rd);
    }
    /* Our own frames: the guest's sharing reference goes (as shared_info's); mappings of them
     * keep theirs, and the last one gives the frame back to gnttab_destroy(). */
    if (!__atomic_exchange_n(&lgt->released, true, __ATOMIC_SEQ_CST))
        for (unsigned int i = 0; i < lgt->nr_frames; i++)
            put_page(mfn_to_page(virt_to_mfn(lgt->shared[i])));
}

/* ---- setup_table, query_size, versions ---- */

struct domain *gnttab_any_domain(domid_t id, int16_t *status)
{
    struct domain *curr = current->domain, *d = NULL;

    if (id == DOMID_SELF)
        d = get_domain(curr) ? curr : NULL;
    else if (id < DOMID_FIRST_RESERVED)
        d = get_domain_by_id(id);
    if (!d || !d->grant_table || (d != curr && !curr->is_privileged)) {
        *status = d && d->grant_table ? GNTST_permission_denied : GNTST_bad_domain;
        if (d)
            put_domain(d);
        return NULL;
    }
    return d;
}

static long setup_table(unsigned long uop, unsigned int count)
{
    struct gnttab_setup_table op;

    if (count != 1)
        return -EINVAL;
    if (copy_from_guest(&op, uop, sizeof(op)))
        return -EFAULT;
    unsigned long list = (unsigned long)op.frame_list.p;
    if (!guest_range_ok(list, 0))
        return -EFAULT;                 /* as Xen: only where the list starts is checked here */
    struct domain *d = gnttab_any_domain(op.dom, &op.status);
    if (d) {
        struct grant_table *gt = d->grant_table;
        spin_lock(&gt->lock);
        if (op.nr_frames > gt->max_frames || grow(d, gt, op.nr_frames))
            op.status = GNTST_general_error;
        else
            op.status = GNTST_okay;
        spin_unlock(&gt->lock);
        for (unsigned int i = 0; !op.status && i < op.nr_frames; i++) {
            unsigned long mfn = virt_to_mfn(gt->shared[i]);
            if (copy_to_guest(list + i * sizeof(mfn), &mfn, sizeof(mfn)))
                op.status = GNTST_bad_virt_addr;
        }
        put_domain(d);
    }
    return copy_to_guest(uop + offsetof(struct gnttab_setup_table, status), &op.status,
                         sizeof(op.status)) ? -EFAULT : 0;
}

static long query_size(unsigned long uop, unsigned int count)
{
    struct gnttab_query_size op;

    if (count != 1)
        return -EINVAL;
    if (copy_from_guest(&op, uop, sizeof(op)))
        return -EFAULT;
    struct domain *d = gnttab_any_domain(op.dom, &op.status);
    if (d) {
        op.nr_frames = __atomic_load_n(&d->grant_table->nr_frames, __ATOMIC_ACQUIRE);
        op.max_nr_frames = d->grant_table->max_frames;
        op.status = GNTST_okay;
        put_domain(d);
    }
    return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

/* Version 1 only: version 2 is answered as Xen does with gnttab=max-ver:1. */
static long set_version(unsigned long uop)
{
    struct gnttab_set_version op;
    long rc;

    if (copy_from_guest(&op, uop, sizeof(op)))
        return -EFAULT;
    rc = op.version == 1 ? 0 : op.version == 2 ? -ENOSYS : -EINVAL;
    op.version = 1;
    return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : rc;
}

static long get_version(unsigned long uop)
{
    struct gnttab_get_version op;
    int16_t status;

    if (copy_from_guest(&op, uop, sizeof(op)))
        return -EFAULT;
    struct domain *d = gnttab_any_domain(op.dom, &status);
    if (!d)
        return status == GNTST_bad_domain ? -ESRCH : -EPERM;
    put_domain(d);
    op.version = 1;
    return copy_to_guest(uop + offsetof(struct gnttab_get_version, version), &op.version,
                         sizeof(op.version)) ? -EFAULT : 0;
}

long gnttab_each(unsigned long uop, unsigned int count, size_t size, size_t out_at, size_t out_len,
                 void (*one)(void *op))
{
    uint64_t op[8];

    BUG_ON(size > sizeof(op));
    for (unsigned int i = 0; i < count; i++) {
        unsigned long at = uop + (unsigned long)i * size;
        if (i && hypercall_preempt_check())
            return i;
        if (copy_from_guest(op, at, size))
            return -EFAULT;
        one(op);
        if (copy_to_guest(at + out_at, (uint8_t *)op + out_at, out_len))
            return -EFAULT;
    }
    return 0;
}

/* Size of one element of each batched op's list. */
static size_t op_size(unsigned int cmd)
{
    switch (cmd) {
    case GNTTABOP_map_grant_ref: return sizeof(struct gnttab_map_grant_ref);
    case GNTTABOP_unmap_grant_ref: return sizeof(struct gnttab_unmap_grant_ref);
    case GNTTABOP_unmap_and_replace: return sizeof(struct gnttab_unmap_and_replace);
    case GNTTABOP_copy: return sizeof(struct gnttab_copy);
    default: return 0;
    }
}

long do_grant_table_op(unsigned int cmd, unsigned long uop, unsigned int count)
{
    long rc;

    if ((int)count < 0)
        return -EINVAL;
    if ((cmd & CMD_MASK) != GNTTABOP_cache_flush && (cmd & ~CMD_MASK))
        return -EINVAL;                 /* continuation state belongs to cache_flush only */
    cmd &= CMD_MASK;
    size_t size = op_size(cmd);
    if (size && !guest_range_ok(uop, 0))
        return -EFAULT;
    switch (cmd) {
    case GNTTABOP_map_grant_ref: rc = gnttab_map_batch(uop, count); break;
    case GNTTABOP_unmap_grant_ref: rc = gnttab_unmap_batch(uop, count, false); break;
    case GNTTABOP_unmap_and_replace: rc = gnttab_unmap_batch(uop, count, true); break;
    case GNTTABOP_copy: rc = gnttab_copy_batch(uop, count); break;
    case GNTTABOP_setup_table: return setup_table(uop, count);
    case GNTTABOP_query_size: return query_size(uop, count);
    case GNTTABOP_set_version: return set_version(uop);
    case GNTTABOP_get_version: return get_version(uop);
    default: return -ENOSYS;            /* transfer, swap, status frames (v2), cache_flush */
    }
    /* A positive count is the part done before preemption: re-issue for the rest. */
    if (rc > 0 && (unsigned long)rc < count)
        return hypercall_create_continuation(3, (unsigned long)cmd, uop + rc * size,
                                             (unsigned long)(count - rc));
    return rc > 0 ? 0 : rc;
}
