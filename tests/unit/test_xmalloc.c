/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/xmalloc.c */
/* xmalloc heap: pooled and large objects, every page returned, double free and bad pointers caught. */
#include <stdlib.h>
#include <string.h>
#include <test.h>
#include <xen/mm.h>

/* A fake xenheap: an arena of pages with a used flag each, so lost or doubly freed pages show. */
#define ARENA_PAGES 2048
static char *arena;
static unsigned char page_used[ARENA_PAGES];
static unsigned long arena_used;

void *alloc_xenheap_pages(unsigned int order)
{
    unsigned long n = 1UL << order;
    for (unsigned long p = 0; p + n <= ARENA_PAGES; p += n) {
        unsigned long i = 0;
        while (i < n && !page_used[p + i])
            i++;
        if (i < n)
            continue;
        memset(page_used + p, 1, n);
        arena_used += n;
        return arena + p * PAGE_SIZE;
    }
    return NULL;
}

void free_xenheap_pages(void *va, unsigned int order)
{
    unsigned long p = ((char *)va - arena) / PAGE_SIZE, n = 1UL << order;
    CHECK(((char *)va - arena) % PAGE_SIZE == 0 && p + n <= ARENA_PAGES);
    CHECK(!(p & (n - 1)));
    for (unsigned long i = p; i < p + n; i++) {
        if (!page_used[i])
            test_fail(__FILE__, __LINE__, "page %lu freed twice by xmalloc", i);
        page_used[i] = 0;
    }
    arena_used -= n;
}

static void test_small_objects(void)
{
    static char *p[1100];
    for (unsigned int i = 0; i < ARRAY_SIZE(p); i++) {
        size_t size = 1 + i % 1024;
        p[i] = xmalloc_bytes(size);
        CHECK(p[i] != NULL);
        CHECK_EQ((unsigned long)p[i] % 16, 0);
        memset(p[i], i & 0xff, size);
    }
    for (unsigned int i = 0; i < ARRAY_SIZE(p); i++) {     /* nothing overlapped */
        size_t size = 1 + i % 1024;
        for (size_t k = 0; k < size; k++)
            if ((unsigned char)p[i][k] != (i & 0xff)) {
                test_fail(__FILE__, __LINE__, "object %u byte %zu overwritten", i, k);
                break;
            }
    }
    CHECK(xmalloc_pages_in_use() > 0);
    CHECK_EQ(xmalloc_pages_in_use(), arena_used);
    for (unsigned int i = 0; i < ARRAY_SIZE(p); i += 3)
        xfree(p[i]);
    for (unsigned int i = 0; i < ARRAY_SIZE(p); i++)
        if (i % 3)
            xfree(p[i]);
    CHECK_EQ(xmalloc_pages_in_use(), 0);
    CHECK_EQ(arena_used, 0);
}

static void test_large_objects(void)
{
    void *a = xmalloc_bytes(1025);
    CHECK_EQ(arena_used, 1);
    void *b = xmalloc_bytes(PAGE_SIZE - 64);    /* header plus this: exactly one page */
    CHECK_EQ(arena_used, 2);
    void *c = xmalloc_bytes(PAGE_SIZE * 4 + 1); /* 5 pages: the 8-page block is trimmed */
    CHECK_EQ(arena_used, 7);
    CHECK_EQ(xmalloc_pages_in_use(), 7);
    memset(c, 0x5a, PAGE_SIZE * 4 + 1);
    xfree(b);
    xfree(c);
    xfree(a);
    CHECK_EQ(arena_used, 0);
    CHECK_EQ(xmalloc_pages_in_use(), 0);
}

static void test_zeroing_and_null(void)
{
    char *p = xmalloc_bytes(100);
    memset(p, 0xff, 100);
    xfree(p);
    char *q = xzalloc_bytes(100);
    for (int i = 0; i < 100; i++)
        CHECK_EQ(q[i], 0);
    xfree(q);
    xfree(NULL);
    CHECK(xmalloc_bytes(~0UL) == NULL);
    struct { int a[3]; } *s = xzalloc(typeof(*s));
    CHECK(s && !s->a[2]);
    xfree(s);
}

static void test_bad_frees(void)
{
    char *keep = xmalloc_bytes(32);             /* keeps the pool page alive */
    char *p = xmalloc_bytes(32);
    xfree(p);
    test_log_clear();
    EXPECT_BUG(xfree(p));
    CHECK_LOG("double free of a 32-byte heap object");

    test_log_clear();
    EXPECT_BUG(xfree(keep + 8));
    CHECK_LOG("not the start of a 32-byte heap object");

    char *big = xmalloc_bytes(3000);
    xfree(big);
    test_log_clear();
    EXPECT_BUG(xfree(big));                     /* the page is back in the fake heap, untouched */
    CHECK_LOG("already freed (double free)");

    static char not_heap[2 * PAGE_SIZE];
    char *inside = (char *)(((unsigned long)not_heap + PAGE_SIZE) & PAGE_MASK) + 128;
    test_log_clear();
    EXPECT_BUG(xfree(inside));
    CHECK_LOG("not a pointer xmalloc returned");
    xfree(keep);
    CHECK_EQ(arena_used, 0);
}

static void test_out_of_memory(void)
{
    static void *p[ARENA_PAGES];
    unsigned int n = 0;
    while (n < ARRAY_SIZE(p) && (p[n] = xmalloc_bytes(PAGE_SIZE)))
        n++;
    CHECK_EQ(n, ARENA_PAGES / 2);               /* 4 KiB plus header takes two pages */
    CHECK(xmalloc_bytes(16) == NULL);
    while (n)
        xfree(p[--n]);
    CHECK_EQ(arena_used, 0);
}

int main(void)
{
    arena = aligned_alloc(PAGE_SIZE, ARENA_PAGES * PAGE_SIZE);
    test_small_objects();
    test_large_objects();
    test_zeroing_and_null();
    test_bad_frees();
    test_out_of_memory();
    return test_done();
}
