/* SPDX-License-Identifier: GPL-2.0-only */
/* Building the initial domain from the boot modules. */
#ifndef ASM_DOM0_BUILD_H
#define ASM_DOM0_BUILD_H

#include <xen/types.h>
#include <public/xen.h>

struct boot_info;
struct domain;

/* Build and start the initial domain; on failure print one line naming the cause and return NULL. */
struct domain *construct_initial_domain(const struct boot_info *bi);

/* What the PV builder needs to build one domain (the classic dom0 or a device-tree domain). */
struct domain_build_cfg {
    domid_t domid;
    const char *name;
    const char *who;                    /* message prefix: "Initial domain", "Domain 1 (ping)" */
    const struct boot_module *kernel, *ramdisk;     /* ramdisk may be NULL */
    const char *cmdline;                /* NULL: the kernel module's own command line */
    unsigned long nr_pages;             /* 0: the dom0_mem rule */
    const char *mem_option;             /* what set nr_pages, for messages: "dom0_mem", "memory" */
    unsigned int vcpus;
    bool privileged;                    /* SIF_PRIVILEGED|SIF_INITDOMAIN, privileged hypercalls */
    bool initial;                       /* the classic dom0: the machine follows its shutdown */
    bool hv_console;                    /* the hypervisor serves its console ring (no console daemon) */
};
/* Build a domain with all its vCPUs down; on failure print "<who>: <cause>" and return NULL. */
struct domain *construct_domain(const struct domain_build_cfg *cfg);
/* Let vCPU 0 of a built domain run. */
void domain_start(struct domain *d);

/* The first boot module is a flattened device tree (checked by its magic). */
bool boot_fdt_given(const struct boot_info *bi);
/* Build and start every domain of the tree; on any error one line, then halt or power off. */
void construct_boot_domains(const struct boot_info *bi);

/* The kernel module as an ELF image: bzImage and compressed images are unpacked into @*buf
 * (xenheap pages of @*order, to free after loading); plain ELF is used in place. */
int kernel_image_unpack(const void *mod, size_t len, const void **elf, size_t *elf_len,
                        void **buf, unsigned int *order, const char **err);

/* Bootstrap page tables: map [virt_base, virt_base + nr_pfns pages) to @p2m's frames. */
struct dom0_pt_layout {
    uint64_t virt_base;
    unsigned long nr_pfns;              /* pages mapped from virt_base */
    unsigned long pt_pfn;               /* first page-table PFN; L4, L3, L2, then L1s */
    unsigned long nr_pt_frames;
};
unsigned long dom0_pt_frames_needed(uint64_t virt_base, unsigned long nr_pfns);
void dom0_build_page_tables(const struct domain *d, const struct dom0_pt_layout *l,
                            const unsigned long *p2m);

#endif
