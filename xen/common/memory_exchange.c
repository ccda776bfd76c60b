/* SPDX-License-Identifier: GPL-2.0-only */
/* XENMEM_exchange: trade a domain's frames for new ones, e.g. machine-contiguous below 4 GiB for DMA. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/pv-mm.h>
#include <public/memory.h>

#define MAX_CHUNK_ORDER 12              /* Xen's hwdom/ctldom maximum extent order; domU 9 */

/* A frame the guest gives up: owned, and referenced only by its allocation and our @get_page. */
static bool stealable(struct domain *d, unsigned long mfn)
{
    if (!mfn_valid(mfn) || !get_page(mfn_to_page(mfn), d))
        return false;
    struct page_info *pg = mfn_to_page(mfn);
    if ((pg->count_info & (PGC_count_mask | PGC_allocated)) == (2 | PGC_allocated) &&
        !(pg->type_info & PGT_count_mask))
        return true;
    put_page(pg);
    return false;
}

static void steal(unsigned long mfn)
{
    struct page_info *pg = mfn_to_page(mfn);
    set_gpfn_from_mfn(mfn, INVALID_M2P_ENTRY);
    if (__atomic_fetch_and(&pg->count_info, ~PGC_allocated, __ATOMIC_SEQ_CST) & PGC_allocated)
        put_page(pg);
    put_page(pg);                       /* the last reference: back to the heap */
}

/* One chunk: 2^in_chunk input extents for 2^out_chunk output extents. */
static int exchange_chunk(struct domain *d, struct xen_memory_exchange *x, unsigned long i,
                          unsigned int in_chunk, unsigned int out_chunk, unsigned int bits)
{
    unsigned long in_pages = 1UL << x->in.extent_order, nr_in = 1UL << in_chunk;
    unsigned long nr_out = 1UL << out_chunk, *frames = xzalloc_array(unsigned long, nr_in * in_pages);
    struct page_info **out = xzalloc_array(struct page_info *, nr_out);
    unsigned long taken = 0, got = 0;
    int rc = frames && out ? 0 : -ENOMEM;

    for (unsigned long j = 0; j < nr_in && !rc; j++) {
        xen_pfn_t gmfn;
        if (copy_from_guest(&gmfn, (unsigned long)x->in.extent_start.p + ((i << in_chunk) + j) * 8, 8))
            rc = -EFAULT;
        for (unsigned long k = 0; k < in_pages && !rc; k++) {
            if (stealable(d, gmfn + k))
                frames[taken++] = gmfn + k;
            else
                rc = -EINVAL;
        }
    }
    for (; got < nr_out && !rc; got++) {
        out[got] = alloc_domheap_pages(NULL, x->out.extent_order);
        unsigned long end = out[got] ? page_to_mfn(out[got]) + (1UL << x->out.extent_order) : 0;
        if (out[got] && bits && bits < 64 && (bits <= PAGE_SHIFT || end > (1UL << (bits - PAGE_SHIFT)))) {
            free_domheap_pages(out[got], x->out.extent_order);
            out[got] = NULL;
        }
        if (!out[got])
            rc = -ENOMEM;
    }
    if (rc) {
        while (taken)
            put_page(mfn_to_page(frames[--taken]));
        while (got-- > 0)
            if (out[got])
                free_domheap_pages(out[got], x->out.extent_order);
        goto done;
    }
    for (unsigned long j = 0; j < taken; j++)
        steal(frames[j]);
    for (unsigned long j = 0; j < nr_out; j++) {
        unsigned long slot = (unsigned long)x->out.extent_start.p + ((i << out_chunk) + j) * 8;
        xen_pfn_t gpfn = INVALID_M2P_ENTRY, mfn = page_to_mfn(out[j]);
        assign_domheap_pages(d, out[j], x->out.extent_order);
        copy_from_guest(&gpfn, slot, 8);       /* as Xen: an unreadable slot is not an error */
        for (unsigned long k = 0; k < (1UL << x->out.extent_order); k++)
            set_gpfn_from_mfn(mfn + k, gpfn == INVALID_M2P_ENTRY ? gpfn : gpfn + k);
        if (copy_to_guest(slot, &mfn, 8))
            rc = -EFAULT;
    }
done:
    xfree(frames);
    xfree(out);
    return rc;
}

long memory_exchange(unsigned long arg)
{
    struct xen_memory_exchange x;
    struct domain *d = NULL;            /* referenced from the lookup to the end */
    long rc = 0;

    if (copy_from_guest(&x, arg, sizeof(x)))
        return -EFAULT;
    unsigned int in_o = x.in.extent_order, out_o = x.out.extent_order;
    if (MAX(in_o, out_o) > (current->domain->is_privileged ? MAX_CHUNK_ORDER : 9)) {
        rc = -EPERM;
        goto out;
    }
    if (x.nr_exchanged > x.in.nr_extents || x.in.domid != x.out.domid ||
        (~0UL >> in_o) < x.in.nr_extents || (~0UL >> out_o) < x.out.nr_extents ||
        (x.in.nr_extents << in_o) != (x.out.nr_extents << out_o)) {
        rc = -EINVAL;
        goto out;
    }
    if (x.nr_exchanged == x.in.nr_extents)
        return 0;
    int err;
    d = get_domain_by_any_id(x.in.domid, &err);
    if (!d) {
        rc = err;
        goto out;
    }
    if (d != current->domain && !current->domain->is_privileged) {
        rc = -EPERM;
        goto out;
    }
    unsigned int in_chunk = in_o <= out_o ? out_o - in_o : 0, out_chunk = in_o > out_o ? in_o - out_o : 0;
    unsigned int bits = XENMEMF_get_address_bits(x.out.mem_flags);
    for (unsigned long i = x.nr_exchanged >> in_chunk; i < x.in.nr_extents >> in_chunk; i++) {
        if (i != x.nr_exchanged >> in_chunk && hypercall_preempt_check()) {
            x.nr_exchanged = i << in_chunk;
            put_domain(d);
            if (copy_to_guest(arg + offsetof(struct xen_memory_exchange, nr_exchanged), &x.nr_exchanged, 8))
                return -EFAULT;
            return hypercall_create_continuation(2, XENMEM_exchange, arg);
        }
        spin_lock(&d->arch.mm_lock);    /* no new mapping of the frames while we check and take them */
        rc = exchange_chunk(d, &x, i, in_chunk, out_chunk, bits);
        spin_unlock(&d->arch.mm_lock);
        if (rc) {
            x.nr_exchanged = i << in_chunk;
            goto out;
        }
    }
    x.nr_exchanged = x.in.nr_extents;
out:
    if (d)
        put_domain(d);
    if (copy_to_guest(arg + offsetof(struct xen_memory_exchange, nr_exchanged), &x.nr_exchanged, 8))
        rc = -EFAULT;
    return rc;
}
