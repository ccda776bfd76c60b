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

#endif /* __ASSEMBLY__ */

#endif
