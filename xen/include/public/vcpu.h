/* SPDX-License-Identifier: MIT */
/* Xen vCPU interface: vcpu_op(cmd, vcpuid, arg) sub-ops, runstate and timers. */
#ifndef XEN_PUBLIC_VCPU_H
#define XEN_PUBLIC_VCPU_H

#include "xen.h"

#define VCPUOP_initialise                     0 /* struct vcpu_guest_context */
#define VCPUOP_up                             1
#define VCPUOP_down                           2
#define VCPUOP_is_up                          3
#define VCPUOP_get_runstate_info              4
#define VCPUOP_register_runstate_memory_area  5
#define VCPUOP_set_periodic_timer             6
#define VCPUOP_stop_periodic_timer            7
#define VCPUOP_set_singleshot_timer           8
#define VCPUOP_stop_singleshot_timer          9
#define VCPUOP_register_vcpu_info            10
#define VCPUOP_send_nmi                      11
#define VCPUOP_get_physid                    12
#define VCPUOP_register_vcpu_time_memory_area 13
#define VCPUOP_register_runstate_phys_area   14
#define VCPUOP_register_vcpu_time_phys_area  15

#define RUNSTATE_running  0
#define RUNSTATE_runnable 1
#define RUNSTATE_blocked  2
#define RUNSTATE_offline  3

/* Set in state_entry_time while the hypervisor updates the area. */
#define XEN_RUNSTATE_UPDATE (1ULL << 63)

#define VCPU_SSHOTTMR_future (1 << 0) /* fail with -ETIME if already past */

struct vcpu_runstate_info {
    int32_t state;             /* OUT: RUNSTATE_* */
    uint32_t _pad;
    uint64_t state_entry_time; /* OUT: ns */
    uint64_t time[4];          /* OUT: ns spent in each state */
};

struct vcpu_register_runstate_memory_area {
    union {
        struct vcpu_runstate_info *v; /* IN: guest virtual address */
        uint64_t p;
    } addr;
};

struct vcpu_set_periodic_timer {
    uint64_t period_ns; /* IN */
};

struct vcpu_set_singleshot_timer {
    uint64_t timeout_abs_ns; /* IN: system time */
    uint32_t flags;          /* IN: VCPU_SSHOTTMR_* */
    uint32_t _pad;
};

struct vcpu_register_vcpu_info {
    uint64_t mfn;    /* IN */
    uint32_t offset; /* IN: offset + 64 must fit in the page */
    uint32_t rsvd;   /* IN: 0 */
};

struct vcpu_get_physid {
    uint64_t phys_id; /* OUT */
};

struct vcpu_register_time_memory_area {
    union {
        struct vcpu_time_info *v; /* IN */
        uint64_t p;
    } addr;
};

#endif
