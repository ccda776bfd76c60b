/* SPDX-License-Identifier: GPL-2.0-only */
/* Console rings served by the hypervisor for domains without a console daemon (common/domain_console.c). */
#ifndef XEN_DOMAIN_CONSOLE_H
#define XEN_DOMAIN_CONSOLE_H

struct domain;

#include <xen/types.h>

/*
 * Serve the ring in frame @mfn of @d; returns the guest's event-channel port
 * for it, or -errno. @mfn 0: no ring, only console_io lines get the prefix
 * (a privileged boot-time domain); returns 0.
 */
int domain_console_init(struct domain *d, unsigned long mfn);
/* HYPERVISOR_console_io output of @d (which has a console): same "(d<id>:<name>) " lines. */
void domain_console_write(struct domain *d, const char *s, size_t len);
/* The guest sent on @port (an event channel whose consumer is the hypervisor). */
void domain_console_notify(struct domain *d, unsigned int port);
/* Print what is left, a partial last line too (the domain stopped). */
void domain_console_flush(struct domain *d);
/* Flush and stop serving (domain destruction). */
void domain_console_destroy(struct domain *d);

#endif
