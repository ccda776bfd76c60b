/* SPDX-License-Identifier: GPL-2.0-only */
/* Host heap for pure modules: xmalloc/xfree on malloc, counting live blocks so tests can catch leaks. */
#ifndef TEST_HEAP_H
#define TEST_HEAP_H

#include <stdlib.h>
#include <string.h>

/* Blocks handed out and not yet freed. */
static long test_heap_live;

/* Weak: a test that compiles the real xen/common/xmalloc.c gets that one instead. */
__attribute__((weak)) void *xmalloc_bytes(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (p)
        test_heap_live++;
    return p;
}

__attribute__((weak)) void *xzalloc_bytes(size_t size)
{
    void *p = xmalloc_bytes(size);
    if (p)
        memset(p, 0, size);
    return p;
}

__attribute__((weak)) void xfree(void *p)
{
    if (p)
        test_heap_live--;
    free(p);
}

#endif
