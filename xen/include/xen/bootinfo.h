/* SPDX-License-Identifier: GPL-2.0-only */
/* What the boot loader told us, in one loader-independent form. */
#ifndef XEN_BOOTINFO_H
#define XEN_BOOTINFO_H

#include <xen/types.h>

#define MAX_BOOT_MODULES  16
#define MAX_MEMMAP        128

/* E820 types */
#define E820_RAM        1
#define E820_RESERVED   2
#define E820_ACPI       3
#define E820_NVS        4
#define E820_UNUSABLE   5

struct memmap_entry {
    uint64_t addr, size;
    uint32_t type;
};

struct memmap {
    unsigned int nr;
    struct memmap_entry e[MAX_MEMMAP];
};

struct boot_module {
    paddr_t start;
    uint64_t size;
    const char *cmdline;        /* module options, image path stripped */
};

struct boot_info {
    const char *loader;         /* "" when the loader gave no name */
    const char *cmdline;        /* hypervisor options, image path stripped */
    unsigned int nr_modules;
    struct boot_module mods[MAX_BOOT_MODULES];
    struct memmap map;
    paddr_t rsdp;               /* from the loader's ACPI tag; 0: scan for it */
    paddr_t info_start, info_end;   /* the loader's info structure, to keep reserved */
};

/* Translate a physical address below 4 GiB into something we can read. */
typedef const void *(*phys_reader_t)(paddr_t pa);

/* Returns 0, or -EINVAL with @err set to a one-line reason. */
int multiboot_parse(uint32_t magic, paddr_t info, phys_reader_t map,
                    struct boot_info *bi, const char **err);
/* Skip the image path the loader put in front of the options. */
const char *cmdline_skip_image(const char *cmdline, const char *loader);

#endif
