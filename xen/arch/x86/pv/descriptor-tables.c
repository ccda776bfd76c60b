/* SPDX-License-Identifier: GPL-2.0-only */
/* set_gdt and update_descriptor: guest descriptor frames typed PGT_seg_desc_page, every entry checked. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/pv-mm.h>
#include <asm/pv-priv.h>

#define DESCS_PER_PAGE 512

void pv_destroy_gdt(struct vcpu *v)
{
    struct pv_priv_vcpu *p = &v->arch.priv;
    unsigned int nr = (p->gdt_ents + DESCS_PER_PAGE - 1) / DESCS_PER_PAGE;

    p->gdt_ents = 0;
    for (unsigned int i = 0; i < nr; i++) {
        put_page_and_type(mfn_to_page(p->gdt_frames[i]));
        p->gdt_frames[i] = 0;
    }
}

long pv_set_gdt(struct vcpu *v, const unsigned long *frames, unsigned int entries)
{
    struct domain *d = v->domain;
    unsigned int nr = (entries + DESCS_PER_PAGE - 1) / DESCS_PER_PAGE, i;

    if (entries > FIRST_RESERVED_GDT_ENTRY)
        return -EINVAL;
    /* Typing a frame PGT_seg_desc_page checks all its descriptors (check_descriptor) and
     * fails while the frame has a writable mapping. */
    for (i = 0; i < nr; i++) {
        unsigned long mfn = frames[i];
        if (!mfn_valid(mfn) || get_page_and_type(mfn_to_page(mfn), d, PGT_seg_desc_page))
            goto fail;
    }
    pv_destroy_gdt(v);
    for (i = 0; i < nr; i++)
        v->arch.priv.gdt_frames[i] = frames[i];
    v->arch.priv.gdt_ents = entries;
    if (v == current)
        pv_load_descriptor_tables(v);
    return 0;

fail:
    while (i--)
        put_page_and_type(mfn_to_page(frames[i]));
    return -EINVAL;
}

long do_set_gdt(unsigned long frame_list, unsigned int entries)
{
    unsigned long frames[NR_GDT_FRAMES];
    unsigned int nr = (entries + DESCS_PER_PAGE - 1) / DESCS_PER_PAGE;

    if (entries > FIRST_RESERVED_GDT_ENTRY) /* before the copy: bounds the frame list */
        return -EINVAL;
    if (copy_from_guest(frames, frame_list, nr * sizeof(frames[0])))
        return -EFAULT;
    return pv_set_gdt(current, frames, entries);
}

long do_update_descriptor(uint64_t maddr, uint64_t desc)
{
    struct domain *d = current->domain;
    unsigned long mfn = maddr >> PAGE_SHIFT;

    if ((maddr & 7) || !mfn_valid(mfn) || !check_descriptor(d, &desc))
        return -EINVAL;
    struct page_info *pg = mfn_to_page(mfn);
    if (!get_page(pg, d))
        return -EINVAL;
    /* A live GDT/LDT frame keeps its type; anything else must be able to be writable
     * (so never a page table). */
    unsigned long type = (pg->type_info & PGT_type_mask) == PGT_seg_desc_page ? PGT_seg_desc_page
                                                                              : PGT_writable_page;
    long rc = -EINVAL;
    if (!get_page_type(pg, type)) {
        uint64_t *slot = (uint64_t *)((char *)mfn_to_virt(mfn) + (maddr & ~PAGE_MASK));
        __atomic_store_n(slot, desc, __ATOMIC_RELAXED);
        put_page_type(pg);
        rc = 0;
    }
    put_page(pg);
    return rc;
}
