/* SPDX-License-Identifier: GPL-2.0-only */
/* Event channels (2-level ABI): per-domain port table, raising events, VIRQs and pollers. */
#ifndef XEN_EVENT_H
#define XEN_EVENT_H

#include <xen/types.h>
#include <public/event_channel.h>

struct domain;
struct vcpu;

#define NR_EVTCHN_2L EVTCHN_2L_NR_CHANNELS   /* ports 1..4095; port 0 is reserved */

enum evtchn_state {
    ECS_FREE,
    ECS_RESERVED,                       /* port 0: never bound, never raised */
    ECS_UNBOUND,                        /* waiting for remote_domid to bind_interdomain */
    ECS_INTERDOMAIN,
    ECS_VIRQ,
    ECS_IPI,
};

struct evtchn {
    uint8_t state;                      /* enum evtchn_state */
    uint8_t notify_vcpu;                /* vCPU whose vcpu_info gets the selector bit */
    domid_t remote_dom;                 /* UNBOUND: who may bind; INTERDOMAIN: the peer */
    uint32_t remote_port;               /* INTERDOMAIN: the peer's port; VIRQ: the VIRQ number */
};

/* Domain lifecycle: the port table (port 0 reserved) and its release. */
int evtchn_init(struct domain *d);
void evtchn_destroy(struct domain *d);

/*
 * Raise @port of @v's domain towards @v (pending bit, then the mask, the
 * selector bit, evtchn_upcall_pending and a kick), and wake any vCPU of
 * the domain polling for it. Lock-free: it touches only shared_info and
 * the vCPU's vcpu_info with atomics.
 */
void evtchn_set_pending(struct vcpu *v, unsigned int port);
bool evtchn_is_pending(const struct domain *d, unsigned int port);
/* EVTCHNOP_unmask for @port: clear the mask bit and redo a lost notification. */
void evtchn_unmask_port(struct domain *d, unsigned int port);
void evtchn_clear_pending(struct domain *d, unsigned int port);

/* Set evtchn_upcall_pending on @v and kick it (wake if blocked, IPI if running elsewhere). */
void vcpu_mark_events_pending(struct vcpu *v);
/* Wake @v if it is blocked or polling (the wake-up half of SCHEDOP_block/poll). */
void vcpu_unblock(struct vcpu *v);

/*
 * Raise @virq for the guest: per-vCPU VIRQs (TIMER, DEBUG, XENOPROF, XENPMU)
 * on @v's binding; global ones on the binding held by vCPU 0, notifying the
 * vCPU the port is bound to. No binding: nothing happens.
 */
void evtchn_send_virq(struct vcpu *v, unsigned int virq);
bool virq_is_global(unsigned int virq);

/*
 * A port of @d whose other end is the hypervisor (state UNBOUND, remote
 * DOMID_XEN, so no domain can bind it): sends on it call
 * domain_console_notify(). Returns the port or -errno.
 */
int evtchn_alloc_xen_port(struct domain *d);

/* Send on a local port (EVTCHNOP_send); for hypervisor users too. */
int evtchn_send(struct domain *d, unsigned int port);

long do_event_channel_op(int cmd, unsigned long arg);

#endif
