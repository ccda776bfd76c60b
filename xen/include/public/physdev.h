/* SPDX-License-Identifier: MIT */
/* Xen physical device interface: physdev_op(cmd, arg) sub-ops used by PV kernels. */
#ifndef XEN_PUBLIC_PHYSDEV_H
#define XEN_PUBLIC_PHYSDEV_H

#include "xen.h"

#define PHYSDEVOP_irq_status_query   5
#define PHYSDEVOP_set_iopl           6
#define PHYSDEVOP_set_iobitmap       7
#define PHYSDEVOP_apic_read          8
#define PHYSDEVOP_apic_write         9
#define PHYSDEVOP_alloc_irq_vector   10
#define PHYSDEVOP_free_irq_vector    11
#define PHYSDEVOP_eoi                12
#define PHYSDEVOP_map_pirq           13
#define PHYSDEVOP_unmap_pirq         14
#define PHYSDEVOP_manage_pci_add     15
#define PHYSDEVOP_manage_pci_remove  16
#define PHYSDEVOP_pirq_eoi_gmfn_v1   17
#define PHYSDEVOP_restore_msi        19
#define PHYSDEVOP_setup_gsi          21
#define PHYSDEVOP_get_free_pirq      23
#define PHYSDEVOP_pci_mmcfg_reserved 24
#define PHYSDEVOP_pci_device_add     25
#define PHYSDEVOP_pci_device_remove  26
#define PHYSDEVOP_restore_msi_ext    27
#define PHYSDEVOP_pirq_eoi_gmfn_v2   28
#define PHYSDEVOP_dbgp_op            29
#define PHYSDEVOP_prepare_msix       30
#define PHYSDEVOP_release_msix       31
#define PHYSDEVOP_pci_device_reset   32

#define XENIRQSTAT_needs_eoi (1 << 0)
#define XENIRQSTAT_shared    (1 << 1)

#ifndef __ASSEMBLY__

struct physdev_eoi {
    uint32_t irq; /* IN */
};

struct physdev_irq_status_query {
    uint32_t irq;   /* IN */
    uint32_t flags; /* OUT: XENIRQSTAT_* */
};

struct physdev_set_iopl {
    uint32_t iopl; /* IN: 0..3 */
};

struct physdev_set_iobitmap {
    XEN_GUEST_HANDLE(uint8_t) bitmap; /* IN */
    uint32_t nr_ports;                /* IN */
};

struct physdev_apic {
    uint64_t apic_physbase; /* IN */
    uint32_t reg;           /* IN */
    uint32_t value;         /* IN/OUT */
};

struct physdev_pirq_eoi_gmfn {
    xen_pfn_t gmfn; /* IN */
};

/* PHYSDEVOP_map_pirq types */
#define MAP_PIRQ_TYPE_MSI        0x0
#define MAP_PIRQ_TYPE_GSI        0x1
#define MAP_PIRQ_TYPE_UNKNOWN    0x2
#define MAP_PIRQ_TYPE_MSI_SEG    0x3
#define MAP_PIRQ_TYPE_MULTI_MSI  0x4

struct physdev_map_pirq {
    domid_t domid;        /* IN */
    int type;             /* IN: MAP_PIRQ_TYPE_* */
    int index;            /* IN: the GSI for MAP_PIRQ_TYPE_GSI */
    int pirq;             /* IN (-1: any) / OUT */
    int bus;              /* IN: segment in bits 16-31 for _MSI_SEG/_MULTI_MSI */
    int devfn;            /* IN */
    int entry_nr;         /* IN: MSI-X entry (OUT too for _MULTI_MSI) */
    uint64_t table_base;  /* IN: MSI-X: the BAR holding the table */
};

struct physdev_unmap_pirq {
    domid_t domid;        /* IN */
    int pirq;             /* IN */
};

struct physdev_setup_gsi {
    int gsi;              /* IN */
    uint8_t triggering;   /* IN: 0 edge, 1 level */
    uint8_t polarity;     /* IN: 0 active high, 1 active low */
};

struct physdev_get_free_pirq {
    int type;             /* IN: MAP_PIRQ_TYPE_* */
    uint32_t pirq;        /* OUT */
};

struct physdev_irq {
    uint32_t irq;         /* IN */
    uint32_t vector;      /* OUT */
};

struct physdev_manage_pci {
    uint8_t bus;          /* IN */
    uint8_t devfn;        /* IN */
};

struct physdev_restore_msi {
    uint8_t bus;          /* IN */
    uint8_t devfn;        /* IN */
};

struct physdev_pci_device {
    uint16_t seg;         /* IN */
    uint8_t bus;          /* IN */
    uint8_t devfn;        /* IN */
};

struct physdev_pci_device_add {
    uint16_t seg;         /* IN */
    uint8_t bus;          /* IN */
    uint8_t devfn;        /* IN */
    uint32_t flags;       /* IN: XEN_PCI_DEV_* */
    struct {
        uint8_t bus;
        uint8_t devfn;
    } physfn;             /* IN: for virtual functions */
    uint32_t optarr[];    /* IN: optional (proximity domain with XEN_PCI_DEV_PXM) */
};

struct physdev_pci_mmcfg_reserved {
    uint64_t address;     /* IN */
    uint16_t segment;     /* IN */
    uint8_t start_bus;    /* IN */
    uint8_t end_bus;      /* IN */
    uint32_t flags;       /* IN */
};

#endif /* __ASSEMBLY__ */

#endif
