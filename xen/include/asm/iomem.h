/* SPDX-License-Identifier: GPL-2.0-only */
/* Device memory (MMIO) a domain may map: denied, read-only, or writable. */
#ifndef ASM_IOMEM_H
#define ASM_IOMEM_H

#include <xen/types.h>

struct domain;

enum iomem_access { IOMEM_DENIED, IOMEM_READ_ONLY, IOMEM_WRITABLE };

#define IOMEM_MAX_RO_EXTRA  64          /* MSI-X table pages and the like */

void iomem_init(void);                  /* after ioapic_init() */
/* May @d map non-RAM frame @mfn? (The caller has already ruled out RAM.) */
enum iomem_access iomem_access(const struct domain *d, unsigned long mfn, unsigned int paddr_bits);
/* Pages the hypervisor drives but the privileged domain may read (Xen's mmio_ro_ranges). */
void iomem_mark_read_only(unsigned long mfn);
void iomem_unmark_read_only(unsigned long mfn);

#endif
