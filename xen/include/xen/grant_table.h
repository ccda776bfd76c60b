/* SPDX-License-Identifier: GPL-2.0-only */
/* Grant tables (v1): per-domain tables, active entries and pins, maptrack (docs/design/grant-tables.md). */
#ifndef XEN_GRANT_TABLE_H
#define XEN_GRANT_TABLE_H

#include <xen/spinlock.h>
#include <xen/types.h>
#include <public/grant_table.h>

struct domain;

/* ---- Lifecycle (called by the domain code) ---- */

/* A new domain's table: one shared frame, limits from gnttab_max_frames / gnttab_max_maptrack_frames. */
int gnttab_init(struct domain *d);
/* A dying domain gives up every mapping it holds of others' grants (pins, device-map references);
 * its host-map PTEs keep their frame references until its page tables are torn down. */
void gnttab_release(struct domain *d);
/* Free d's own table once nobody can reach it any more (d's last reference is gone). */
void gnttab_destroy(struct domain *d);
/* Holders report of a dead domain (grant_report.c): how many of its grant frames others still
 * reference, and a report of them and of the pins others hold on its grants. */
unsigned int gnttab_frames_held(const struct domain *d);
void gnttab_report_holders(struct domain *d);

/* ---- Shared between grant_table.c, grant_map.c and grant_copy.c ---- */

#define GRANTS_PER_FRAME  (PAGE_SIZE / sizeof(grant_entry_v1_t))
#define ACTIVE_PER_PAGE   (PAGE_SIZE / sizeof(struct active_grant))
#define MAPTRACK_PER_PAGE 256u          /* handles per maptrack frame, as Xen */

/* Pin counts of an active entry (Xen's layout): 8 bits each, bit 7 of each guards overflow. */
#define PIN_HSTW     0x00000001u        /* host mappings and copies, writable */
#define PIN_HSTR     0x00000100u        /* host mappings and copies, read-only */
#define PIN_DEVW     0x00010000u        /* device mappings, writable */
#define PIN_DEVR     0x01000000u        /* device mappings, read-only */
#define PIN_WRITERS  0x00ff00ffu
#define PIN_OVERFLOW 0x80808080u

/* The hypervisor's view of a grant in use: fixed while pin != 0, whatever the guest writes. */
struct active_grant {
    uint32_t pin;
    domid_t domid;                      /* the domain that pinned it */
    uint16_t pad;
    unsigned long mfn;                  /* the frame pinned */
};

/* One mapping a domain holds: its handle is the index. */
struct maptrack_entry {
    grant_ref_t ref;                    /* free entries: the next free handle */
    uint16_t flags;                     /* GNTMAP_* still mapped; 0 when free */
    domid_t domid;                      /* the granting domain */
    uint32_t serial;                    /* that domain's table (a later domain reusing the id is not it) */
    uint32_t pad;
};

struct grant_table {
    spinlock_t lock;                    /* active entries, GTF_reading/writing, growth */
    unsigned int nr_frames, max_frames;
    uint32_t serial;
    bool released;                      /* gnttab_release() dropped the sharing references */
    grant_entry_v1_t **shared;          /* max_frames pointers; frames shared with the guest */
    struct active_grant **active;       /* 2 pages per shared frame */

    spinlock_t maptrack_lock;           /* the mappings this domain holds */
    unsigned int maptrack_limit, max_maptrack_frames;
    uint32_t maptrack_free;             /* head of the free list, MAPTRACK_NONE when empty */
    struct maptrack_entry **maptrack;
};
#define MAPTRACK_NONE (~0u)

static inline unsigned int gnttab_nr_entries(const struct grant_table *gt)
{
    return gt->nr_frames * GRANTS_PER_FRAME;
}
static inline grant_entry_v1_t *gnttab_shared_entry(struct grant_table *gt, grant_ref_t ref)
{
    return &gt->shared[ref / GRANTS_PER_FRAME][ref % GRANTS_PER_FRAME];
}
static inline struct active_grant *gnttab_active(struct grant_table *gt, grant_ref_t ref)
{
    return &gt->active[ref / ACTIVE_PER_PAGE][ref % ACTIVE_PER_PAGE];
}
static inline struct maptrack_entry *maptrack_entry(struct grant_table *gt, grant_handle_t h)
{
    return &gt->maptrack[h / MAPTRACK_PER_PAGE][h % MAPTRACK_PER_PAGE];
}

/*
 * Pin grant (rd, ref) for domain @ld by @inc (PIN_*), checking the shared entry on the first
 * pin and on the first writable one; @map refuses sub-page grants. On GNTST_okay *mfn is the
 * frame and one general reference on it is taken for the caller. Takes rd's table lock.
 */
int16_t gnttab_pin(struct domain *rd, grant_ref_t ref, domid_t ld, uint32_t inc, bool map,
                   unsigned long *mfn);
/* Undo a pin: counts down by @dec and clears GTF_writing/GTF_reading as the counts reach 0. */
void gnttab_unpin(struct domain *rd, grant_ref_t ref, uint32_t dec);

/* Maptrack handles of the current domain's table: MAPTRACK_NONE when at the limit. */
grant_handle_t maptrack_get(struct grant_table *lgt);
void maptrack_put(struct grant_table *lgt, grant_handle_t h);

/* A domain by grant-op rules: DOMID_SELF, own id, or another one (privileged callers only),
 * referenced (put_domain() it). NULL with *status GNTST_bad_domain / GNTST_permission_denied. */
struct domain *gnttab_any_domain(domid_t id, int16_t *status);

/* Run @one on each @size-byte element of a guest list, writing back [out_at, out_at + out_len)
 * of each: 0, -EFAULT, or the number done when preempted (the dispatcher continues). */
long gnttab_each(unsigned long uop, unsigned int count, size_t size, size_t out_at, size_t out_len,
                 void (*one)(void *op));

/* The batched ops (grant_map.c, grant_copy.c): done count, or -errno. */
long gnttab_map_batch(unsigned long uop, unsigned int count);
long gnttab_unmap_batch(unsigned long uop, unsigned int count, bool replace);
long gnttab_copy_batch(unsigned long uop, unsigned int count);

/* ---- x86 PV: grant PTEs (arch/x86/pv/grant-pte.c), under d's mm_lock ---- */

/* Install a grant PTE for @mfn at @addr (virtual, or PTE machine address with contains_pte). */
int16_t pv_grant_map_pte(struct domain *d, uint64_t addr, unsigned long mfn, uint32_t flags);
/* Remove it if @addr still maps @mfn with the grant's access; @new_addr's PTE moves in instead. */
int16_t pv_grant_unmap_pte(struct domain *d, uint64_t addr, unsigned long mfn, uint32_t flags,
                           uint64_t new_addr);

#endif
