/* SPDX-License-Identifier: GPL-2.0-only */
/* Binary buddy allocator: split on allocation, merge with the free buddy on free. Pure. */
#include <xen/buddy.h>
#include <xen/lib.h>

static bool frame_valid(const struct buddy *b, unsigned long mfn)
{
    return mfn < b->nr_frames && (!b->valid || b->valid(mfn));
}

static void push(struct buddy *b, unsigned long mfn, unsigned int order)
{
    struct page_info *pg = &b->frames[mfn];
    pg->count_info = PGC_state_free | PGC_buddy_head;
    pg->u.order = order;
    pg->prev = BUDDY_NIL;
    pg->next = b->head[order];
    if (pg->next != BUDDY_NIL)
        b->frames[pg->next].prev = mfn;
    b->head[order] = mfn;
}

static void unlink(struct buddy *b, unsigned long mfn, unsigned int order)
{
    struct page_info *pg = &b->frames[mfn];
    if (pg->prev != BUDDY_NIL)
        b->frames[pg->prev].next = pg->next;
    else
        b->head[order] = pg->next;
    if (pg->next != BUDDY_NIL)
        b->frames[pg->next].prev = pg->prev;
    pg->count_info = PGC_state_free;        /* now inside a bigger block, or about to be used */
}

static bool is_free_head(const struct buddy *b, unsigned long mfn, unsigned int order)
{
    const struct page_info *pg = &b->frames[mfn];
    return pg->count_info == (PGC_state_free | PGC_buddy_head) && pg->u.order == order;
}

void buddy_init(struct buddy *b, struct page_info *frames, unsigned long nr_frames,
                bool (*valid)(unsigned long mfn))
{
    BUG_ON(nr_frames >= BUDDY_NIL);         /* list links are 32-bit frame numbers */
    b->frames = frames;
    b->nr_frames = nr_frames;
    b->valid = valid;
    b->free_pages = 0;
    for (unsigned int o = 0; o <= MAX_ORDER; o++)
        b->head[o] = BUDDY_NIL;
}

void buddy_free(struct buddy *b, unsigned long mfn, unsigned int order)
{
    unsigned long n = 1UL << order;
    BUG_ON(order > MAX_ORDER || (mfn & (n - 1)) || !frame_valid(b, mfn) || mfn + n > b->nr_frames);
    for (unsigned long i = 0; i < n; i++) {
        struct page_info *pg = &b->frames[mfn + i];
        if (page_state(pg) != PGC_state_inuse) {
            printk(XENLOG_ERR "page allocator: freeing frame %#lx (order %u block at %#lx) "
                   "that is %s\n", mfn + i, order, mfn,
                   page_state(pg) == PGC_state_free ? "already free (double free)" : "not RAM");
            BUG();
        }
        pg->count_info = PGC_state_free;
        pg->type_info = 0;
    }
    b->free_pages += n;

    for (; order < MAX_ORDER; order++) {
        unsigned long buddy = mfn ^ (1UL << order);
        if (!frame_valid(b, buddy) || !is_free_head(b, buddy, order))
            break;
        unlink(b, buddy, order);
        mfn &= ~(1UL << order);
    }
    push(b, mfn, order);
}

void buddy_free_range(struct buddy *b, unsigned long mfn, unsigned long nr)
{
    while (nr) {
        unsigned int order = 0;
        while (order < MAX_ORDER && !(mfn & (1UL << order)) && (2UL << order) <= nr)
            order++;
        buddy_free(b, mfn, order);
        mfn += 1UL << order;
        nr -= 1UL << order;
    }
}

unsigned long buddy_alloc(struct buddy *b, unsigned int order)
{
    unsigned int o = order;
    if (order > MAX_ORDER)
        return INVALID_MFN;
    while (o <= MAX_ORDER && b->head[o] == BUDDY_NIL)
        o++;
    if (o > MAX_ORDER)
        return INVALID_MFN;

    unsigned long mfn = b->head[o];
    BUG_ON(!is_free_head(b, mfn, o));       /* the free list was corrupted */
    unlink(b, mfn, o);
    while (o > order) {                     /* give back the upper halves */
        o--;
        push(b, mfn + (1UL << o), o);
    }
    for (unsigned long i = 0; i < (1UL << order); i++) {
        struct page_info *pg = &b->frames[mfn + i];
        BUG_ON(page_state(pg) != PGC_state_free);
        pg->count_info = PGC_state_inuse;
        pg->type_info = 0;
        pg->u.owner = NULL;
    }
    b->free_pages -= 1UL << order;
    return mfn;
}
