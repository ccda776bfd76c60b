/* SPDX-License-Identifier: GPL-2.0-only */
/* Pausing domains and tearing them down (docs/design/domain-lifecycle.md). */
#include <xen/buddy.h>
#include <xen/domain_console.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/processor.h>
#include <asm/pv-mm.h>

/* ---- pausing ---- */

void vcpu_sleep_sync(struct vcpu *v)
{
    vcpu_sleep_nosync(v);
    /* Off the CPU and its page tables unloaded: only then may its memory change hands. */
    while (__atomic_load_n(&v->is_running, __ATOMIC_ACQUIRE) ||
           __atomic_load_n(&v->ctxt_loaded, __ATOMIC_ACQUIRE))
        cpu_relax();
}

void domain_pause(struct domain *d)
{
    BUG_ON(d == current->domain);       /* would wait for ourselves */
    unsigned long f = spin_lock_irqsave(&d->lock);
    if (d->pause_count++ == 0)
        for (unsigned int i = 0; i < d->max_vcpus; i++)
            if (d->vcpu[i])
                __atomic_fetch_or(&d->vcpu[i]->pause_flags, VPF_paused, __ATOMIC_SEQ_CST);
    spin_unlock_irqrestore(&d->lock, f);
    for (unsigned int i = 0; i < d->max_vcpus; i++)
        if (d->vcpu[i])
            vcpu_sleep_sync(d->vcpu[i]);
}

void domain_unpause(struct domain *d)
{
    unsigned long f = spin_lock_irqsave(&d->lock);
    BUG_ON(d->pause_count == 0);
    bool wake = --d->pause_count == 0;
    if (wake)
        for (unsigned int i = 0; i < d->max_vcpus; i++)
            if (d->vcpu[i])
                __atomic_fetch_and(&d->vcpu[i]->pause_flags, ~VPF_paused, __ATOMIC_SEQ_CST);
    spin_unlock_irqrestore(&d->lock, f);
    for (unsigned int i = 0; wake && i < d->max_vcpus; i++)
        if (d->vcpu[i] && vcpu_runnable(d->vcpu[i]))
            vcpu_wake(d->vcpu[i]);
}

/* ---- teardown ---- */

static void vcpu_release(struct vcpu *v)
{
    kill_timer(&v->time.singleshot);
    kill_timer(&v->time.periodic);
    kill_timer(&v->time.poll_timer);
    kill_timer(&v->time.refresh);
    sched_destroy_vcpu(v);
    if (v->vcpu_info_mfn != INVALID_MFN) {
        /* Back to the shared_info slot (or none) before the registered frame can go. */
        struct domain *d = v->domain;
        v->vcpu_info = v->vcpu_id < XEN_LEGACY_MAX_VCPUS ? &d->shared_info->vcpu_info[v->vcpu_id] : NULL;
        put_page_and_type(mfn_to_page(v->vcpu_info_mfn));
        v->vcpu_info_mfn = INVALID_MFN;
    }
}

enum kill_step { KILL_START, KILL_MEMORY, KILL_SHARED, KILL_DONE };

int domain_kill(struct domain *d)
{
    if (d == current->domain)
        return -EINVAL;

    switch (d->kill_step) {
    case KILL_START:
        spin_lock(&d->lock);
        d->is_dying = DOMDYING_dying;   /* no new ports, pages or bindings from here on */
        spin_unlock(&d->lock);
        domain_pause(d);                /* for good: never unpaused */
        evtchn_destroy(d);
        domain_console_destroy(d);      /* last drain while the ring frame is still the domain's */
        gnttab_release(d);
        for (unsigned int i = 0; i < d->max_vcpus; i++)
            if (d->vcpu[i])
                vcpu_release(d->vcpu[i]);
        d->kill_step = KILL_MEMORY;
        /* fall through */
    case KILL_MEMORY: {
        int rc = pv_mm_relinquish(d);
        if (rc)
            return rc;                  /* -ERESTART_INTERNAL: call again */
        d->kill_step = KILL_SHARED;
    }
        /* fall through */
    case KILL_SHARED: {
        /* The guest's own reference to shared_info (gnttab_release dropped its grant frames'). */
        put_page(mfn_to_page(d->shared_info_mfn));
        d->is_dying = DOMDYING_dead;
        d->kill_step = KILL_DONE;
        if (d->tot_pages || (mfn_to_page(d->shared_info_mfn)->count_info & PGC_count_mask) ||
            gnttab_frames_held(d))
            domain_report_holders(d);
        put_domain(d);                  /* the domain list's reference: may free it now */
        send_global_virq(VIRQ_DOM_EXC); /* the toolstack looks for what changed, as on Xen */
    }
        /* fall through */
    case KILL_DONE:
        break;
    }
    return 0;
}

/* Who holds a dead domain: its frames still referenced, its grant frames and grants others hold,
 * and the foreign L1 entries mapping any of them. */
void domain_report_holders(struct domain *d)
{
    unsigned int shown = 0;
    unsigned long f = spin_lock_irqsave(&d->page_alloc_lock);
    printk(XENLOG_WARNING "Domain %u (%s) is dying but held: %lu frame(s) still referenced\n",
           d->domain_id, d->name, d->tot_pages);
    for (unsigned long m = d->page_list_head; m != ~0UL && m != 0xffffffffu && shown < 8;
         m = mfn_to_page(m)->next, shown++) {
        const struct page_info *pg = mfn_to_page(m);
        static const char *const types[] = { "none", "L1", "L2", "L3", "L4", "seg_desc", "?", "writable" };
        printk(XENLOG_WARNING "  frame %#lx: %lu reference(s), type %s (%lu)\n", m,
               pg->count_info & PGC_count_mask, types[(pg->type_info & PGT_type_mask) >> 61],
               pg->type_info & PGT_count_mask);
    }
    spin_unlock_irqrestore(&d->page_alloc_lock, f);
    const struct page_info *si = mfn_to_page(d->shared_info_mfn);
    if (si->count_info & PGC_count_mask)
        printk(XENLOG_WARNING "  shared_info frame %#lx: %lu reference(s)\n", d->shared_info_mfn,
               si->count_info & PGC_count_mask);
    gnttab_report_holders(d);
    pv_report_foreign_mappings(d);
}
