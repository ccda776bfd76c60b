/* SPDX-License-Identifier: GPL-2.0-only */
/* A domain's physical IRQs (pirqs): which hardware irq each maps and which event channel it raises. */
#ifndef XEN_PIRQ_H
#define XEN_PIRQ_H

#include <xen/types.h>

struct domain;

#define NR_DOMAIN_PIRQS 256
#define PIRQ_ALLOCATED  (-1)            /* reserved by get_free_pirq, no irq yet */

struct domain_pirqs {
    int16_t irq[NR_DOMAIN_PIRQS];       /* 0: unmapped (irq 0 is never given out, as in Xen) */
    uint16_t port[NR_DOMAIN_PIRQS];     /* bound event channel, 0 if none */
    unsigned long eoi_map_mfn;          /* PHYSDEVOP_pirq_eoi_gmfn: bit set = EOI needed */
    unsigned long *eoi_map;
};

long physdev_irq_op(int cmd, unsigned long arg);   /* the IRQ sub-ops of physdev_op */

/* Event-channel side (called with d->event_lock held): -EPERM unmapped, -EEXIST already bound. */
int pirq_bind_port(struct domain *d, unsigned int pirq, unsigned int port);
void pirq_unbind_port(struct domain *d, unsigned int pirq);
/* Teardown (from evtchn_destroy): unmap every pirq, drop the EOI-map page, free the table. */
void pirq_domain_destroy(struct domain *d);

#endif
