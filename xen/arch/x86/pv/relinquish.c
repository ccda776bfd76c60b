/* SPDX-License-Identifier: GPL-2.0-only */
/* PV domain teardown: drop base pointers, pins and allocation references, preemptibly. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/pv.h>
#include <asm/pv-mm.h>
#include <asm/pv-priv.h>
#include <asm/pv-pte.h>

#define LIST_END    0xffffffffu
#define BATCH       64                  /* frames between preemption checks */

/* A temporary reference on a frame of the list (count > 0): it stays linked while held. */
static bool try_hold(struct page_info *pg)
{
    unsigned long x = __atomic_load_n(&pg->count_info, __ATOMIC_RELAXED);
    do {
        if (!(x & PGC_count_mask))
            return false;               /* its last put is under way: it is leaving the list */
    } while (!__atomic_compare_exchange_n(&pg->count_info, &x, x + 1, false, __ATOMIC_ACQUIRE,
                                          __ATOMIC_RELAXED));
    return true;
}

/* The first frame from @m on that we could hold (under d->page_alloc_lock); LIST_END if none. */
static uint32_t hold_from(uint32_t m)
{
    while (m != LIST_END && !try_hold(mfn_to_page(m)))
        m = mfn_to_page(m)->next;
    return m;
}

static uint32_t hold_next(struct domain *d, uint32_t m)
{
    unsigned long f = spin_lock_irqsave(&d->page_alloc_lock);
    uint32_t n = hold_from(m == LIST_END ? (uint32_t)d->page_list_head : mfn_to_page(m)->next);
    spin_unlock_irqrestore(&d->page_alloc_lock, f);
    return n;
}

static void vcpus_relinquish(struct domain *d)
{
    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        struct vcpu *v = d->vcpu[i];
        if (!v)
            continue;
        if (v->arch.guest_table)
            put_page_and_type(mfn_to_page(v->arch.guest_table));
        if (v->arch.guest_table_user)
            put_page_and_type(mfn_to_page(v->arch.guest_table_user));
        v->arch.guest_table = v->arch.guest_table_user = 0;
        pv_destroy_gdt(v);              /* descriptor-table frames hold type references too */
        pv_destroy_ldt(v);
    }
}

/*
 * Walk the domain's frames holding a reference on the current one, so it stays
 * linked while frames around it are freed (an unpin can free tables anywhere in
 * the list). Each frame loses its pin and its allocation reference; frames others
 * still reference stay on the list until they let go.
 */
int pv_mm_relinquish(struct domain *d)
{
    struct pv_domain *a = &d->arch;

    if (a->relmem_step == 0) {
        vcpus_relinquish(d);
        a->relmem_cursor = hold_next(d, LIST_END);
        a->relmem_step = 1;
    }
    if (a->relmem_step == 1) {
        uint32_t m = a->relmem_cursor;
        for (unsigned int n = 1; m != LIST_END; n++) {
            if (n % BATCH == 0 && hypercall_preempt_check()) {
                a->relmem_cursor = m;   /* still held: resumes here */
                return -ERESTART_INTERNAL;
            }
            struct page_info *pg = mfn_to_page(m);
            if (__atomic_fetch_and(&pg->type_info, ~PGT_pinned, __ATOMIC_SEQ_CST) & PGT_pinned)
                put_page_and_type(pg);
            if (__atomic_fetch_and(&pg->count_info, ~PGC_allocated, __ATOMIC_SEQ_CST) & PGC_allocated)
                put_page(pg);
            uint32_t next = hold_next(d, m);
            put_page(pg);               /* ours: may free it, never the held next one */
            m = next;
        }
        a->relmem_cursor = LIST_END;
        a->relmem_step = 2;
    }
    return 0;
}

/* Print the L1 entries of other domains that map @d's frames (a dying domain's holders). */
void pv_report_foreign_mappings(struct domain *d)
{
    unsigned int shown = 0;
    domid_t next_id = 0;
    struct domain *o;

    while (shown < 8 && (o = get_domain_from(next_id))) {
        next_id = o->domain_id + 1;
        if (o == d) {
            put_domain(o);
            continue;
        }
        unsigned long f = spin_lock_irqsave(&o->page_alloc_lock);
        for (unsigned long m = o->page_list_head; m != ~0UL && m != LIST_END && shown < 8;
             m = mfn_to_page(m)->next) {
            const struct page_info *pg = mfn_to_page(m);
            if ((pg->type_info & PGT_type_mask) != PGT_l1_page_table || !(pg->type_info & PGT_validated))
                continue;
            const pte_t *t = mfn_to_virt(m);
            for (unsigned int i = 0; i < PT_ENTRIES && shown < 8; i++) {
                unsigned long target = (t[i] & PTE_ADDR_MASK) >> PAGE_SHIFT;
                if (!(t[i] & _PAGE_PRESENT) || !mfn_valid(target) ||
                    mfn_to_page(target)->u.owner != d)
                    continue;
                /* Shared hypervisor pages of d: shared_info, or one of its grant-table frames. */
                const char *what = !(mfn_to_page(target)->count_info & PGC_xen_heap) ? "frame" :
                                   target == d->shared_info_mfn ? "shared_info frame" : "grant-table frame";
                printk(XENLOG_WARNING "  %s %#lx mapped by domain %u (%s): L1 %#lx slot %u, PTE %#lx\n",
                       what, target, o->domain_id, o->name, m, i, (unsigned long)t[i]);
                shown++;
            }
        }
        spin_unlock_irqrestore(&o->page_alloc_lock, f);
        put_domain(o);
        if (next_id == 0)
            break;                      /* wrapped past the last id */
    }
}
