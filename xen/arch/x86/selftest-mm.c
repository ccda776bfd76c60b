/* SPDX-License-Identifier: GPL-2.0-only */
/* Self-test: take every free page, write and check a pattern through the direct map, give all back. */
#include <xen/buddy.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/selftest.h>

#define PATTERN(va) (((unsigned long)(va) * 0x9e3779b97f4a7c15UL) | 1)

struct chunk {
    struct chunk *next;
    unsigned int order;
};

/* Take all memory, largest blocks first; a chain through the blocks themselves keeps them. */
static struct chunk *grab_all(unsigned long *pages)
{
    struct chunk *list = NULL;
    *pages = 0;
    for (int order = MAX_ORDER; order >= 0; order--) {
        struct chunk *c;
        while ((c = alloc_xenheap_pages(order))) {
            c->next = list;
            c->order = order;
            list = c;
            *pages += 1UL << order;
        }
    }
    return list;
}

/*
 * Sample words spread over every block, and its last page: each first touch of guest RAM
 * costs QEMU a host page, so writing all of it would take seconds and gigabytes of host RAM.
 * Returns how many words read back wrong.
 */
static bool word_ok(struct chunk *c, unsigned long page, bool check)
{
    unsigned long *w = (unsigned long *)((char *)c + page * PAGE_SIZE + 64 + (page % 32) * 64);
    if (!check)
        *w = PATTERN(w);
    return *w == PATTERN(w);
}

static unsigned long pattern(struct chunk *list, bool check)
{
    unsigned long bad = 0;
    for (struct chunk *c = list; c; c = c->next) {
        unsigned long pages = 1UL << c->order, stride = MAX(16UL, pages / 16);
        for (unsigned long i = 0; i < pages; i += stride)
            bad += !word_ok(c, i, check);
        bad += !word_ok(c, pages - 1, check);
    }
    return bad;
}

static bool xmalloc_round(void)
{
    static void *p[512];
    unsigned long before = xmalloc_pages_in_use();
    for (unsigned int i = 0; i < ARRAY_SIZE(p); i++) {
        size_t size = 1 + (i * 37) % (i % 8 == 0 ? 20000 : 900);
        if (!(p[i] = xzalloc_bytes(size)))
            return false;
        memset(p[i], 0xa5, size);
    }
    for (unsigned int i = 0; i < ARRAY_SIZE(p); i += 2)
        xfree(p[i]);
    for (unsigned int i = 1; i < ARRAY_SIZE(p); i += 2)
        xfree(p[i]);
    return xmalloc_pages_in_use() == before;
}

static void selftest_mm(void)
{
    unsigned long free_before = free_ram_pages(), got;
    struct chunk *list = grab_all(&got);
    if (got != free_before || free_ram_pages() != 0) {
        printk("SELFTEST mm FAIL: allocated %lu of %lu free pages, %lu left\n", got, free_before,
               free_ram_pages());
        return;
    }
    printk("SELFTEST mm took all %lu free pages\n", got);
    pattern(list, false);
    unsigned long bad = pattern(list, true);
    printk("SELFTEST mm pattern written and checked\n");
    while (list) {
        struct chunk *next = list->next;
        free_xenheap_pages(list, list->order);
        list = next;
    }
    if (bad || free_ram_pages() != free_before) {
        printk("SELFTEST mm FAIL: %lu words lost the pattern, free %lu after vs %lu before\n",
               bad, free_ram_pages(), free_before);
        return;
    }
    if (!xmalloc_round() || free_ram_pages() != free_before) {
        printk("SELFTEST mm FAIL: xmalloc/xfree did not give every page back\n");
        return;
    }
    printk("SELFTEST mm PASS: %lu MiB allocated, patterned, checked and freed; %lu pages free again\n",
           got >> 8, free_before);
}
SELFTEST("mm", selftest_mm, 10);
