/* SPDX-License-Identifier: GPL-2.0-only */
/* Binary min-heap of timers keyed by expiry; each timer remembers its slot for O(log n) removal. */
#include <xen/timer-heap.h>

static void place(struct timer_heap *h, unsigned int i, struct timer *t)
{
    h->slot[i] = t;
    t->heap_index = i;
}

/* Move the timer at @i towards the root while it expires before its parent. */
static void sift_up(struct timer_heap *h, unsigned int i)
{
    struct timer *t = h->slot[i];
    while (i > 1 && t->expires < h->slot[i / 2]->expires) {
        place(h, i, h->slot[i / 2]);
        i /= 2;
    }
    place(h, i, t);
}

/* Move the timer at @i towards the leaves while a child expires before it. */
static void sift_down(struct timer_heap *h, unsigned int i)
{
    struct timer *t = h->slot[i];
    for (;;) {
        unsigned int c = 2 * i;
        if (c > h->nr)
            break;
        if (c + 1 <= h->nr && h->slot[c + 1]->expires < h->slot[c]->expires)
            c++;
        if (h->slot[c]->expires >= t->expires)
            break;
        place(h, i, h->slot[c]);
        i = c;
    }
    place(h, i, t);
}

bool timer_heap_add(struct timer_heap *h, struct timer *t)
{
    if (h->nr >= TIMER_HEAP_MAX)
        return false;
    h->nr++;
    place(h, h->nr, t);
    sift_up(h, h->nr);
    return true;
}

void timer_heap_remove(struct timer_heap *h, struct timer *t)
{
    unsigned int i = t->heap_index;
    struct timer *last = h->slot[h->nr];

    h->slot[h->nr--] = NULL;
    t->heap_index = 0;
    if (last == t)
        return;
    /* The last leaf fills the hole; it may belong above or below it. */
    place(h, i, last);
    if (i > 1 && last->expires < h->slot[i / 2]->expires)
        sift_up(h, i);
    else
        sift_down(h, i);
}
