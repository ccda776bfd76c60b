/* SPDX-License-Identifier: GPL-2.0-only */
/* W^X for the hypervisor image: remap its slot with 4 KiB pages by section, and nothing else; SMEP. */
#include <xen/lib.h>
#include <xen/mm.h>
#include <asm/boot-defs.h>
#include <asm/image.h>
#include <asm/layout.h>
#include <asm/page.h>
#include <asm/processor.h>

#define IMAGE_L1_TABLES 8               /* 16 MiB of image; the linker script asserts it */

extern pte_t l3_xenmap[PT_ENTRIES];
static pte_t image_l2[PT_ENTRIES] __aligned(PAGE_SIZE);
static pte_t image_l1[IMAGE_L1_TABLES][PT_ENTRIES] __aligned(PAGE_SIZE);

static pte_t image_flags(unsigned long va)
{
    pte_t f = _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL;
    if (va < (unsigned long)_etext)
        return f;                                       /* text: read, execute */
    if (va < (unsigned long)_sdata)
        return f | _PAGE_NX;                            /* rodata, notes: read */
    return f | _PAGE_RW | _PAGE_DIRTY | _PAGE_NX;       /* data, bss: read, write */
}

void image_protect(void)
{
    unsigned long start = (unsigned long)_start, end = (unsigned long)_end;
    bool nx = rdmsr(MSR_EFER) & EFER_NXE;

    BUG_ON(start & (SUPERPAGE_2M - 1));
    BUG_ON(end - start > IMAGE_L1_TABLES * SUPERPAGE_2M);
    for (unsigned long va = start; va < end; va += PAGE_SIZE) {
        unsigned long i = (va - start) >> L1_SHIFT;
        pte_t f = image_flags(va);
        if (!nx)
            f &= ~_PAGE_NX;
        image_l1[i / PT_ENTRIES][i % PT_ENTRIES] = (va - XEN_VIRT_START) | f;
    }
    for (unsigned long t = 0; t * SUPERPAGE_2M < end - start; t++)
        image_l2[pt_index(start, L2_SHIFT) + t] = __pa(image_l1[t]) | PAGE_TABLE_FLAGS;
    /* Every address space shares l3_xenmap, so this one store switches them all. */
    __atomic_store_n(&l3_xenmap[pt_index(XEN_VIRT_START, L3_SHIFT)], __pa(image_l2) | PAGE_TABLE_FLAGS,
                     __ATOMIC_SEQ_CST);
    unsigned long cr4 = read_cr4();
    write_cr4(cr4 & ~X86_CR4_PGE);                      /* flush global entries too */
    write_cr4(cr4);
    printk("Image: text %lu KiB read/execute, read-only %lu KiB, data %lu KiB no-execute; "
           "nothing else in the image slot\n", ((unsigned long)_etext - start) >> 10,
           ((unsigned long)_sdata - (unsigned long)_srodata) >> 10, (end - (unsigned long)_sdata) >> 10);
}

void *image_text_writable(const void *text)
{
    return __va(__pa(text));
}

void cpu_harden_init(void)
{
    if (cpu_has_smep())
        write_cr4(read_cr4() | X86_CR4_SMEP);
}
