/* SPDX-License-Identifier: GPL-2.0-only */
/* MSI and MSI-X: address/data written by the hypervisor, enable bits left to the guest's driver. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <asm/iomem.h>
#include <asm/msi.h>
#include <asm/pci.h>

#define MSI_ADDR_BASE   0xfee00000u
#define MSI_FLAGS       2               /* capability offsets */
#define MSI_64BIT       0x80
#define MSI_MASKBIT     0x100
#define MSIX_TABLE      4
#define MSIX_ENTRY_SIZE 16

/* The memory BAR @bir of the function, read here (never trusted from the caller), 0 if none. */
static paddr_t mem_bar(uint32_t sbdf, unsigned int bir)
{
    if (bir > 5)
        return 0;
    uint32_t lo = pci_conf_read(sbdf, 0x10 + 4 * bir, 4);
    if (lo & 1)
        return 0;                       /* an I/O BAR */
    paddr_t base = lo & ~0xfu;
    if ((lo & 6) == 4 && bir < 5)
        base |= (paddr_t)pci_conf_read(sbdf, 0x14 + 4 * bir, 4) << 32;
    return base;
}

static int msix_map_entry(struct msi_target *t)
{
    unsigned int nr = (pci_conf_read(t->sbdf, t->pos + MSI_FLAGS, 2) & 0x7ff) + 1;
    if (t->entry >= nr)
        return -EINVAL;
    uint32_t tbl = pci_conf_read(t->sbdf, t->pos + MSIX_TABLE, 4);
    paddr_t bar = mem_bar(t->sbdf, tbl & 7);
    if (!bar)
        return -ENXIO;                  /* as Xen: the BAR is not set up */
    paddr_t pa = bar + (tbl & ~7u) + (paddr_t)t->entry * MSIX_ENTRY_SIZE;
    unsigned long mfn = pa >> PAGE_SHIFT;
    if (mfn_valid(mfn) && page_state(mfn_to_page(mfn)) != PGC_state_none)
        return -EPERM;                  /* a BAR pointing into RAM: never write there */
    t->mmio = ioremap(pa, MSIX_ENTRY_SIZE);
    if (!t->mmio)
        return -ENOMEM;
    /* The table is the hypervisor's now: the privileged domain may read it only (as Xen). */
    iomem_mark_read_only(pa >> PAGE_SHIFT);
    return 0;
}

int msi_program(struct msi_target *t, unsigned int vector, uint32_t dest)
{
    uint32_t addr = MSI_ADDR_BASE | (dest & 0xff) << 12;    /* physical destination, fixed */
    uint32_t data = vector;                                 /* edge, fixed delivery */

    if (pci_conf_read(t->sbdf, 0, 2) == 0xffff)
        return -ENODEV;
    t->pos = pci_find_cap(t->sbdf, t->msix ? PCI_CAP_ID_MSIX : PCI_CAP_ID_MSI);
    if (!t->pos)
        return -ENODEV;
    if (t->msix) {
        int rc = msix_map_entry(t);
        if (rc)
            return rc;
        t->mmio[3] = 1;                 /* masked while it changes */
        t->mmio[0] = addr;
        t->mmio[1] = 0;
        t->mmio[2] = data;
        return 0;
    }
    unsigned int flags = pci_conf_read(t->sbdf, t->pos + MSI_FLAGS, 2);
    pci_conf_write(t->sbdf, t->pos + 4, 4, addr);
    if (flags & MSI_64BIT) {
        pci_conf_write(t->sbdf, t->pos + 8, 4, 0);
        pci_conf_write(t->sbdf, t->pos + 12, 2, data);
    } else {
        pci_conf_write(t->sbdf, t->pos + 8, 2, data);
    }
    msi_mask(t, true);
    return 0;
}

void msi_mask(struct msi_target *t, bool masked)
{
    if (t->msix) {
        if (t->mmio)
            t->mmio[3] = masked;
        return;
    }
    unsigned int flags = pci_conf_read(t->sbdf, t->pos + MSI_FLAGS, 2);
    if (flags & MSI_MASKBIT) {           /* per-vector masking: vector 0 is ours */
        unsigned int reg = t->pos + ((flags & MSI_64BIT) ? 0x10 : 0x0c);
        uint32_t m = pci_conf_read(t->sbdf, reg, 4);
        pci_conf_write(t->sbdf, reg, 4, masked ? m | 1 : m & ~1u);
    }
}

void msi_release(struct msi_target *t)
{
    msi_mask(t, true);
    t->mmio = NULL;                     /* the ioremap window is not reclaimed */
}
