/* SPDX-License-Identifier: MIT */
/* Xen memory reservation and maps: memory_op(cmd, arg) sub-ops. */
#ifndef XEN_PUBLIC_MEMORY_H
#define XEN_PUBLIC_MEMORY_H

#include "xen.h"

#define XENMEM_increase_reservation 0  /* struct xen_memory_reservation */
#define XENMEM_decrease_reservation 1  /* struct xen_memory_reservation */
#define XENMEM_maximum_ram_page     2  /* arg NULL; returns the highest MFN */
#define XENMEM_current_reservation  3  /* domid_t *; returns pages */
#define XENMEM_maximum_reservation  4  /* domid_t *; returns pages */
#define XENMEM_machphys_mfn_list    5  /* struct xen_machphys_mfn_list */
#define XENMEM_populate_physmap     6  /* struct xen_memory_reservation */
#define XENMEM_add_to_physmap       7
#define XENMEM_memory_map           9  /* struct xen_memory_map (pseudo-physical) */
#define XENMEM_machine_memory_map   10 /* struct xen_memory_map (host, privileged) */
#define XENMEM_exchange             11
#define XENMEM_machphys_mapping     12 /* struct xen_machphys_mapping */
#define XENMEM_set_memory_map       13
#define XENMEM_maximum_gpfn         14 /* domid_t *; returns the highest GPFN */
#define XENMEM_remove_from_physmap  15
#define XENMEM_add_to_physmap_batch 23
#define XENMEM_claim_pages          24

/* xen_memory_reservation.mem_flags */
#define XENMEMF_address_bits(x)     (x)
#define XENMEMF_get_address_bits(x) ((x) & 0xffu)
#define XENMEMF_node(x)             (((x) + 1) << 8)
#define XENMEMF_populate_on_demand  (1 << 16)
#define XENMEMF_exact_node_request  (1 << 17)

#ifndef __ASSEMBLY__

struct xen_memory_reservation {
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start; /* IN/OUT: frame list */
    xen_ulong_t nr_extents;                   /* IN */
    uint32_t extent_order;                    /* IN */
    uint32_t mem_flags;                       /* IN: XENMEMF_* */
    domid_t domid;                            /* IN */
};

struct xen_memory_exchange {
    struct xen_memory_reservation in;         /* IN: frames given up (MFNs for PV) */
    struct xen_memory_reservation out;        /* IN: pseudo-physical frames; OUT: the new MFNs */
    xen_ulong_t nr_exchanged;                 /* IN (0) / OUT: input extents done */
};

struct xen_machphys_mfn_list {
    uint32_t max_extents;                     /* IN */
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start; /* OUT */
    uint32_t nr_extents;                      /* OUT */
};

struct xen_machphys_mapping {
    xen_ulong_t v_start, v_end; /* OUT: virtual range of the M2P */
    xen_ulong_t max_mfn;        /* OUT */
};

/* E820-style entry as stored in xen_memory_map.buffer (packed, 20 bytes). */
struct xen_e820_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
} __attribute__((packed));

struct xen_memory_map {
    uint32_t nr_entries;             /* IN: capacity; OUT: entries written */
    XEN_GUEST_HANDLE(void) buffer;   /* IN */
};

/* XENMEM_add_to_physmap: map a special frame at a GPFN (translated guests only). */
#define XENMAPSPACE_shared_info  0
#define XENMAPSPACE_grant_table  1     /* idx: frame number, | XENMAPIDX_grant_table_status */
#define XENMAPSPACE_gmfn         2
#define XENMAPSPACE_gmfn_range   3
#define XENMAPSPACE_gmfn_foreign 4
#define XENMAPSPACE_dev_mmio     5
#define XENMAPIDX_grant_table_status 0x80000000U

struct xen_add_to_physmap {
    domid_t domid;                  /* IN */
    uint16_t size;                  /* IN: gmfn_range only */
    unsigned int space;             /* IN: XENMAPSPACE_* */
    xen_ulong_t idx;                /* IN */
    xen_pfn_t gpfn;                 /* IN */
};

DEFINE_XEN_GUEST_HANDLE(xen_ulong_t);
DEFINE_XEN_GUEST_HANDLE(int);

struct xen_add_to_physmap_batch {
    domid_t domid;                  /* IN */
    uint16_t space;                 /* IN: XENMAPSPACE_* */
    uint16_t size;                  /* IN: entries in each list */
    union {
        domid_t foreign_domid;      /* IN: gmfn_foreign */
    } u;
    XEN_GUEST_HANDLE(xen_ulong_t) idxs;     /* IN */
    XEN_GUEST_HANDLE(xen_pfn_t) gpfns;      /* IN */
    XEN_GUEST_HANDLE(int) errs;             /* OUT */
};

#endif /* __ASSEMBLY__ */

#endif
