/* SPDX-License-Identifier: GPL-2.0-only */
/* Build-time limits. */
#ifndef XEN_CONFIG_H
#define XEN_CONFIG_H

#define NR_CPUS             256
#define XENOLITH_VERSION    "0.1"
#define XENOLITH_MAJOR      0
#define XENOLITH_MINOR      1

/* The Xen ABI version guests are told (xen_version): what Xenolith implements. */
#define XENOLITH_XEN_MAJOR  4
#define XENOLITH_XEN_MINOR  17
#define XENOLITH_XEN_EXTRA  "-xenolith"

#endif
