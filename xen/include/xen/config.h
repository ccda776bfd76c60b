/* SPDX-License-Identifier: GPL-2.0-only */
/* Build-time limits. */
#ifndef XEN_CONFIG_H
#define XEN_CONFIG_H

#define NR_CPUS             256
#define XENOLITH_VERSION    "0.1"
#define XENOLITH_MAJOR      0
#define XENOLITH_MINOR      1

#endif
