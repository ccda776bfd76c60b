/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/timer-heap.c */
/* Timer min-heap: ordering, re-queueing, ties, removal from the middle, capacity. */
#include <stdio.h>
#include <test.h>
#include <stdlib.h>
#include <xen/timer-heap.h>

/* A check whose failure message says what was seen. */
#define EXPECT(c, ...) do { if (!(c)) test_fail(__FILE__, __LINE__, __VA_ARGS__); } while (0)

static struct timer_heap heap;
static struct timer tm[TIMER_HEAP_MAX + 1];

/* Every parent expires no later than its children and every slot knows its index. */
static int heap_ok(const struct timer_heap *h)
{
    for (unsigned int i = 1; i <= h->nr; i++) {
        if (h->slot[i]->heap_index != i)
            return 0;
        if (i > 1 && h->slot[i / 2]->expires > h->slot[i]->expires)
            return 0;
    }
    return 1;
}

static struct timer *pop(struct timer_heap *h)
{
    struct timer *t = timer_heap_first(h);
    if (t)
        timer_heap_remove(h, t);
    return t;
}

static void add(struct timer *t, s_time_t when)
{
    t->expires = when;
    EXPECT(timer_heap_add(&heap, t), "add failed with %u queued", heap.nr);
}

static void test_order(void)
{
    static const s_time_t when[] = { 50, 10, 40, 30, 20, 60, 5 };
    for (unsigned int i = 0; i < 7; i++)
        add(&tm[i], when[i]);
    EXPECT(heap_ok(&heap), "heap property broken after adds");
    s_time_t last = -1;
    for (unsigned int i = 0; i < 7; i++) {
        struct timer *t = pop(&heap);
        EXPECT(t && t->expires > last, "pop %u out of order", i);
        EXPECT(t && t->heap_index == 0, "popped timer still has an index");
        last = t ? t->expires : last;
    }
    EXPECT(!timer_heap_first(&heap) && heap.nr == 0, "heap not empty after popping all");
}

static void test_requeue_and_middle(void)
{
    for (unsigned int i = 0; i < 20; i++)
        add(&tm[i], 100 + i * 10);
    /* Stop one in the middle, one at the root and the last leaf. */
    timer_heap_remove(&heap, &tm[7]);
    timer_heap_remove(&heap, &tm[0]);
    timer_heap_remove(&heap, heap.slot[heap.nr]);
    EXPECT(heap.nr == 17 && heap_ok(&heap), "heap broken after middle removals");
    EXPECT(tm[7].heap_index == 0 && tm[0].heap_index == 0, "removed timers keep their index");
    /* Re-set a late timer to be the earliest, and an early one to be the latest. */
    timer_heap_remove(&heap, &tm[15]);
    add(&tm[15], 1);
    timer_heap_remove(&heap, &tm[1]);
    add(&tm[1], 10000);
    EXPECT(timer_heap_first(&heap) == &tm[15], "re-set timer is not first");
    s_time_t last = -1;
    struct timer *t = NULL;
    while ((t = pop(&heap))) {
        EXPECT(t != &tm[7] && t != &tm[0], "a removed timer came out of the heap");
        EXPECT(t->expires >= last, "out of order after re-set");
        last = t->expires;
    }
    EXPECT(last == 10000, "the re-set latest timer did not come out last");
}

static void test_ties(void)
{
    for (unsigned int i = 0; i < 9; i++)
        add(&tm[i], i % 3 ? 500 : 400);
    unsigned int n400 = 0, n500 = 0;
    struct timer *t;
    while ((t = pop(&heap))) {
        EXPECT(n500 == 0 || t->expires == 500, "a 400 timer after a 500 timer");
        t->expires == 400 ? n400++ : n500++;
    }
    EXPECT(n400 == 3 && n500 == 6, "same-expiry timers lost: %u + %u", n400, n500);
}

static void test_many_random(void)
{
    srand(1234);
    for (unsigned int i = 0; i < TIMER_HEAP_MAX; i++)
        add(&tm[i], rand() % 1000);
    struct timer extra = { .expires = 1 };
    EXPECT(!timer_heap_add(&heap, &extra), "add beyond TIMER_HEAP_MAX succeeded");
    /* Remove a random third, then check the rest drain in order. */
    for (unsigned int i = 0; i < TIMER_HEAP_MAX; i += 3)
        timer_heap_remove(&heap, &tm[i]);
    EXPECT(heap_ok(&heap), "heap property broken after random removals");
    unsigned int n = 0;
    s_time_t last = -1;
    struct timer *t;
    while ((t = pop(&heap))) {
        EXPECT(t->expires >= last, "random drain out of order at %u", n);
        last = t->expires;
        n++;
    }
    EXPECT(n == TIMER_HEAP_MAX - (TIMER_HEAP_MAX + 2) / 3, "drained %u timers", n);
}

int main(void)
{
    test_order();
    test_requeue_and_middle();
    test_ties();
    test_many_random();
    return test_done();
}
