/* SPDX-License-Identifier: GPL-2.0-only */
/* The PV memory model: references, page types and the guest page-table hypercalls. */
#ifndef ASM_PV_MM_H
#define ASM_PV_MM_H

#include <xen/mm.h>
#include <asm/page.h>
#include <public/xen.h>

struct domain;
struct vcpu;

/*
 * Invariant (docs/design/pv-mm.md): a frame typed as a page table (L1-L4) or a
 * descriptor page is never mapped writable by any guest, and a guest maps only
 * frames it owns (or was granted, or, if privileged, foreign frames it may use).
 * Type numbers and flag bits are in xen/mm.h (PGT_*).
 */

/* General references: fail (false) unless @d owns the frame and it is allocated. */
bool get_page(struct page_info *pg, const struct domain *d);
void put_page(struct page_info *pg);       /* the last reference frees the frame */
/* A hypervisor page @d may map (shared_info): owned by @d, one reference the guest cannot drop. */
void share_xen_page_with_guest(struct page_info *pg, struct domain *d);

/*
 * Type references: PGT_l1..l4_page_table, PGT_seg_desc_page, PGT_writable_page.
 * Taking the first reference of a page-table type validates the page (recursively);
 * returns 0 or -EINVAL (invalid contents or conflicting type). The _preemptible form
 * may also return -ERESTART_INTERNAL: validation stopped part-way (PGT_partial) and
 * continues where it left off when the caller re-issues the operation.
 */
int get_page_type(struct page_info *pg, unsigned long type);
int get_page_type_preemptible(struct page_info *pg, unsigned long type);
void put_page_type(struct page_info *pg);
int get_page_and_type(struct page_info *pg, const struct domain *d, unsigned long type);
void put_page_and_type(struct page_info *pg);

/* Drop what a present L1 entry @e holds (a reference, and a writable type reference if RW). */
void pv_put_l1e(uint64_t e);

/* A descriptor (GDT/LDT entry) a guest may have; may rewrite it (DPL raised). In
 * pv/descriptor-tables.c; checked for all 512 slots when a frame takes PGT_seg_desc_page. */
bool check_descriptor(const struct domain *d, uint64_t *desc);

/* Writes one page-table entry of a table @d owns, validated like mmu_update
 * (machine address @pte_ma; @pg_owner owns the frames an L1 entry may map). */
int pv_mod_pt_entry(struct domain *d, uint64_t pte_ma, uint64_t val, struct domain *pg_owner,
                    bool preserve_ad);
/* The same, only if the entry still holds @old (-EAGAIN otherwise): for read-modify-write. */
int pv_cmpxchg_pt_entry(struct domain *d, uint64_t pte_ma, uint64_t old, uint64_t val);

/* mmu_update/mmuext_op batches (pv/mmu-batch.c). Decode a continued count (done so far from
 * *pdone): 0 or -EFAULT. Then run one() on each @size-byte request under d's mm_lock, store the
 * running total in *pdone, and create the continuation when preempted. */
int pv_batch_resume(unsigned int *count, unsigned long pdone, unsigned int *done);
long pv_batch_run(struct domain *d, unsigned long list, unsigned int count, unsigned int done,
                  unsigned long pdone, unsigned long foreigndom, size_t size,
                  int (*one)(const void *req, void *ctx), void *ctx);

/* The hypervisor's L4 slots in a guest L4 (kernel or user flavour). */
void init_guest_l4_table(pte_t *l4, const struct domain *d, bool user);

/* Machine-to-physical: the M2P the guest reads at RO_MPT_VIRT_START. */
#define INVALID_M2P_ENTRY (~0UL)
void set_gpfn_from_mfn(unsigned long mfn, unsigned long pfn);
unsigned long get_gpfn_from_mfn(unsigned long mfn);
unsigned long m2p_mapped_bytes(void);    /* size of the guest-visible M2P */
void m2p_init(void);                    /* boot: map the RO and RW M2P views */

/* Base pointers: take a PGT_l4 reference for @v (kernel or user table) and load it.
 * mfn 0 for the user table clears it. 0, -EINVAL or -ERESTART_INTERNAL. */
int pv_set_baseptr(struct vcpu *v, unsigned long mfn, bool user);
/* Used by the domain builder: pin the initial L4 and make it the vCPU's base pointer. */
int pv_pin_l4_and_set_baseptr(struct vcpu *v, unsigned long l4_mfn);
/* Domain teardown (pv/relinquish.c): drop base pointers, pins and allocation references.
 * 0 when done, -ERESTART_INTERNAL when preempted (call again; progress is in d->arch). */
int pv_mm_relinquish(struct domain *d);
/* Console: the other domains' L1 entries still mapping @d's frames. */
void pv_report_foreign_mappings(struct domain *d);

/* Machine address of the L1 entry mapping @va in @v's kernel tables; 0 if there is none. */
uint64_t pv_guest_l1e_maddr(const struct vcpu *v, unsigned long va);

/* TLB flushes on every CPU that may hold @d's translations (its vCPUs' CPUs). */
void domain_flush_tlb(const struct domain *d);

/* Guest foreigndom argument: DOMID_SELF, own id, or (privileged) another domain.
 * Referenced (put_domain() it); NULL and *@rc set (-ESRCH / -EPERM) on failure. */
struct domain *pv_get_pg_owner(domid_t domid, int *rc);

#endif
