/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time domains described by a flattened device tree (docs/design/boot-domains-devicetree.md). */
#ifndef XEN_BOOT_DOMAINS_H
#define XEN_BOOT_DOMAINS_H

#include <xen/types.h>

#define BOOT_DOMAINS_MAX    16
#define BOOT_NO_MODULE      (~0u)

/* Hyperlaunch permission and mode bits (Xen's docs/designs/launch/hyperlaunch-devicetree.rst). */
#define BOOT_PERM_CONTROL   (1u << 0)
#define BOOT_PERM_HARDWARE  (1u << 1)
#define BOOT_MODE_PV        (1u << 0)
#define BOOT_MODE_DM        (1u << 1)
#define BOOT_MODE_LONG      (1u << 2)

#define BOOT_DEFAULT_WEIGHT 256

/* One `domain` node, checked; everything the builder and the scheduler need. */
struct boot_domain_cfg {
    char node[64];                      /* the node's path, for messages */
    char name[32];                      /* xenolith,name, default "d<domid>" */
    uint16_t domid;
    uint32_t permissions;
    bool privileged;                    /* permissions has CONTROL */
    unsigned int vcpus;
    uint64_t mem_kib;
    unsigned int kernel_mod;            /* multiboot module index */
    unsigned int ramdisk_mod;           /* BOOT_NO_MODULE if none */
    const char *bootargs;               /* in the tree; NULL: the kernel module's own command line */
    unsigned int weight, cap;           /* credit scheduler: weight 1..65535, cap in % of one CPU (0: none) */
    uint64_t affinity;                  /* physical CPUs allowed (bit n = CPU n); 0: any */
};

/* A device tree blob starts with this big-endian magic. */
bool boot_fdt_magic_ok(const void *blob, size_t len);

/*
 * Check the tree in @blob (@len bytes, the first of @nr_modules multiboot
 * modules) against the binding and fill @out with up to @max domains.
 * Returns the number of domains, or -1 with @err set to one line naming
 * the node and the problem.
 */
int boot_fdt_parse(const void *blob, size_t len, unsigned int nr_modules,
                   struct boot_domain_cfg *out, unsigned int max, char *err, size_t errlen);
/* The same, called the only way the hypervisor may call libfdt (arch/x86/libfdt-call.c). */
int boot_fdt_parse_safely(const void *blob, size_t len, unsigned int nr_modules,
                          struct boot_domain_cfg *out, unsigned int max, char *err, size_t errlen);

#endif
