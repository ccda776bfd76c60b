/* SPDX-License-Identifier: MIT */
/* System control (toolstack only): sysctl(struct xen_sysctl *), Xen 4.17 interface 0x15. */
#ifndef XEN_PUBLIC_SYSCTL_H
#define XEN_PUBLIC_SYSCTL_H

#include "xen.h"
#include "domctl.h"

#define XEN_SYSCTL_INTERFACE_VERSION 0x00000015

/* XEN_SYSCTL_physinfo (OUT). */
struct xen_sysctl_physinfo {
    uint32_t threads_per_core;
    uint32_t cores_per_socket;
    uint32_t nr_cpus;                   /* online */
    uint32_t max_cpu_id;
    uint32_t nr_nodes;
    uint32_t max_node_id;
    uint32_t cpu_khz;
#define XEN_SYSCTL_PHYSCAP_hvm       (1U << 0)
#define XEN_SYSCTL_PHYSCAP_pv        (1U << 1)
#define XEN_SYSCTL_PHYSCAP_directio  (1U << 2)
#define XEN_SYSCTL_PHYSCAP_gnttab_v1 (1U << 8)
#define XEN_SYSCTL_PHYSCAP_gnttab_v2 (1U << 9)
    uint32_t capabilities;
    uint32_t arch_capabilities;
    uint32_t pad;
    uint64_t total_pages;
    uint64_t free_pages;
    uint64_t scrub_pages;
    uint64_t outstanding_pages;
    uint64_t max_mfn;
    uint32_t hw_cap[8];
};

/* XEN_SYSCTL_getdomaininfolist: domains with id >= first_domain, in id order. */
struct xen_sysctl_getdomaininfolist {
    domid_t first_domain;               /* IN */
    uint32_t max_domains;               /* IN */
    XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t) buffer;   /* IN: max_domains entries */
    uint32_t num_domains;               /* OUT */
};

/* XEN_SYSCTL_sched_id (OUT): the scheduler, XEN_SCHEDULER_*. */
struct xen_sysctl_sched_id {
    uint32_t sched_id;
};

struct xen_sysctl {
    uint32_t cmd;
#define XEN_SYSCTL_readconsole       1
#define XEN_SYSCTL_physinfo          3
#define XEN_SYSCTL_sched_id          4
#define XEN_SYSCTL_getdomaininfolist 6
    uint32_t interface_version;         /* XEN_SYSCTL_INTERFACE_VERSION, else -EACCES */
    union {
        struct xen_sysctl_physinfo physinfo;
        struct xen_sysctl_getdomaininfolist getdomaininfolist;
        struct xen_sysctl_sched_id sched_id;
        uint8_t pad[128];
    } u;
};

#endif
