/* SPDX-License-Identifier: GPL-2.0-only */
/* Programming a PCI function's MSI capability or one MSI-X table entry with our vector. */
#ifndef ASM_MSI_H
#define ASM_MSI_H

#include <xen/types.h>

struct msi_target {
    uint32_t sbdf;                      /* bus << 8 | devfn (segment 0 only) */
    bool msix;
    unsigned int entry;                 /* MSI-X table entry */
    paddr_t table_base;                 /* MSI-X: address of the BAR holding the table */
    unsigned int pos;                   /* capability offset, found when programmed */
    volatile uint32_t *mmio;            /* MSI-X: the mapped table entry */
};

/* Fill in address/data for @vector on the CPU with APIC id @dest; -ENODEV if there is no such capability. */
int msi_program(struct msi_target *t, unsigned int vector, uint32_t dest);
void msi_mask(struct msi_target *t, bool masked);
void msi_release(struct msi_target *t);

#endif
