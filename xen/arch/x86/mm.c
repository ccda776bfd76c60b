/* SPDX-License-Identifier: GPL-2.0-only */
/* Hypervisor page tables: map_pages_to_xen, ioremap and __pa. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/memmap.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <asm/mm.h>
#include <asm/processor.h>

bool page_alloc_ready;
bool use_1g_pages;
uint64_t boot_pt_bytes;
static DEFINE_SPINLOCK(map_lock);
static unsigned long vmap_next = VMAP_VIRT_START;

paddr_t __pa(const void *va)
{
    unsigned long v = (unsigned long)va;
    if (v >= DIRECTMAP_VIRT_START && v < DIRECTMAP_VIRT_END)
        return v - DIRECTMAP_VIRT_START;
    if (v >= XEN_VIRT_START && v < XEN_VIRT_END)
        return v - XEN_VIRT_START;
    panic("__pa(%p): not a direct-map or image address", va);
}

static paddr_t alloc_table(void)
{
    paddr_t pa;
    if (page_alloc_ready) {
        void *p = alloc_xenheap_page();
        if (!p)
            return INVALID_PADDR;
        pa = __pa(p);
    } else {
        pa = boot_alloc(PAGE_SIZE, PAGE_SIZE);
        boot_pt_bytes += PAGE_SIZE;
    }
    memset(__va(pa), 0, PAGE_SIZE);
    return pa;
}

/* The table an entry points to, made if missing. NULL when out of memory. */
static pte_t *next_table(pte_t *entry)
{
    if (!(*entry & _PAGE_PRESENT)) {
        paddr_t pa = alloc_table();
        if (pa == INVALID_PADDR)
            return NULL;
        *entry = pa | PAGE_TABLE_FLAGS;
    }
    if (*entry & _PAGE_PSE)
        panic("map_pages: would split a superpage (%#llx); not supported", (unsigned long long)*entry);
    return __va(*entry & PTE_ADDR_MASK);
}

/* Install one leaf; remapping a live address to something else would need a TLB shootdown. */
static void set_leaf(pte_t *entry, pte_t val, unsigned long va)
{
    if ((*entry & _PAGE_PRESENT) && *entry != val)
        panic("map_pages: %#lx is already mapped (%#llx), refusing to remap it to %#llx",
              va, (unsigned long long)*entry, (unsigned long long)val);
    *entry = val;
}

int map_pages(pte_t *l4, unsigned long va, unsigned long mfn, unsigned long nr, uint64_t flags)
{
    if (!(rdmsr(MSR_EFER) & EFER_NXE))
        flags &= ~_PAGE_NX;                 /* a reserved bit without EFER.NXE */
    while (nr) {
        paddr_t pa = (paddr_t)mfn << PAGE_SHIFT;
        unsigned long step;
        pte_t *l3 = next_table(&l4[pt_index(va, L4_SHIFT)]);
        if (!l3)
            return -ENOMEM;
        pte_t *e3 = &l3[pt_index(va, L3_SHIFT)];
        if (use_1g_pages && !((va | pa) & (SUPERPAGE_1G - 1)) && nr >= SUPERPAGE_1G / PAGE_SIZE) {
            set_leaf(e3, pa | flags | _PAGE_PSE, va);
            step = SUPERPAGE_1G / PAGE_SIZE;
        } else {
            pte_t *l2 = next_table(e3);
            if (!l2)
                return -ENOMEM;
            pte_t *e2 = &l2[pt_index(va, L2_SHIFT)];
            if (!((va | pa) & (SUPERPAGE_2M - 1)) && nr >= SUPERPAGE_2M / PAGE_SIZE) {
                set_leaf(e2, pa | flags | _PAGE_PSE, va);
                step = SUPERPAGE_2M / PAGE_SIZE;
            } else {
                pte_t *l1 = next_table(e2);
                if (!l1)
                    return -ENOMEM;
                set_leaf(&l1[pt_index(va, L1_SHIFT)], pa | flags, va);
                step = 1;
            }
        }
        va += step << PAGE_SHIFT;
        mfn += step;
        nr -= step;
    }
    return 0;
}

int map_pages_to_xen(unsigned long va, unsigned long mfn, unsigned long nr, uint64_t flags)
{
    unsigned long f = spin_lock_irqsave(&map_lock);
    int rc = map_pages(idle_pg_table, va, mfn, nr, flags);
    spin_unlock_irqrestore(&map_lock, f);
    return rc;
}

void *ioremap(paddr_t pa, size_t size)
{
    if (!page_alloc_ready)
        panic("ioremap(%#llx) called before memory_init(); call memory_init first",
              (unsigned long long)pa);
    paddr_t first = pa & PAGE_MASK;
    unsigned long nr = PFN_UP(pa + MAX(size, 1UL)) - PFN_DOWN(pa);
    if (pa + size < pa || pa + size > MAX_PHYS_ADDR)
        return NULL;

    unsigned long f = spin_lock_irqsave(&map_lock);
    unsigned long va = vmap_next;
    int rc = -ENOMEM;
    if (va + ((nr + 1) << PAGE_SHIFT) <= VMAP_VIRT_END) {
        rc = map_pages(idle_pg_table, va, PFN_DOWN(first), nr, PAGE_HYPERVISOR_UC);
        vmap_next += (nr + 1) << PAGE_SHIFT;    /* plus an unmapped guard page */
    }
    spin_unlock_irqrestore(&map_lock, f);
    return rc ? NULL : (void *)(va + (pa - first));
}
