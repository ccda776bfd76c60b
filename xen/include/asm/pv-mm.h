/* SPDX-License-Identifier: GPL-2.0-only */
/* The PV memory model: references, page types and the guest page-table hypercalls. */
#ifndef ASM_PV_MM_H
#define ASM_PV_MM_H

#include <xen/mm.h>
#include <asm/page.h>

struct domain;
struct vcpu;

/*
 * Invariant (docs/design/pv-mm.md): a frame typed as a page table (L1-L4) or a
 * descriptor page is never mapped writable by any guest, and a guest maps only
 * frames it owns (or was granted, or, if privileged, foreign frames it may use).
 */

/* General references: fail (false) unless @d owns the frame and it is allocated. */
bool get_page(struct page_info *pg, const struct domain *d);
void put_page(struct page_info *pg);

/* Type references: PGT_l1..l4_page_table, PGT_seg_desc_page, PGT_writable_page.
 * Taking the first reference of a page-table type validates the page (recursively);
 * returns 0, -EINVAL (invalid contents or conflicting type), or -ERESTART_INTERNAL
 * when the validation was preempted (the caller re-issues the operation). */
int get_page_type(struct page_info *pg, unsigned long type);
void put_page_type(struct page_info *pg);
int get_page_and_type(struct page_info *pg, const struct domain *d, unsigned long type);
void put_page_and_type(struct page_info *pg);

/* The hypervisor's L4 slots in a guest L4 (kernel or user flavour). */
void init_guest_l4_table(pte_t *l4, const struct domain *d, bool user);

/* Machine-to-physical: the M2P the guest reads at RO_MPT_VIRT_START. */
void set_gpfn_from_mfn(unsigned long mfn, unsigned long pfn);
unsigned long get_gpfn_from_mfn(unsigned long mfn);
void m2p_init(void);                    /* boot: map the RO and RW M2P views */

/* Used by the domain builder: pin the initial L4 and make it the vCPU's base pointer. */
int pv_pin_l4_and_set_baseptr(struct vcpu *v, unsigned long l4_mfn);

#endif
