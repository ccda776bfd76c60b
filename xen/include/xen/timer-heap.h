/* SPDX-License-Identifier: GPL-2.0-only */
/* Min-heap of timers ordered by expiry: the pure core of each CPU's timer queue. */
#ifndef XEN_TIMER_HEAP_H
#define XEN_TIMER_HEAP_H

#include <xen/timer.h>

/* Fixed per CPU until the timer queue grows its heap with xmalloc. */
#define TIMER_HEAP_MAX 255

/* slot[1..nr] hold the timers (1-based, so heap_index 0 means "not queued"). */
struct timer_heap {
    unsigned int nr;
    struct timer *slot[TIMER_HEAP_MAX + 1];
};

/* Queue @t (not queued yet) by t->expires; false when the heap is full. */
bool timer_heap_add(struct timer_heap *h, struct timer *t);
/* Unqueue @t, which must be in @h. */
void timer_heap_remove(struct timer_heap *h, struct timer *t);

static inline struct timer *timer_heap_first(const struct timer_heap *h)
{
    return h->nr ? h->slot[1] : NULL;
}

#endif
