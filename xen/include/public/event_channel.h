/* SPDX-License-Identifier: MIT */
/* Xen event channels: event_channel_op(cmd, arg) sub-ops and their argument blocks. */
#ifndef XEN_PUBLIC_EVENT_CHANNEL_H
#define XEN_PUBLIC_EVENT_CHANNEL_H

#include "xen.h"

#define EVTCHNOP_bind_interdomain 0
#define EVTCHNOP_bind_virq        1
#define EVTCHNOP_bind_pirq        2
#define EVTCHNOP_close            3
#define EVTCHNOP_send             4
#define EVTCHNOP_status           5
#define EVTCHNOP_alloc_unbound    6
#define EVTCHNOP_bind_ipi         7
#define EVTCHNOP_bind_vcpu        8
#define EVTCHNOP_unmask           9
#define EVTCHNOP_reset            10
#define EVTCHNOP_init_control     11
#define EVTCHNOP_expand_array     12
#define EVTCHNOP_set_priority     13
#define EVTCHNOP_reset_cont       14

/* 2-level ABI: 64 words of 64 bits. */
#define EVTCHN_2L_NR_CHANNELS 4096

/* evtchn_status.status */
#define EVTCHNSTAT_closed     0
#define EVTCHNSTAT_unbound    1
#define EVTCHNSTAT_interdomain 2
#define EVTCHNSTAT_pirq       3
#define EVTCHNSTAT_virq       4
#define EVTCHNSTAT_ipi        5

#define BIND_PIRQ__WILL_SHARE 1

typedef uint32_t evtchn_port_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_port_t);

struct evtchn_alloc_unbound {
    domid_t dom;        /* IN: DOMID_SELF or a domain (privileged) */
    domid_t remote_dom; /* IN */
    evtchn_port_t port; /* OUT */
};

struct evtchn_bind_interdomain {
    domid_t remote_dom;        /* IN */
    evtchn_port_t remote_port; /* IN */
    evtchn_port_t local_port;  /* OUT */
};

struct evtchn_bind_virq {
    uint32_t virq;      /* IN: VIRQ_* */
    uint32_t vcpu;      /* IN */
    evtchn_port_t port; /* OUT */
};

struct evtchn_bind_pirq {
    uint32_t pirq;      /* IN */
    uint32_t flags;     /* IN: BIND_PIRQ__* */
    evtchn_port_t port; /* OUT */
};

struct evtchn_bind_ipi {
    uint32_t vcpu;      /* IN */
    evtchn_port_t port; /* OUT */
};

struct evtchn_close {
    evtchn_port_t port; /* IN */
};

struct evtchn_send {
    evtchn_port_t port; /* IN */
};

struct evtchn_status {
    domid_t dom;        /* IN */
    evtchn_port_t port; /* IN */
    uint32_t status;    /* OUT: EVTCHNSTAT_* */
    uint32_t vcpu;      /* OUT: vCPU the port notifies */
    union {
        struct { domid_t dom; } unbound;
        struct { domid_t dom; evtchn_port_t port; } interdomain;
        uint32_t pirq;
        uint32_t virq;
    } u;                /* OUT */
};

struct evtchn_bind_vcpu {
    evtchn_port_t port; /* IN */
    uint32_t vcpu;      /* IN */
};

struct evtchn_unmask {
    evtchn_port_t port; /* IN */
};

struct evtchn_reset {
    domid_t dom; /* IN */
};

struct evtchn_init_control {
    uint64_t control_gfn; /* IN */
    uint32_t offset;      /* IN */
    uint32_t vcpu;        /* IN */
    uint8_t link_bits;    /* OUT */
    uint8_t _pad[7];
};

struct evtchn_expand_array {
    uint64_t array_gfn; /* IN */
};

struct evtchn_set_priority {
    evtchn_port_t port; /* IN */
    uint32_t priority;  /* IN */
};

#endif
