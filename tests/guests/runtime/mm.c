/* SPDX-License-Identifier: GPL-2.0-only */
/* Page-table walking and mapping helpers over mmu_update, update_va_mapping and mmuext_op. */
#include "guest.h"

#define POOL_PAGES 48

static uint8_t pool[POOL_PAGES][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static unsigned int pool_used;

static unsigned int index_of(const void *va, int level)
{
    return ((uint64_t)va >> (PAGE_SHIFT + 9 * (level - 1))) & 511;
}

uint64_t *pte_of(const void *va, int level)
{
    uint64_t *table = (uint64_t *)start_info->pt_base;

    for (int l = 4; l > level; l--) {
        uint64_t e = table[index_of(va, l)];

        if (!(e & PTE_P))
            return NULL;
        table = mfn_to_virt((e & PTE_ADDR) >> PAGE_SHIFT);
    }
    return &table[index_of(va, level)];
}

uint64_t pte_maddr(const void *va, int level)
{
    uint64_t *e = pte_of(va, level);

    return e ? virt_to_maddr(e) : 0;
}

uint64_t pt_mfn(const void *va, int level)
{
    uint64_t *e = pte_of(va, level);

    return e ? virt_to_mfn(e) : 0;
}

void *alloc_page(void)
{
    if (pool_used == POOL_PAGES) {
        test_error("page pool exhausted");
        test_finish();
    }
    void *p = pool[pool_used++];

    memset(p, 0, PAGE_SIZE);
    return p;
}

long remap(void *va, uint64_t mfn, uint64_t flags)
{
    return hc_update_va_mapping(va, (mfn << PAGE_SHIFT) | flags, UVMF_INVLPG);
}

long make_readonly(void *va)
{
    return remap(va, virt_to_mfn(va), PTE_P | PTE_A);
}

long make_writable(void *va)
{
    return remap(va, virt_to_mfn(va), PTE_P | PTE_RW | PTE_A | PTE_D);
}

long mmu_update1(uint64_t ptr, uint64_t val)
{
    struct mmu_update u = { .ptr = ptr, .val = val };

    return hc_mmu_update(&u, 1, NULL, DOMID_SELF);
}

long mmuext1(unsigned int cmd, uint64_t arg1, uint64_t arg2)
{
    struct mmuext_op op = { .cmd = cmd };

    op.arg1.mfn = arg1;
    op.arg2.src_mfn = arg2;
    return hc_mmuext_op(&op, 1, NULL, DOMID_SELF);
}
