/* SPDX-License-Identifier: MIT */
/* Xen version queries: xen_version(cmd, arg) sub-ops and their buffers. */
#ifndef XEN_PUBLIC_VERSION_H
#define XEN_PUBLIC_VERSION_H

#include "xen.h"

#define XENVER_version             0  /* arg NULL; returns major << 16 | minor */
#define XENVER_extraversion        1  /* xen_extraversion_t */
#define XENVER_compile_info        2  /* struct xen_compile_info */
#define XENVER_capabilities        3  /* xen_capabilities_info_t */
#define XENVER_changeset           4  /* xen_changeset_info_t */
#define XENVER_platform_parameters 5  /* struct xen_platform_parameters */
#define XENVER_get_features        6  /* struct xen_feature_info */
#define XENVER_pagesize            7  /* arg NULL; returns the page size */
#define XENVER_guest_handle        8  /* xen_domain_handle_t */
#define XENVER_commandline         9  /* xen_commandline_t (privileged) */
#define XENVER_build_id            10 /* struct xen_build_id */

#define XEN_EXTRAVERSION_LEN      16
#define XEN_CAPABILITIES_INFO_LEN 1024
#define XEN_CHANGESET_INFO_LEN    64
#define XEN_COMMANDLINE_INFO_LEN  1024

#ifndef __ASSEMBLY__

typedef char xen_extraversion_t[XEN_EXTRAVERSION_LEN];
typedef char xen_capabilities_info_t[XEN_CAPABILITIES_INFO_LEN];
typedef char xen_changeset_info_t[XEN_CHANGESET_INFO_LEN];
typedef char xen_commandline_t[XEN_COMMANDLINE_INFO_LEN];

struct xen_compile_info {
    char compiler[64];       /* OUT */
    char compile_by[16];     /* OUT */
    char compile_domain[32]; /* OUT */
    char compile_date[32];   /* OUT */
};

struct xen_platform_parameters {
    xen_ulong_t virt_start; /* OUT: lowest address of the hypervisor hole */
};

struct xen_feature_info {
    uint32_t submap_idx; /* IN: which 32-bit word of XENFEAT_* bits */
    uint32_t submap;     /* OUT */
};

struct xen_build_id {
    uint32_t len;          /* IN: buffer size; OUT: id length */
    unsigned char buf[1];  /* OUT: variable length */
};

#endif /* __ASSEMBLY__ */

#endif
