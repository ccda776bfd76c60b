/* SPDX-License-Identifier: GPL-2.0-only */
/* Temporary weak stand-ins for the memory and time code SMP bring-up calls; delete once both are merged. */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/softirq.h>
#include <xen/timer.h>
#include <asm/layout.h>

/* Enough for a few APs' stacks and per-CPU areas. */
static char stub_pool[16 * STACK_SIZE] __aligned(STACK_SIZE);
static size_t stub_used;

__attribute__((weak)) void *alloc_xenheap_pages(unsigned int order)
{
    size_t size = PAGE_SIZE << order;
    size_t at = ROUNDUP(stub_used, size);
    if (at + size > sizeof(stub_pool))
        return NULL;
    stub_used = at + size;
    return stub_pool + at;
}

__attribute__((weak)) void free_xenheap_pages(void *va, unsigned int order) { }
__attribute__((weak)) unsigned long total_ram_pages(void) { return 0; }
__attribute__((weak)) void timer_init_cpu(void) { }
__attribute__((weak)) void do_softirq(void) { }
__attribute__((weak)) bool softirq_pending(unsigned int cpu) { return false; }

__attribute__((weak)) paddr_t __pa(const void *va)
{
    unsigned long v = (unsigned long)va;
    return v >= DIRECTMAP_VIRT_START ? v - DIRECTMAP_VIRT_START : v - XEN_VIRT_START;
}
