/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/buddy.c */
/* Buddy allocator: split and merge at every order, exhaustion, sparse frame tables, double free. */
#include <stdlib.h>
#include <string.h>
#include <test.h>
#include <xen/buddy.h>

#define NR 8192
static struct page_info frames[NR];
static struct buddy b;

/* Walk every free list: links consistent, heads marked; returns blocks of @order. */
static unsigned long blocks(unsigned int order)
{
    unsigned long n = 0, prev = BUDDY_NIL;
    for (uint32_t m = b.head[order]; m != BUDDY_NIL; prev = m, m = frames[m].next) {
        CHECK_EQ(frames[m].count_info, PGC_state_free | PGC_buddy_head);
        CHECK_EQ(frames[m].u.order, order);
        CHECK_EQ(frames[m].prev, prev);
        CHECK_EQ(m & ((1UL << order) - 1), 0);
        if (++n > NR)
            break;
    }
    return n;
}

static unsigned long listed_pages(void)
{
    unsigned long pages = 0;
    for (unsigned int o = 0; o <= MAX_ORDER; o++)
        pages += blocks(o) << o;
    return pages;
}

static void reset(bool (*valid)(unsigned long))
{
    memset(frames, 0, sizeof(frames));          /* every frame PGC_state_inuse */
    buddy_init(&b, frames, NR, valid);
}

static void test_whole_range_merges(void)
{
    reset(NULL);
    buddy_free_range(&b, 0, NR);
    CHECK_EQ(b.free_pages, NR);
    CHECK_EQ(blocks(13), 1);                    /* 8192 frames: one order-13 block */
    CHECK_EQ(listed_pages(), NR);
}

static void test_odd_range(void)
{
    reset(NULL);
    buddy_free_range(&b, 3, 1000);
    CHECK_EQ(b.free_pages, 1000);
    CHECK_EQ(listed_pages(), 1000);
    CHECK_EQ(page_state(&frames[2]), PGC_state_inuse);
    CHECK_EQ(page_state(&frames[1003]), PGC_state_inuse);
    CHECK_EQ(page_state(&frames[500]), PGC_state_free);
}

static void test_every_order(void)
{
    reset(NULL);
    buddy_free_range(&b, 0, NR);
    static unsigned char used[NR];
    memset(used, 0, sizeof(used));
    unsigned long got[13];
    for (unsigned int o = 0; o <= 12; o++) {
        got[o] = buddy_alloc(&b, o);
        CHECK(got[o] != INVALID_MFN);
        CHECK_EQ(got[o] & ((1UL << o) - 1), 0);
        for (unsigned long i = got[o]; i < got[o] + (1UL << o); i++) {
            CHECK(!used[i]);
            used[i] = 1;
            CHECK_EQ(frames[i].count_info, PGC_state_inuse);
        }
    }
    CHECK_EQ(b.free_pages, NR - ((1UL << 13) - 1));
    CHECK_EQ(listed_pages(), b.free_pages);
    CHECK_EQ(buddy_alloc(&b, 1), INVALID_MFN);  /* one page left */
    CHECK_EQ(buddy_alloc(&b, MAX_ORDER + 1), INVALID_MFN);
    for (unsigned int o = 0; o <= 12; o++)
        buddy_free(&b, got[o], o);
    CHECK_EQ(b.free_pages, NR);
    CHECK_EQ(blocks(13), 1);
}

static void test_exhaustion_and_back(void)
{
    reset(NULL);
    buddy_free_range(&b, 5, NR - 5);
    unsigned long before = b.free_pages, n = 0, mfn;
    static unsigned long taken[NR];
    while ((mfn = buddy_alloc(&b, 0)) != INVALID_MFN)
        taken[n++] = mfn;
    CHECK_EQ(n, before);
    CHECK_EQ(b.free_pages, 0);
    for (unsigned long i = 0; i < n; i += 2)     /* free in two interleaved passes */
        buddy_free(&b, taken[i], 0);
    for (unsigned long i = 1; i < n; i += 2)
        buddy_free(&b, taken[i], 0);
    CHECK_EQ(b.free_pages, before);
    CHECK_EQ(blocks(12), 1);                    /* 4096-8191 merged back to one block */
    CHECK_EQ(blocks(0), 1);                     /* frame 5 */
    CHECK_EQ(listed_pages(), before);
}

static void test_double_free(void)
{
    reset(NULL);
    buddy_free_range(&b, 0, 64);
    unsigned long m = buddy_alloc(&b, 2);
    buddy_free(&b, m, 2);
    test_log_clear();
    EXPECT_BUG(buddy_free(&b, m, 2));
    CHECK_LOG("already free (double free)");
    CHECK_EQ(b.free_pages, 64);

    frames[100].count_info = PGC_state_none;
    test_log_clear();
    EXPECT_BUG(buddy_free(&b, 100, 0));
    CHECK_LOG("not RAM");
    EXPECT_BUG(buddy_free(&b, 3, 1));           /* misaligned */
}

/* Frames 1024-2047 have no page_info; their entries hold bait that looks like a free buddy. */
static bool sparse_valid(unsigned long mfn) { return mfn < 1024 || mfn >= 2048; }

static void test_sparse_frame_table(void)
{
    reset(sparse_valid);
    for (unsigned long i = 1024; i < 2048; i++) {
        frames[i].count_info = PGC_state_free | PGC_buddy_head;
        frames[i].u.order = 10;
    }
    buddy_free_range(&b, 0, 1024);
    buddy_free_range(&b, 2048, 2048);
    CHECK_EQ(b.head[10], 0);                    /* not merged with the bait at 1024 */
    CHECK_EQ(b.head[11], 2048);
    CHECK_EQ(b.free_pages, 3072);
}

static void test_random_stress(void)
{
    reset(NULL);
    buddy_free_range(&b, 0, NR);
    static struct { unsigned long mfn; unsigned int order; } live[4096];
    static unsigned char owner[NR];
    unsigned int nlive = 0;
    memset(owner, 0, sizeof(owner));
    srand(12345);
    for (int step = 0; step < 200000; step++) {
        if (nlive < ARRAY_SIZE(live) && (rand() % 3 || !nlive)) {
            unsigned int o = rand() % 7;
            unsigned long m = buddy_alloc(&b, o);
            if (m == INVALID_MFN)
                continue;
            for (unsigned long i = m; i < m + (1UL << o); i++) {
                if (owner[i]) {
                    test_fail(__FILE__, __LINE__, "frame %#lx handed out twice", i);
                    return;
                }
                owner[i] = 1;
            }
            live[nlive].mfn = m;
            live[nlive++].order = o;
        } else {
            unsigned int k = rand() % nlive;
            for (unsigned long i = live[k].mfn; i < live[k].mfn + (1UL << live[k].order); i++)
                owner[i] = 0;
            buddy_free(&b, live[k].mfn, live[k].order);
            live[k] = live[--nlive];
        }
    }
    CHECK_EQ(listed_pages(), b.free_pages);
    while (nlive) {
        nlive--;
        buddy_free(&b, live[nlive].mfn, live[nlive].order);
    }
    CHECK_EQ(b.free_pages, NR);
    CHECK_EQ(blocks(13), 1);
}

int main(void)
{
    test_whole_range_merges();
    test_odd_range();
    test_every_order();
    test_exhaustion_and_back();
    test_double_free();
    test_sparse_frame_table();
    test_random_stress();
    return test_done();
}
