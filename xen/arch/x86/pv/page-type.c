/* SPDX-License-Identifier: GPL-2.0-only */
/* References and page types: validating guest L1-L4 and descriptor pages when they take a type. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/boot-defs.h>
#include <asm/iomem.h>
#include <asm/processor.h>
#include <asm/pv-mm.h>
#include <asm/pv-pte.h>

static int cpu_nx = -1, paddr_bits;

static int get_page_type_internal(struct page_info *pg, unsigned long type, bool preemptible);
static void abandon_partial(struct page_info *pg);

static void probe_cpu(void)
{
    if (cpu_nx >= 0)
        return;
    bool ext8 = cpuid(0x80000000).a >= 0x80000008;
    paddr_bits = ext8 ? (cpuid(0x80000008).a & 0xff) : 36;
    cpu_nx = !!(rdmsr(MSR_EFER) & EFER_NXE);     /* without NXE, bit 63 is reserved */
}

/* ---- general references ---- */

bool get_page(struct page_info *pg, const struct domain *d)
{
    unsigned long x = __atomic_load_n(&pg->count_info, __ATOMIC_RELAXED);
    do {
        if (page_state(pg) != PGC_state_inuse || pg->u.owner != d || !d ||
            (x & PGC_count_mask) == 0 || (x & PGC_count_mask) == PGC_count_mask)
            return false;
    } while (!__atomic_compare_exchange_n(&pg->count_info, &x, x + 1, false,
                                          __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
    if (pg->u.owner != d) {             /* freed and re-assigned between the checks */
        put_page(pg);
        return false;
    }
    return true;
}

void put_page(struct page_info *pg)
{
    unsigned long x = __atomic_sub_fetch(&pg->count_info, 1, __ATOMIC_RELEASE);
    BUG_ON((x & PGC_count_mask) == PGC_count_mask);     /* went below zero */
    if (x & PGC_count_mask)
        return;
    if (x & PGC_xen_heap) {
        /* A shared hypervisor page (shared_info): its owner's teardown frees it. */
        struct domain *owner = pg->u.owner;
        pg->u.owner = NULL;
        if (owner) {
            domain_flush_tlb(owner);
            put_domain(owner);          /* the reference share_xen_page_with_guest() took */
        }
        return;
    }
    /* Last reference of a page its owner gave up: no mapping is left, but a TLB may be. */
    if (pg->type_info & PGT_partial)
        abandon_partial(pg);
    BUG_ON(pg->type_info & PGT_count_mask);
    if (pg->u.owner)
        domain_flush_tlb(pg->u.owner);
    free_domheap_pages(pg, 0);
}

void share_xen_page_with_guest(struct page_info *pg, struct domain *d)
{
    BUG_ON(!get_domain(d));             /* the page keeps its owner alive while referenced */
    pg->type_info = PGT_none;
    pg->u.owner = d;
    __atomic_fetch_add(&pg->count_info, 1, __ATOMIC_RELEASE);
}

/* ---- entries: the references a present entry holds ---- */


/* Frames that are not RAM a domain owns: MMIO for a privileged domain as Xen's iomem_caps allow
 * (asm/iomem.h), and the unowned first MiB (BIOS data, option ROMs). 1: map it read-only. */
static int io_frame_access(unsigned long mfn, const struct domain *pg_owner)
{
    if (mfn_valid(mfn)) {
        struct page_info *pg = mfn_to_page(mfn);
        /* RAM: only the unowned first MiB that is not ours. */
        if (page_state(pg) != PGC_state_none &&
            (mfn >= 0x100 || pg->u.owner || (pg->count_info & PGC_xen_heap)))
            return -1;
    }
    switch (iomem_access(pg_owner, mfn, paddr_bits)) {
    case IOMEM_WRITABLE: return 0;
    case IOMEM_READ_ONLY: return 1;
    default: return -1;
    }
}

static bool holds_ref(unsigned long mfn)
{
    return mfn_valid(mfn) && page_state(mfn_to_page(mfn)) != PGC_state_none &&
           mfn_to_page(mfn)->u.owner;
}

/* Xen's errno for a frame that is not ours: RAM of another owner -EBUSY, I/O space -EPERM,
 * the all-ones frame -EINVAL. */
static int unowned_frame_errno(unsigned long mfn)
{
    if (mfn == PTE_ADDR_MASK >> PAGE_SHIFT)
        return -EINVAL;
    if (mfn >= 0x100 && mfn_valid(mfn) && page_state(mfn_to_page(mfn)) != PGC_state_none)
        return -EBUSY;
    return -EPERM;
}

static int get_page_from_l1e(uint64_t e, struct domain *pg_owner)
{
    probe_cpu();
    if (!(e & _PAGE_PRESENT))
        return 0;
    if (pte_disallowed_bits(e, 1, pg_owner->is_privileged, cpu_nx))
        return -EINVAL;
    unsigned long mfn = (e & PTE_ADDR_MASK) >> PAGE_SHIFT;
    if (!mfn_valid(mfn) || !get_page(mfn_to_page(mfn), pg_owner)) {
        /* Device memory the hypervisor keeps read-only: Xen drops RW from the entry (returns 1). */
        int io = holds_ref(mfn) ? -1 : io_frame_access(mfn, pg_owner);
        return io < 0 ? unowned_frame_errno(mfn) : (io && (e & _PAGE_RW));
    }
    if ((e & _PAGE_RW) && get_page_type(mfn_to_page(mfn), PGT_writable_page)) {
        put_page(mfn_to_page(mfn));
        return -EINVAL;
    }
    return 0;
}

/* Any present L1 entry's references go with it: the frame's owner need not be the table's
 * (grant PTEs hold their frame's references, docs/design/grant-tables.md). */
static void put_page_from_l1e(uint64_t e)
{
    unsigned long mfn = (e & PTE_ADDR_MASK) >> PAGE_SHIFT;
    if (!(e & _PAGE_PRESENT) || !holds_ref(mfn))
        return;
    if (e & _PAGE_RW)
        put_page_and_type(mfn_to_page(mfn));
    else
        put_page(mfn_to_page(mfn));
}

void pv_put_l1e(uint64_t e)
{
    put_page_from_l1e(e);
}

/* An L2/L3/L4 entry references a table one level down, owned by the same domain.
 * Superpages and linear (same-level or upward) references are refused. */
static int get_page_from_upper(uint64_t e, unsigned int level, struct domain *d, bool preemptible)
{
    probe_cpu();
    if (!(e & _PAGE_PRESENT))
        return 0;
    if (pte_disallowed_bits(e, level, false, cpu_nx))
        return -EINVAL;
    unsigned long mfn = (e & PTE_ADDR_MASK) >> PAGE_SHIFT;
    if (!mfn_valid(mfn) || !get_page(mfn_to_page(mfn), d))
        return -EINVAL;
    int rc = get_page_type_internal(mfn_to_page(mfn), PT_TYPE(level - 1), preemptible);
    if (rc)
        put_page(mfn_to_page(mfn));
    return rc;
}

static int get_page_from_entry(uint64_t e, unsigned int level, struct domain *d,
                               struct domain *pg_owner, bool preemptible)
{
    return level == 1 ? get_page_from_l1e(e, pg_owner) : get_page_from_upper(e, level, d, preemptible);
}

static void put_page_from_entry(uint64_t e, unsigned int level)
{
    if (level == 1)
        put_page_from_l1e(e);
    else if (e & _PAGE_PRESENT)
        put_page_and_type(mfn_to_page((e & PTE_ADDR_MASK) >> PAGE_SHIFT));
}

/* ---- whole pages ---- */

static void devalidate_range(struct page_info *pg, unsigned int level, unsigned int end)
{
    pte_t *t = mfn_to_virt(page_to_mfn(pg));
    for (unsigned int i = 0; i < end; i++)
        if (level != 4 || is_guest_l4_slot(i))
            put_page_from_entry(t[i], level);
}

static int validate_table(struct page_info *pg, unsigned int level, unsigned int start,
                          bool preemptible, unsigned int *stopped_at)
{
    pte_t *t = mfn_to_virt(page_to_mfn(pg));
    struct domain *d = pg->u.owner;

    for (unsigned int i = start; i < PT_ENTRIES; i++) {
        if (level == 4 && !is_guest_l4_slot(i))
            continue;
        if (preemptible && level > 1 && i > start && hypercall_preempt_check()) {
            *stopped_at = i;
            return -ERESTART_INTERNAL;
        }
        uint64_t e = t[i];
        int rc = get_page_from_entry(e, level, d, d, preemptible);
        if (rc == -ERESTART_INTERNAL) {
            *stopped_at = i;
            return rc;
        }
        if (rc < 0) {
            devalidate_range(pg, level, i);
            return rc;                  /* the entry's errno, as Xen (e.g. -EBUSY: another's frame) */
        }
        t[i] = pte_adjust_guest(rc ? e & ~(uint64_t)_PAGE_RW : e, level);
    }
    if (level == 4)
        init_guest_l4_table(t, d, false);
    return 0;
}

static int validate_seg_desc(struct page_info *pg)
{
    uint64_t *desc = mfn_to_virt(page_to_mfn(pg));
    for (unsigned int i = 0; i < PAGE_SIZE / 8; i++)
        if (!check_descriptor(pg->u.owner, &desc[i]))
            return -EINVAL;
    return 0;
}

/* Set the count/flags part of type_info once we own the only transition in flight. */
static void type_store(struct page_info *pg, unsigned long v)
{
    __atomic_store_n(&pg->type_info, v, __ATOMIC_RELEASE);
}

static int get_page_type_internal(struct page_info *pg, unsigned long type, bool preemptible)
{
    unsigned long x = __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE), nx, start = 0;
    enum type_step step;
    bool flush;

    for (;;) {
        step = type_get_step(x, type, &nx, &flush, &start);
        if (step == TS_CONFLICT)
            return -EINVAL;
        if (step == TS_ABANDON) {
            /* Preempted validation as another type: drop what it took, then retry. */
            if (!__atomic_compare_exchange_n(&pg->type_info, &x, (x & PGT_type_mask) | 1, false,
                                             __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
                continue;
            devalidate_range(pg, PT_LEVEL(x & PGT_type_mask), x & PGT_count_mask);
            type_store(pg, x & PGT_type_mask);
            x = pg->type_info;
            continue;
        }
        if (__atomic_compare_exchange_n(&pg->type_info, &x, nx, false, __ATOMIC_ACQUIRE,
                                        __ATOMIC_ACQUIRE))
            break;
    }
    if (flush && pg->u.owner)
        domain_flush_tlb(pg->u.owner);
    if (step == TS_TAKEN)
        return 0;

    /* We hold count 1 of an unvalidated page: nobody else can use it until we finish. */
    int rc;
    unsigned int stopped_at = 0;
    if (type == PGT_seg_desc_page)
        rc = validate_seg_desc(pg);
    else
        rc = validate_table(pg, PT_LEVEL(type), start, preemptible, &stopped_at);
    if (rc == -ERESTART_INTERNAL)
        type_store(pg, type | PGT_partial | stopped_at);
    else if (rc)
        type_store(pg, PGT_none);
    else
        type_store(pg, nx | PGT_validated);
    return rc;
}

int get_page_type(struct page_info *pg, unsigned long type)
{
    return get_page_type_internal(pg, type, false);
}

int get_page_type_preemptible(struct page_info *pg, unsigned long type)
{
    return get_page_type_internal(pg, type, true);
}

void put_page_type(struct page_info *pg)
{
    unsigned long x = __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE), nx;
    bool last;

    do {
        BUG_ON((x & PGT_count_mask) == 0 || (x & PGT_partial));
        last = type_put_step(x, &nx);
    } while (!__atomic_compare_exchange_n(&pg->type_info, &x, nx, false, __ATOMIC_RELEASE,
                                          __ATOMIC_ACQUIRE));
    if (!last)
        return;
    /* Count 1 without PGT_validated keeps everyone out while the entries' references go. */
    unsigned long type = x & PGT_type_mask;
    if (is_pt_type(type))
        devalidate_range(pg, PT_LEVEL(type), PT_ENTRIES);
    type_store(pg, type);
}

int get_page_and_type(struct page_info *pg, const struct domain *d, unsigned long type)
{
    if (!get_page(pg, d))
        return -EINVAL;
    int rc = get_page_type(pg, type);
    if (rc)
        put_page(pg);
    return rc;
}

void put_page_and_type(struct page_info *pg)
{
    put_page_type(pg);
    put_page(pg);
}

/* A partially validated page freed by its owner gives back what its entries took. */
static void abandon_partial(struct page_info *pg)
{
    unsigned long x = pg->type_info;
    if (x & PGT_partial)
        devalidate_range(pg, PT_LEVEL(x & PGT_type_mask), x & PGT_count_mask);
    pg->type_info = PGT_none;
}

/* ---- single entries (mmu_update, update_va_mapping, ptwr) ---- */

/* @expect: NULL writes unconditionally; otherwise only if the slot still holds *@expect
 * (-EAGAIN if not), so a read-modify-write cannot lose A/D bits the CPU set meanwhile. */
static int mod_entry(struct domain *d, uint64_t pte_ma, uint64_t val, struct domain *pg_owner,
                     bool preserve_ad, const uint64_t *expect)
{
    unsigned long mfn = pte_ma >> PAGE_SHIFT;
    if (!mfn_valid(mfn) || !get_page(mfn_to_page(mfn), d))
        return -EINVAL;
    struct page_info *pg = mfn_to_page(mfn);
    pte_t *slot = (pte_t *)mfn_to_virt(mfn) + ((pte_ma & (PAGE_SIZE - 1)) >> 3);
    unsigned long x = __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE);
    unsigned long type = x & PGT_type_mask;
    int rc = 0;

    if (is_pt_type(type) && (x & PGT_count_mask) && (x & PGT_validated) && !(x & PGT_partial)) {
        unsigned int level = PT_LEVEL(type);
        if (level == 4 && !is_guest_l4_slot((pte_ma & (PAGE_SIZE - 1)) >> 3)) {
            put_page(pg);
            return -EINVAL;
        }
        if (preserve_ad)
            val |= __atomic_load_n(slot, __ATOMIC_RELAXED) & (_PAGE_ACCESSED | _PAGE_DIRTY);
        rc = get_page_from_entry(val, level, d, pg_owner, true);
        if (rc > 0) {                   /* read-only device memory */
            val &= ~(uint64_t)_PAGE_RW;
            rc = 0;
        }
        if (!rc) {
            uint64_t new = pte_adjust_guest(val, level), old = expect ? *expect : 0;
            if (!expect) {
                old = __atomic_exchange_n(slot, new, __ATOMIC_SEQ_CST);
            } else if (!__atomic_compare_exchange_n(slot, &old, new, false, __ATOMIC_SEQ_CST,
                                                    __ATOMIC_SEQ_CST)) {
                old = new;              /* not stored: drop what the new entry took instead */
                rc = -EAGAIN;
            }
            put_page_from_entry(old, level);
        }
    } else if (!get_page_type(pg, PGT_writable_page)) {
        /* Not a page table: an ordinary checked write into a page we may write. */
        uint64_t old = expect ? *expect : 0;
        if (!expect)
            __atomic_store_n(slot, val, __ATOMIC_RELAXED);
        else if (!__atomic_compare_exchange_n(slot, &old, val, false, __ATOMIC_SEQ_CST,
                                              __ATOMIC_SEQ_CST))
            rc = -EAGAIN;
        put_page_type(pg);
    } else {
        rc = -EINVAL;
    }
    put_page(pg);
    return rc;
}
int pv_mod_pt_entry(struct domain *d, uint64_t pte_ma, uint64_t val, struct domain *pg_owner,
                    bool preserve_ad)
{
    return mod_entry(d, pte_ma, val, pg_owner, preserve_ad, NULL);
}

int pv_cmpxchg_pt_entry(struct domain *d, uint64_t pte_ma, uint64_t old, uint64_t val)
{
    return mod_entry(d, pte_ma, val, d, false, &old);
}
