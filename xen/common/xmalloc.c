/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor heap: small objects in per-size pooled pages, large ones as whole pages. */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>

#define POOL_MAGIC      0x4c4f4f504d4c4f58ULL   /* "XOLMPOOL" */
#define LARGE_MAGIC     0x454752414c4c4f58ULL   /* "XOLLARGE" */
#define FREED_MAGIC     0x44454552464c4f58ULL   /* "XOLFREED" */
#define HDR_SIZE        64                      /* header at the start of every heap page */
#define MIN_SHIFT       4                       /* smallest object: 16 bytes */
#define MAX_SHIFT       10                      /* largest pooled object: 1 KiB */
#define NR_CLASSES      (MAX_SHIFT - MIN_SHIFT + 1)
#define MAX_OBJS        ((PAGE_SIZE - HDR_SIZE) >> MIN_SHIFT)

/* A page of objects of one size; pages with a free slot sit on their class's list. */
struct pool_page {
    uint64_t magic;
    struct pool_page *next, *prev;
    uint16_t size, nr, used, pad;
    uint64_t inuse[(MAX_OBJS + 63) / 64];      /* one bit per allocated slot */
};
_Static_assert(sizeof(struct pool_page) <= HDR_SIZE, "pool header must fit its slot");

/* The first page of a large allocation. */
struct large_hdr {
    uint64_t magic;
    unsigned long pages;
};

static struct pool_page *partial[NR_CLASSES];
static unsigned long pages_in_use;
static DEFINE_SPINLOCK(xmalloc_lock);

unsigned long xmalloc_pages_in_use(void) { return pages_in_use; }

static unsigned int order_for(unsigned long pages)
{
    unsigned int order = 0;
    while ((1UL << order) < pages)
        order++;
    return order;
}

/* Free pages [first, end) of an order-aligned block, in aligned power-of-two pieces. */
static void free_page_span(char *base, unsigned long first, unsigned long end)
{
    while (first < end) {
        unsigned int order = 0;
        while (!(first & (1UL << order)) && first + (2UL << order) <= end)
            order++;
        free_xenheap_pages(base + first * PAGE_SIZE, order);
        first += 1UL << order;
    }
}

static void *large_alloc(size_t size)
{
    unsigned long pages = (size + HDR_SIZE + PAGE_SIZE - 1) / PAGE_SIZE;
    unsigned int order = order_for(pages);
    char *base = alloc_xenheap_pages(order);
    if (!base)
        return NULL;
    free_page_span(base, pages, 1UL << order);     /* keep only what is needed */
    struct large_hdr *h = (struct large_hdr *)base;
    h->magic = LARGE_MAGIC;
    h->pages = pages;
    pages_in_use += pages;
    return base + HDR_SIZE;
}

static void large_free(struct large_hdr *h)
{
    unsigned long pages = h->pages;
    h->magic = FREED_MAGIC;
    pages_in_use -= pages;
    free_page_span((char *)h, 0, pages);
}

static void list_del(unsigned int c, struct pool_page *p)
{
    if (p->prev)
        p->prev->next = p->next;
    else
        partial[c] = p->next;
    if (p->next)
        p->next->prev = p->prev;
    p->next = p->prev = NULL;
}

static void list_add(unsigned int c, struct pool_page *p)
{
    p->prev = NULL;
    p->next = partial[c];
    if (p->next)
        p->next->prev = p;
    partial[c] = p;
}

static void *pool_alloc(unsigned int c)
{
    struct pool_page *p = partial[c];
    if (!p) {
        p = alloc_xenheap_pages(0);
        if (!p)
            return NULL;
        memset(p, 0, HDR_SIZE);
        p->magic = POOL_MAGIC;
        p->size = 1u << (c + MIN_SHIFT);
        p->nr = (PAGE_SIZE - HDR_SIZE) / p->size;
        pages_in_use++;
        list_add(c, p);
    }
    unsigned int slot = 0;
    while (p->inuse[slot / 64] == ~0ULL)
        slot += 64;
    slot += __builtin_ctzll(~p->inuse[slot / 64]);
    BUG_ON(slot >= p->nr);
    p->inuse[slot / 64] |= 1ULL << (slot % 64);
    if (++p->used == p->nr)
        list_del(c, p);
    return (char *)p + HDR_SIZE + slot * p->size;
}

static void pool_free(struct pool_page *p, void *ptr)
{
    unsigned long off = (unsigned long)ptr - (unsigned long)p - HDR_SIZE;
    unsigned int slot = off / p->size, c = __builtin_ctz(p->size) - MIN_SHIFT;
    if (off % p->size || slot >= p->nr) {
        printk(XENLOG_ERR "xfree(%p): not the start of a %u-byte heap object\n", ptr, p->size);
        BUG();
    }
    if (!(p->inuse[slot / 64] & (1ULL << (slot % 64)))) {
        printk(XENLOG_ERR "xfree(%p): double free of a %u-byte heap object\n", ptr, p->size);
        BUG();
    }
    p->inuse[slot / 64] &= ~(1ULL << (slot % 64));
    if (p->used-- == p->nr)
        list_add(c, p);
    if (!p->used) {                         /* an empty page goes back to the page allocator */
        list_del(c, p);
        p->magic = FREED_MAGIC;
        pages_in_use--;
        free_xenheap_pages(p, 0);
    }
}

void *xmalloc_bytes(size_t size)
{
    if (size > (1UL << 40))
        return NULL;                        /* nonsense size: fail rather than wrap */
    unsigned long f = spin_lock_irqsave(&xmalloc_lock);
    void *p;
    if (size > (1u << MAX_SHIFT)) {
        p = large_alloc(size);
    } else {
        unsigned int c = 0;
        while ((1UL << (c + MIN_SHIFT)) < size)
            c++;
        p = pool_alloc(c);
    }
    spin_unlock_irqrestore(&xmalloc_lock, f);
    return p;
}

void *xzalloc_bytes(size_t size)
{
    void *p = xmalloc_bytes(size);
    if (p)
        memset(p, 0, size);
    return p;
}

void xfree(void *ptr)
{
    if (!ptr)
        return;
    uint64_t *page = (uint64_t *)((unsigned long)ptr & PAGE_MASK);
    unsigned long f = spin_lock_irqsave(&xmalloc_lock);
    if (*page == POOL_MAGIC) {
        pool_free((struct pool_page *)page, ptr);
    } else if (*page == LARGE_MAGIC && (char *)ptr == (char *)page + HDR_SIZE) {
        large_free((struct large_hdr *)page);
    } else {
        printk(XENLOG_ERR "xfree(%p): %s\n", ptr, *page == FREED_MAGIC ?
               "already freed (double free)" : "not a pointer xmalloc returned");
        BUG();
    }
    spin_unlock_irqrestore(&xmalloc_lock, f);
}
