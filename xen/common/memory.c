/* SPDX-License-Identifier: GPL-2.0-only */
/* memory_op: reservations (populate/increase/decrease), memory maps and M2P queries. */
#include <xen/bootinfo.h>
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/pv-mm.h>
#include <public/memory.h>

#define MEMOP_EXTENT_SHIFT 6                    /* cmd bits above: the extent to resume from */
#define MEMOP_CMD_MASK     ((1UL << MEMOP_EXTENT_SHIFT) - 1)
#define MAX_EXTENT_ORDER   9                    /* 2 MiB, as Xen allows a PV guest */

extern struct boot_info boot_info;

/* Reservations of another domain need privilege; reserved ids other than SELF do not exist.
 * Referenced: put_domain() it. */
static struct domain *memop_domain(domid_t id, int *rc)
{
    struct domain *curr = current->domain, *d;

    if (id == DOMID_SELF || id == curr->domain_id) {
        BUG_ON(!get_domain(curr));      /* running, so alive */
        return curr;
    }
    d = id < DOMID_FIRST_RESERVED ? get_domain_by_id(id) : NULL;
    *rc = d ? -EPERM : -ESRCH;
    if (d && !curr->is_privileged) {
        put_domain(d);
        d = NULL;
    }
    return d;
}

static int remove_page(struct domain *d, unsigned long mfn)
{
    struct page_info *pg = mfn_to_page(mfn);

    if (!mfn_valid(mfn) || !get_page(pg, d))
        return -EINVAL;
    if (__atomic_fetch_and(&pg->type_info, ~PGT_pinned, __ATOMIC_SEQ_CST) & PGT_pinned)
        put_page_and_type(pg);
    if (__atomic_fetch_and(&pg->count_info, ~PGC_allocated, __ATOMIC_SEQ_CST) & PGC_allocated)
        put_page(pg);
    set_gpfn_from_mfn(mfn, INVALID_M2P_ENTRY);
    put_page(pg);                       /* frees it once no mapping references it */
    return 0;
}

static long reservation_extents(unsigned long cmd, unsigned long start, unsigned long arg,
                                const struct xen_memory_reservation *rp, struct domain *d)
{
    const struct xen_memory_reservation r = *rp;
    unsigned long i;
    unsigned long list = (unsigned long)r.extent_start.p, n = 1UL << r.extent_order;
    for (i = start; i < r.nr_extents; i++) {
        xen_pfn_t f = 0;

        if (i != start && hypercall_preempt_check())
            return hypercall_create_continuation(2, cmd | (i << MEMOP_EXTENT_SHIFT), arg);
        if (cmd != XENMEM_increase_reservation && copy_from_guest(&f, list + i * sizeof(f), sizeof(f)))
            break;
        if (cmd == XENMEM_decrease_reservation) {
            unsigned long j;
            for (j = 0; j < n && !remove_page(d, f + j); j++)
                ;
            if (j < n)
                break;
            continue;
        }
        struct page_info *pg = alloc_domheap_pages(d, r.extent_order);
        if (!pg)
            break;
        xen_pfn_t mfn = page_to_mfn(pg);
        for (unsigned long j = 0; j < n; j++)
            set_gpfn_from_mfn(mfn + j, cmd == XENMEM_populate_physmap ? f + j : INVALID_M2P_ENTRY);
        if (list && copy_to_guest(list + i * sizeof(mfn), &mfn, sizeof(mfn)))
            break;                      /* the guest cannot learn the frame: it stays allocated */
    }
    return i;
}

static long reservation_op(unsigned long cmd, unsigned long start, unsigned long arg)
{
    struct xen_memory_reservation r;
    struct domain *d;
    int rc = 0;
    long i;

    if (copy_from_guest(&r, arg, sizeof(r)))
        return start;                   /* as Xen: "no extents done", not -EFAULT */
    if (start >= r.nr_extents || r.nr_extents > (~0UL >> MEMOP_EXTENT_SHIFT) ||
        r.extent_order > MAX_EXTENT_ORDER)
        return start;
    if (!(d = memop_domain(r.domid, &rc)))
        return start;                   /* likewise for unknown or forbidden domains */

    i = reservation_extents(cmd, start, arg, &r, d);
    put_domain(d);
    return i;
}

static long memory_map(unsigned long arg, bool machine)
{
    struct xen_memory_map map;

    if (!machine)
        return -ENOSYS;                 /* no pseudo-physical map set: the guest derives one */
    if (!current->domain->is_privileged)
        return -EPERM;
    if (copy_from_guest(&map, arg, sizeof(map)))
        return -EFAULT;
    if (map.nr_entries < boot_info.map.nr)
        return -EINVAL;
    for (unsigned int i = 0; i < boot_info.map.nr; i++) {
        const struct memmap_entry *e = &boot_info.map.e[i];
        struct xen_e820_entry out = { .addr = e->addr, .size = e->size, .type = e->type };
        if (copy_to_guest((unsigned long)map.buffer.p + i * sizeof(out), &out, sizeof(out)))
            return -EFAULT;
    }
    map.nr_entries = boot_info.map.nr;
    return copy_to_guest(arg, &map, sizeof(map)) ? -EFAULT : 0;
}

static long reservation_query(unsigned int op, unsigned long arg)
{
    domid_t id;
    int rc = 0;
    struct domain *d;

    if (copy_from_guest(&id, arg, sizeof(id)))
        return -EFAULT;
    if (!(d = memop_domain(id, &rc)))
        return rc;
    long ret;
    if (op == XENMEM_current_reservation)
        ret = d->tot_pages;
    else if (op == XENMEM_maximum_reservation)
        ret = d->max_pages;
    else
        ret = d->shared_info ? (long)d->shared_info->arch.max_pfn : 0;  /* maximum_gpfn */
    put_domain(d);
    return ret;
}

/* Grant-table, shared-info and other special frames enter a translated guest's physmap here;
 * a PV guest maps their MFNs itself (grant frames: GNTTABOP_setup_table), so Xen says -EACCES. */
static long add_to_physmap(unsigned long op, unsigned long arg)
{
    union {
        struct xen_add_to_physmap one;
        struct xen_add_to_physmap_batch batch;
    } a;
    int rc = 0;

    if (op == XENMEM_add_to_physmap) {
        if (copy_from_guest(&a.one, arg, sizeof(a.one)))
            return -EFAULT;
        if (a.one.space == XENMAPSPACE_gmfn_foreign)
            return -ENOSYS;             /* foreign frames only through the batch form */
    } else {
        if (copy_from_guest(&a.batch, arg, sizeof(a.batch)))
            return -EFAULT;
        if (a.batch.space == XENMAPSPACE_gmfn_range)
            return -EOPNOTSUPP;
    }
    struct domain *d = memop_domain(op == XENMEM_add_to_physmap ? a.one.domid : a.batch.domid, &rc);
    if (!d)
        return rc == -EPERM ? -EPERM : -ESRCH;
    return -EACCES;                     /* PV: not a translated guest */
}

long do_memory_op(unsigned long cmd, unsigned long arg)
{
    unsigned long op = cmd & MEMOP_CMD_MASK, start = cmd >> MEMOP_EXTENT_SHIFT;

    switch (op) {
    case XENMEM_increase_reservation:
    case XENMEM_decrease_reservation:
    case XENMEM_populate_physmap:
        return reservation_op(op, start, arg);
    case XENMEM_maximum_ram_page:
        return max_mfn();
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
    case XENMEM_maximum_gpfn:
        return reservation_query(op, arg);
    case XENMEM_machphys_mapping: {
        struct xen_machphys_mapping m = {
            .v_start = RO_MPT_VIRT_START,
            .v_end = RO_MPT_VIRT_START + m2p_mapped_bytes(),
            .max_mfn = m2p_mapped_bytes() / sizeof(unsigned long) - 1,
        };
        return copy_to_guest(arg, &m, sizeof(m)) ? -EFAULT : 0;
    }
    case XENMEM_exchange:
        return memory_exchange(arg);
    case XENMEM_memory_map:
    case XENMEM_machine_memory_map:
        return memory_map(arg, op == XENMEM_machine_memory_map);
    case XENMEM_add_to_physmap:
    case XENMEM_add_to_physmap_batch:
        return add_to_physmap(op, arg);
    default:
        return -ENOSYS;
    }
}
