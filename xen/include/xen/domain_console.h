/* SPDX-License-Identifier: GPL-2.0-only */
/* Console rings served by the hypervisor for domains without a console daemon (common/domain_console.c). */
#ifndef XEN_DOMAIN_CONSOLE_H
#define XEN_DOMAIN_CONSOLE_H

struct domain;

/* Serve the ring in frame @mfn of @d; returns the guest's event-channel port for it, or -errno. */
int domain_console_init(struct domain *d, unsigned long mfn);
/* The guest sent on @port (an event channel whose consumer is the hypervisor). */
void domain_console_notify(struct domain *d, unsigned int port);
/* Print what is left, a partial last line too (the domain stopped). */
void domain_console_flush(struct domain *d);
/* Flush and stop serving (domain destruction). */
void domain_console_destroy(struct domain *d);

#endif
