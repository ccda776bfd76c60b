/* SPDX-License-Identifier: GPL-2.0-only */
/* The machine's page allocator: one locked buddy heap for the hypervisor and domains. */
#include <xen/buddy.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/page_alloc.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <asm/pv-mm.h>

static struct buddy heap;
static DEFINE_SPINLOCK(heap_lock);
static unsigned long ram_pages, xenheap_pages;

void page_alloc_init(unsigned long nr_frames, unsigned long ram)
{
    buddy_init(&heap, frame_table, nr_frames, mfn_valid);
    ram_pages = ram;
}

void page_alloc_add_free(unsigned long mfn, unsigned long nr)
{
    unsigned long f = spin_lock_irqsave(&heap_lock);
    buddy_free_range(&heap, mfn, nr);
    spin_unlock_irqrestore(&heap_lock, f);
}

static unsigned long alloc_frames(unsigned int order)
{
    unsigned long f = spin_lock_irqsave(&heap_lock);
    unsigned long mfn = heap.frames ? buddy_alloc(&heap, order) : INVALID_MFN;
    spin_unlock_irqrestore(&heap_lock, f);
    return mfn;
}

static void free_frames(unsigned long mfn, unsigned int order)
{
    unsigned long f = spin_lock_irqsave(&heap_lock);
    buddy_free(&heap, mfn, order);
    spin_unlock_irqrestore(&heap_lock, f);
}

void *alloc_xenheap_pages(unsigned int order)
{
    unsigned long mfn = alloc_frames(order);
    if (mfn == INVALID_MFN)
        return NULL;
    for (unsigned long i = 0; i < (1UL << order); i++)
        mfn_to_page(mfn + i)->count_info |= PGC_xen_heap;
    __atomic_fetch_add(&xenheap_pages, 1UL << order, __ATOMIC_RELAXED);
    return mfn_to_virt(mfn);
}

void free_xenheap_pages(void *va, unsigned int order)
{
    if (!va)
        return;
    unsigned long mfn = virt_to_mfn(va);
    for (unsigned long i = 0; i < (1UL << order); i++) {
        struct page_info *pg = mfn_to_page(mfn + i);
        if (!(pg->count_info & PGC_xen_heap)) {
            printk(XENLOG_ERR "free_xenheap_pages(%p, %u): frame %#lx is not a xenheap page\n",
                   va, order, mfn + i);
            BUG();
        }
        pg->count_info &= ~PGC_xen_heap;
    }
    __atomic_fetch_sub(&xenheap_pages, 1UL << order, __ATOMIC_RELAXED);
    free_frames(mfn, order);
}

/* A domain's frames are linked through next/prev (frame numbers); ~0 ends the list. */
#define PAGE_LIST_END 0xffffffffu

static void domain_link_page(struct domain *d, struct page_info *pg)
{
    uint32_t mfn = page_to_mfn(pg), head = (uint32_t)d->page_list_head;
    pg->prev = PAGE_LIST_END;
    pg->next = head;
    if (head != PAGE_LIST_END)
        mfn_to_page(head)->prev = mfn;
    d->page_list_head = mfn;
}

static void domain_unlink_page(struct domain *d, struct page_info *pg)
{
    if (pg->prev != PAGE_LIST_END)
        mfn_to_page(pg->prev)->next = pg->next;
    else
        d->page_list_head = pg->next == PAGE_LIST_END ? ~0UL : pg->next;
    if (pg->next != PAGE_LIST_END)
        mfn_to_page(pg->next)->prev = pg->prev;
}

/* A domain's frames hold one domain reference between them: taken when tot_pages leaves 0,
 * dropped (by the caller, after the lock) when it returns to 0. Under d->page_alloc_lock. */
static void claim_pages(struct domain *d, unsigned long n)
{
    if (d->tot_pages == 0)
        BUG_ON(!get_domain(d));         /* alive: the domain list holds a reference */
    d->tot_pages += n;
}

static bool unclaim_pages(struct domain *d, unsigned long n)
{
    d->tot_pages -= n;
    return d->tot_pages == 0;
}

struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order)
{
    unsigned long n = 1UL << order;

    if (d) {
        unsigned long f = spin_lock_irqsave(&d->page_alloc_lock);
        bool refuse = d->is_dying || d->tot_pages + n > d->max_pages;
        if (!refuse)
            claim_pages(d, n);          /* before allocating: max_pages holds under races */
        spin_unlock_irqrestore(&d->page_alloc_lock, f);
        if (refuse)
            return NULL;
    }
    unsigned long mfn = alloc_frames(order);
    if (mfn == INVALID_MFN) {
        if (d) {
            unsigned long f = spin_lock_irqsave(&d->page_alloc_lock);
            bool last = unclaim_pages(d, n);
            spin_unlock_irqrestore(&d->page_alloc_lock, f);
            if (last)
                put_domain(d);
        }
        return NULL;
    }
    unsigned long f = d ? spin_lock_irqsave(&d->page_alloc_lock) : 0;
    for (unsigned long i = 0; i < n; i++) {
        struct page_info *pg = mfn_to_page(mfn + i);
        pg->u.owner = d;
        pg->type_info = PGT_none;
        set_gpfn_from_mfn(mfn + i, INVALID_M2P_ENTRY);
        if (d) {
            pg->count_info |= PGC_allocated | 1;
            domain_link_page(d, pg);
        }
    }
    if (d)
        spin_unlock_irqrestore(&d->page_alloc_lock, f);
    return mfn_to_page(mfn);
}

/* Give anonymous pages (alloc_domheap_pages(NULL, ...)) to @d, beyond its max_pages if need be. */
void assign_domheap_pages(struct domain *d, struct page_info *pg, unsigned int order)
{
    unsigned long f = spin_lock_irqsave(&d->page_alloc_lock);
    for (unsigned long i = 0; i < (1UL << order); i++) {
        pg[i].u.owner = d;
        pg[i].count_info |= PGC_allocated | 1;
        domain_link_page(d, &pg[i]);
    }
    d->tot_pages += 1UL << order;
    spin_unlock_irqrestore(&d->page_alloc_lock, f);
}

void free_domheap_pages(struct page_info *pg, unsigned int order)
{
    struct domain *d = pg->u.owner;
    unsigned long f = d ? spin_lock_irqsave(&d->page_alloc_lock) : 0;
    bool last = false;

    for (unsigned long i = 0; i < (1UL << order); i++) {
        if (pg[i].count_info & PGC_xen_heap) {
            printk(XENLOG_ERR "free_domheap_pages: frame %#lx is a xenheap page\n",
                   page_to_mfn(&pg[i]));
            BUG();
        }
        if (d && pg[i].u.owner == d) {
            domain_unlink_page(d, &pg[i]);
            last = unclaim_pages(d, 1);
        }
        set_gpfn_from_mfn(page_to_mfn(&pg[i]), INVALID_M2P_ENTRY);
        pg[i].count_info &= PGC_state_mask;         /* drop the owner's references */
        pg[i].type_info = PGT_none;
        pg[i].u.owner = NULL;
    }
    if (d)
        spin_unlock_irqrestore(&d->page_alloc_lock, f);
    free_frames(page_to_mfn(pg), order);
    if (last)
        put_domain(d);                  /* the last frame: may free the domain */
}

unsigned long total_ram_pages(void) { return ram_pages; }
unsigned long free_ram_pages(void) { return heap.free_pages; }
unsigned long xenheap_pages_in_use(void) { return xenheap_pages; }
