/* SPDX-License-Identifier: GPL-2.0-only */
/* What still holds a dead domain's grant table: its frames' references and the pins of its grants. */
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/pv-mm.h>

#define SHOWN_MAX 8                     /* lines per kind, as the rest of the holders report */

static unsigned long frame_refs(const struct grant_table *gt, unsigned int i)
{
    return mfn_to_page(virt_to_mfn(gt->shared[i]))->count_info & PGC_count_mask;
}

/* After gnttab_release() nothing of d's own references its grant frames: any left is a mapper's. */
unsigned int gnttab_frames_held(const struct domain *d)
{
    const struct grant_table *gt = d->grant_table;
    unsigned int held = 0;

    for (unsigned int i = 0; gt && gt->released && i < gt->nr_frames; i++)
        held += frame_refs(gt, i) != 0;
    return held;
}

void gnttab_report_holders(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    unsigned int shown = 0;

    if (!gt)
        return;
    for (unsigned int i = 0; gt->released && i < gt->nr_frames && shown < SHOWN_MAX; i++) {
        unsigned long refs = frame_refs(gt, i);
        if (refs) {
            printk(XENLOG_WARNING "  grant-table frame %#lx (table frame %u): %lu reference(s)\n",
                   virt_to_mfn(gt->shared[i]), i, refs);
            shown++;
        }
    }
    /* Pins are what others' grant mappings (host or device) and copies hold of d's grants. */
    shown = 0;
    spin_lock(&gt->lock);
    for (grant_ref_t ref = 0; ref < gnttab_nr_entries(gt) && shown < SHOWN_MAX; ref++) {
        const struct active_grant *act = gnttab_active(gt, ref);
        if (!act->pin)
            continue;
        printk(XENLOG_WARNING "  grant %u (frame %#lx) mapped by domain %u: pins %#x "
               "(host rw/ro %u/%u, device rw/ro %u/%u)\n", ref, act->mfn, act->domid, act->pin,
               act->pin & 0xff, (act->pin >> 8) & 0xff, (act->pin >> 16) & 0xff, act->pin >> 24);
        shown++;
    }
    spin_unlock(&gt->lock);
}
