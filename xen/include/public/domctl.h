/* SPDX-License-Identifier: MIT */
/* Domain control (toolstack only): domctl(struct xen_domctl *), Xen 4.17 interface 0x15. */
#ifndef XEN_PUBLIC_DOMCTL_H
#define XEN_PUBLIC_DOMCTL_H

#include "xen.h"

#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015

/* x86 per-domain configuration (createdomain IN, getdomaininfo OUT). */
struct xen_arch_domainconfig {
    uint32_t emulation_flags;           /* XEN_X86_EMU_*: 0 for a PV domain */
    uint32_t misc_flags;                /* XEN_X86_MSR_RELAXED */
};
#define XEN_X86_EMU_PIT      (1U << 8)
#define XEN_X86_MSR_RELAXED  (1U << 0)

/* XEN_DOMCTL_createdomain: xen_domctl.domain IN (0 or a reserved id: allocate) / OUT. */
struct xen_domctl_createdomain {
    uint32_t ssidref;
    xen_domain_handle_t handle;
#define XEN_DOMCTL_CDF_hvm           (1U << 0)
#define XEN_DOMCTL_CDF_hap           (1U << 1)
#define XEN_DOMCTL_CDF_s3_integrity  (1U << 2)
#define XEN_DOMCTL_CDF_oos_off       (1U << 3)
#define XEN_DOMCTL_CDF_xs_domain     (1U << 4)
#define XEN_DOMCTL_CDF_iommu         (1U << 5)
#define XEN_DOMCTL_CDF_nested_virt   (1U << 6)
#define XEN_DOMCTL_CDF_vpmu          (1U << 7)
#define XEN_DOMCTL_CDF_MAX           XEN_DOMCTL_CDF_vpmu
    uint32_t flags;
#define XEN_DOMCTL_IOMMU_no_sharept  (1U << 0)
    uint32_t iommu_opts;
    uint32_t max_vcpus;
    uint32_t max_evtchn_port;
    int32_t max_grant_frames;           /* < 0: the hypervisor's default */
    int32_t max_maptrack_frames;        /* < 0: the hypervisor's default */
#define XEN_DOMCTL_GRANT_version_mask 0xf
#define XEN_DOMCTL_GRANT_version(v)   ((v) & XEN_DOMCTL_GRANT_version_mask)
    uint32_t grant_opts;
    uint32_t vmtrace_size;
    uint32_t cpupool_id;
    struct xen_arch_domainconfig arch;
};

/* XEN_DOMCTL_getdomaininfo (OUT). */
struct xen_domctl_getdomaininfo {
    domid_t domain;
    uint16_t pad1;
#define XEN_DOMINF_dying      (1U << 0)
#define XEN_DOMINF_hvm_guest  (1U << 1)
#define XEN_DOMINF_shutdown   (1U << 2)
#define XEN_DOMINF_paused     (1U << 3)
#define XEN_DOMINF_blocked    (1U << 4)
#define XEN_DOMINF_running    (1U << 5)
#define XEN_DOMINF_debugged   (1U << 6)
#define XEN_DOMINF_xs_domain  (1U << 7)
#define XEN_DOMINF_hap        (1U << 8)
#define XEN_DOMINF_shutdownmask  255
#define XEN_DOMINF_shutdownshift 16
    uint32_t flags;
    uint64_t tot_pages;
    uint64_t max_pages;
    uint64_t outstanding_pages;
    uint64_t shr_pages;
    uint64_t paged_pages;
    uint64_t shared_info_frame;
    uint64_t cpu_time;
    uint32_t nr_online_vcpus;
#define XEN_INVALID_MAX_VCPU_ID (~0U)
    uint32_t max_vcpu_id;
    uint32_t ssidref;
    xen_domain_handle_t handle;
    uint32_t cpupool;
    uint8_t gpaddr_bits;
    uint8_t pad2[7];
    struct xen_arch_domainconfig arch_config;
};
typedef struct xen_domctl_getdomaininfo xen_domctl_getdomaininfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t);

/* XEN_DOMCTL_max_mem (IN). */
struct xen_domctl_max_mem {
    uint64_t max_memkb;
};

/* XEN_DOMCTL_setvcpucontext (IN) / XEN_DOMCTL_getvcpucontext (OUT): vCPU `vcpu`'s whole state. */
typedef struct vcpu_guest_context vcpu_guest_context_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_guest_context_t);
struct xen_domctl_vcpucontext {
    uint32_t vcpu;                                  /* IN */
    XEN_GUEST_HANDLE(vcpu_guest_context_t) ctxt;    /* IN (set; null: reset) / OUT (get) */
};

/* XEN_DOMCTL_hypercall_init (IN): fill the domain's frame `gmfn` (an MFN for PV) with hypercall stubs. */
struct xen_domctl_hypercall_init {
    uint64_t gmfn;
};

/* XEN_DOMCTL_max_vcpus (IN): must equal createdomain's max_vcpus; creates the vCPUs. */
struct xen_domctl_max_vcpus {
    uint32_t max;
};

/* A bitmap in guest memory: bit n is byte n/8, bit n%8 (xen.h in Xen). */
struct xenctl_bitmap {
    XEN_GUEST_HANDLE(uint8_t) bitmap;
    uint32_t nr_bits;
};

/* XEN_DOMCTL_getvcpuinfo: vcpu IN, the rest OUT. */
struct xen_domctl_getvcpuinfo {
    uint32_t vcpu;
    uint8_t online;                     /* not down */
    uint8_t blocked;                    /* waiting for an event */
    uint8_t running;                    /* on a CPU now */
    uint64_t cpu_time;                  /* ns run so far */
    uint32_t cpu;                       /* the CPU it is on or queued for */
};

/* XEN_DOMCTL_setvcpuaffinity / getvcpuaffinity: the CPUs a vCPU may (hard) or prefers to (soft) run on. */
struct xen_domctl_vcpuaffinity {
    uint32_t vcpu;
#define XEN_VCPUAFFINITY_HARD   (1U << 0)
#define XEN_VCPUAFFINITY_SOFT   (1U << 1)
#define XEN_VCPUAFFINITY_FORCE  (1U << 2)   /* also undo SCHEDOP_pin_override */
    uint32_t flags;
    /* set: IN, and OUT the effective mask; get: OUT */
    struct xenctl_bitmap cpumap_hard;
    struct xenctl_bitmap cpumap_soft;
};

/* XEN_DOMCTL_scheduler_op. */
#define XEN_SCHEDULER_CREDIT   5
#define XEN_SCHEDULER_CREDIT2  6
#define XEN_SCHEDULER_ARINC653 7
#define XEN_SCHEDULER_RTDS     8
#define XEN_SCHEDULER_NULL     9

struct xen_domctl_sched_credit {
    uint16_t weight;                    /* putinfo: 0 keeps the current one */
    uint16_t cap;                       /* % of one CPU, 0 none; putinfo: 0xffff keeps the current one */
};

struct xen_domctl_sched_credit2 {
    uint16_t weight;
    uint16_t cap;
};

struct xen_domctl_sched_rtds {
    uint32_t period;
    uint32_t budget;
#define XEN_DOMCTL_SCHEDRT_extra (1U << 0)
    uint32_t flags;
};

typedef struct xen_domctl_schedparam_vcpu {
    union {
        struct xen_domctl_sched_credit credit;
        struct xen_domctl_sched_credit2 credit2;
        struct xen_domctl_sched_rtds rtds;
    } u;
    uint32_t vcpuid;
} xen_domctl_schedparam_vcpu_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_schedparam_vcpu_t);

#define XEN_DOMCTL_SCHEDOP_putinfo     0
#define XEN_DOMCTL_SCHEDOP_getinfo     1
#define XEN_DOMCTL_SCHEDOP_putvcpuinfo 2    /* per-vCPU schedulers only (RTDS) */
#define XEN_DOMCTL_SCHEDOP_getvcpuinfo 3
struct xen_domctl_scheduler_op {
    uint32_t sched_id;                  /* XEN_SCHEDULER_*: must be the running one */
    uint32_t cmd;                       /* XEN_DOMCTL_SCHEDOP_* */
    union {                             /* IN/OUT */
        struct xen_domctl_sched_credit credit;
        struct xen_domctl_sched_credit2 credit2;
        struct xen_domctl_sched_rtds rtds;
        struct {
            XEN_GUEST_HANDLE(xen_domctl_schedparam_vcpu_t) vcpus;
            uint32_t nr_vcpus;
            uint32_t padding;
        } v;
    } u;
};

struct xen_domctl {
    uint32_t cmd;
#define XEN_DOMCTL_createdomain     1
#define XEN_DOMCTL_destroydomain    2
#define XEN_DOMCTL_pausedomain      3
#define XEN_DOMCTL_unpausedomain    4
#define XEN_DOMCTL_getdomaininfo    5
#define XEN_DOMCTL_setvcpuaffinity  9
#define XEN_DOMCTL_max_mem          11
#define XEN_DOMCTL_setvcpucontext   12
#define XEN_DOMCTL_getvcpucontext   13
#define XEN_DOMCTL_getvcpuinfo      14
#define XEN_DOMCTL_max_vcpus        15
#define XEN_DOMCTL_scheduler_op     16
#define XEN_DOMCTL_hypercall_init   22
#define XEN_DOMCTL_getvcpuaffinity  25
    uint32_t interface_version;         /* XEN_DOMCTL_INTERFACE_VERSION, else -EACCES */
    domid_t domain;
    uint16_t _pad[3];
    union {
        struct xen_domctl_createdomain createdomain;
        struct xen_domctl_getdomaininfo getdomaininfo;
        struct xen_domctl_vcpucontext vcpucontext;
        struct xen_domctl_hypercall_init hypercall_init;
        struct xen_domctl_max_mem max_mem;
        struct xen_domctl_max_vcpus max_vcpus;
        struct xen_domctl_getvcpuinfo getvcpuinfo;
        struct xen_domctl_vcpuaffinity vcpuaffinity;
        struct xen_domctl_scheduler_op scheduler_op;
        uint8_t pad[128];
    } u;
};

#endif
