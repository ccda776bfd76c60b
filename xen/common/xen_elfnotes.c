/* SPDX-License-Identifier: GPL-2.0-only */
/* Xen ELF notes of a PV kernel: parse PT_NOTE segments, then check and lay out the image like libelf. */
#include <public/arch-x86/xen-x86_64.h>
#include <public/features.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/xen_elfnotes.h>

enum note_kind { NOTE_IGNORED, NOTE_NUMBER, NOTE_STRING, NOTE_FEATURES, NOTE_L1_MFN_VALID };

struct note_desc {
    const char *name;
    enum note_kind kind;
    size_t field;               /* offset of the uint64_t or char[] in struct xen_elfnotes */
};

#define NUM(n, f) [XEN_ELFNOTE_##n] = { #n, NOTE_NUMBER, offsetof(struct xen_elfnotes, f) }
#define STR(n, f) [XEN_ELFNOTE_##n] = { #n, NOTE_STRING, offsetof(struct xen_elfnotes, f) }

static const struct note_desc note_descs[XEN_ELFNOTE_MAX + 1] = {
    [XEN_ELFNOTE_INFO] = { "INFO", NOTE_IGNORED, 0 },
    NUM(ENTRY, entry),
    NUM(HYPERCALL_PAGE, hypercall_page),
    NUM(VIRT_BASE, virt_base),
    NUM(PADDR_OFFSET, paddr_offset),
    STR(XEN_VERSION, xen_version),
    STR(GUEST_OS, guest_os),
    STR(GUEST_VERSION, guest_version),
    STR(LOADER, loader),
    STR(PAE_MODE, pae_mode),
    [XEN_ELFNOTE_FEATURES] = { "FEATURES", NOTE_FEATURES, 0 },
    [XEN_ELFNOTE_BSD_SYMTAB] = { "BSD_SYMTAB", NOTE_IGNORED, 0 },   /* a FreeBSD symbol-table request */
    NUM(HV_START_LOW, hv_start_low),
    [XEN_ELFNOTE_L1_MFN_VALID] = { "L1_MFN_VALID", NOTE_L1_MFN_VALID, 0 },
    NUM(SUSPEND_CANCEL, suspend_cancel),
    NUM(INIT_P2M, init_p2m),
    NUM(MOD_START_PFN, mod_start_pfn),
    NUM(SUPPORTED_FEATURES, supported_features_note),
    NUM(PHYS32_ENTRY, phys32_entry),
};

#define FEAT(n) { #n, XENFEAT_##n }
static const struct { const char *name; unsigned int bit; } feature_names[] = {
    FEAT(writable_page_tables), FEAT(writable_descriptor_tables), FEAT(auto_translated_physmap),
    FEAT(supervisor_mode_kernel), FEAT(pae_pgdir_above_4gb), FEAT(mmu_pt_update_preserve_ad),
    FEAT(highmem_assist), FEAT(gnttab_map_avail_bits), FEAT(hvm_callback_vector),
    FEAT(hvm_safe_pvclock), FEAT(hvm_pirqs), FEAT(dom0), FEAT(grant_map_identity),
    FEAT(memory_op_vnode_supported), FEAT(ARM_SMCCC_supported), FEAT(linux_rsdp_unrestricted),
    FEAT(not_direct_mapped), FEAT(direct_mapped), FEAT(runstate_phys_area), FEAT(vcpu_time_phys_area),
};

/* Features a PV kernel may demand that Xenolith cannot give it. */
#define FEATURES_REFUSED ((1u << XENFEAT_supervisor_mode_kernel) | (1u << XENFEAT_auto_translated_physmap))

static uint64_t get_le(const uint8_t *p, unsigned int n)
{
    uint64_t v = 0;

    while (n--)
        v = v << 8 | p[n];
    return v;
}

/* The XENFEAT_* bit called @name (@len bytes), or -1. */
static int feature_bit(const char *name, size_t len)
{
    for (size_t i = 0; i < ARRAY_SIZE(feature_names); i++)
        if (strlen(feature_names[i].name) == len && !strncmp(feature_names[i].name, name, len))
            return feature_names[i].bit;
    return -1;
}

/* "a|!b|c": each name sets its supported bit; a leading '!' also sets the required bit. */
static int parse_features(struct elf_image *elf, struct xen_elfnotes *n, const char *s, size_t len)
{
    const char *end = s + len;

    while (s < end) {
        bool required = *s == '!';
        size_t w = 0;
        int bit;

        s += required;
        while (s + w < end && s[w] != '|')
            w++;
        bit = feature_bit(s, w);
        if (bit >= 0) {
            n->features_supported |= 1u << bit;
            if (required)
                n->features_required |= 1u << bit;
        } else if (required && w) {
            /* An unknown optional feature is harmless; an unknown required one cannot be met. */
            return elf_error(elf, "FEATURES requires \"%.*s\", which Xenolith does not know", (int)w, s);
        }
        s += w + (s + w < end);     /* and the '|' */
    }
    return 0;
}

static int store_note(struct elf_image *elf, struct xen_elfnotes *n, uint32_t type, const uint8_t *desc,
                      uint32_t size)
{
    const struct note_desc *d = &note_descs[type];

    switch (d->kind) {
    case NOTE_IGNORED:
        return 0;
    case NOTE_NUMBER:
        if (size != 1 && size != 2 && size != 4 && size != 8)
            return elf_error(elf, "Xen note %s has a %u-byte value (want 1, 2, 4 or 8)", d->name, size);
        *(uint64_t *)((char *)n + d->field) = get_le(desc, size);
        return 0;
    case NOTE_L1_MFN_VALID:
        if (size != 8 && size != 16)
            return elf_error(elf, "Xen note L1_MFN_VALID has %u bytes (want a mask, or a mask and a value)",
                             size);
        n->l1_mfn_valid_mask = get_le(desc, 8);
        n->l1_mfn_valid_value = size == 16 ? get_le(desc + 8, 8) : n->l1_mfn_valid_mask;
        return 0;
    case NOTE_STRING:
    case NOTE_FEATURES: {
        /* The NUL is optional: Linux sizes FEATURES without it and leaves it to the padding. */
        size_t len = strnlen((const char *)desc, size);
        char *dst = (char *)n + d->field;

        if (d->kind == NOTE_FEATURES)
            return parse_features(elf, n, (const char *)desc, len);
        len = MIN(len, XEN_NOTE_STR_LEN - 1);
        memcpy(dst, desc, len);
        dst[len] = '\0';
        return 0;
    }
    }
    return 0;
}

static int parse_segment(struct elf_image *elf, unsigned int seg, struct xen_elfnotes *n)
{
    const struct elf64_phdr *ph = &elf->phdr[seg];
    const uint8_t *p = elf->data + ph->p_offset, *end = p + ph->p_filesz;
    uint64_t align = ph->p_align == 8 ? 8 : 4;  /* gABI: 8-byte notes only in 8-aligned segments */

    if (ph->p_align > 8 || (ph->p_align & (ph->p_align - 1)))
        return elf_error(elf, "note segment %u has alignment %llu (want 4 or 8)", seg,
                         (unsigned long long)ph->p_align);
    for (unsigned int i = 0; p < end; i++) {
        struct elf64_note nh;
        uint64_t name_room, desc_room;
        const uint8_t *name, *desc;
        int rc;

        if ((size_t)(end - p) < sizeof(nh))
            return elf_error(elf, "note %u in segment %u is truncated", i, seg);
        memcpy(&nh, p, sizeof(nh));
        name = p + sizeof(nh);
        name_room = ROUNDUP((uint64_t)nh.n_namesz, align);
        if (name_room > (uint64_t)(end - name) || nh.n_descsz > (uint64_t)(end - name) - name_room)
            return elf_error(elf, "note %u in segment %u overruns the segment (name %u, desc %u bytes)", i,
                             seg, nh.n_namesz, nh.n_descsz);
        desc = name + name_room;
        desc_room = MIN(ROUNDUP((uint64_t)nh.n_descsz, align), (uint64_t)(end - desc));
        p = desc + desc_room;

        if (nh.n_namesz != 4 || memcmp(name, "Xen", 4))
            continue;                           /* GNU build-id and other owners' notes */
        n->count++;
        if (nh.n_type > XEN_ELFNOTE_MAX)
            continue;                           /* newer than this hypervisor: nothing to act on */
        if ((rc = store_note(elf, n, nh.n_type, desc, nh.n_descsz)))
            return rc;
        n->present |= 1u << nh.n_type;
    }
    return 0;
}

int xen_elfnotes_parse(struct elf_image *elf, struct xen_elfnotes *notes)
{
    memset(notes, 0, sizeof(*notes));
    for (unsigned int i = 0; i < elf->phnum; i++) {
        int rc;

        /* Some binutils leave p_offset 0 on note segments; those hold nothing usable. */
        if (elf->phdr[i].p_type != PT_NOTE || !elf->phdr[i].p_offset)
            continue;
        if ((rc = parse_segment(elf, i, notes)))
            return rc;
    }
    if (!notes->count)
        return elf_error(elf, "no Xen ELF notes; not a Xen PV kernel");
    notes->features_supported |= (uint32_t)notes->supported_features_note;
    return 0;
}

static int check_notes(struct elf_image *elf, const struct xen_elfnotes *n)
{
    uint32_t refused = n->features_required & FEATURES_REFUSED;

    if (strcmp(n->xen_version, "xen-3.0"))
        return elf_error(elf, "XEN_VERSION is \"%s\", not \"xen-3.0\"", n->xen_version);
    if (strcmp(n->loader, "generic") && strcmp(n->guest_os, "linux"))
        return elf_error(elf, "neither a Linux kernel (GUEST_OS \"%s\") nor built for the generic loader "
                         "(LOADER \"%s\")", n->guest_os, n->loader);
    for (unsigned int i = 0; i < ARRAY_SIZE(feature_names); i++)
        if (refused & (1u << feature_names[i].bit))
            return elf_error(elf, "kernel requires feature %s, which Xenolith does not provide for PV",
                             feature_names[i].name);
    if (xen_note_present(n, XEN_ELFNOTE_PADDR_OFFSET) && !xen_note_present(n, XEN_ELFNOTE_VIRT_BASE))
        return elf_error(elf, "PADDR_OFFSET is set but VIRT_BASE is not");
    return 0;
}

int xen_elf_layout(struct elf_image *elf, const struct xen_elfnotes *n, struct xen_layout *l)
{
    int rc;

    memset(l, 0, sizeof(*l));
    if ((rc = check_notes(elf, n)))
        return rc;
    /* Unset VIRT_BASE and PADDR_OFFSET default to 0; an unset ENTRY to e_entry (libelf's rules). */
    l->virt_base = n->virt_base;
    l->paddr_offset = n->paddr_offset;
    l->virt_offset = l->virt_base - l->paddr_offset;
    l->virt_entry = xen_note_present(n, XEN_ELFNOTE_ENTRY) ? n->entry : elf->ehdr->e_entry;

    if (l->virt_base & (PAGE_SIZE - 1))
        return elf_error(elf, "VIRT_BASE %#llx is not page-aligned", (unsigned long long)l->virt_base);
    if (elf->pstart < l->paddr_offset)
        return elf_error(elf, "segments start at paddr %#llx, below PADDR_OFFSET %#llx",
                         (unsigned long long)elf->pstart, (unsigned long long)l->paddr_offset);
    if (__builtin_add_overflow(l->virt_base, elf->pstart - l->paddr_offset, &l->virt_kstart) ||
        __builtin_add_overflow(l->virt_base, elf->pend - l->paddr_offset, &l->virt_kend) || !l->virt_kend)
        return elf_error(elf, "image extends past the top of the address space");
    /* As Xen: the image may sit in either canonical half (Mini-OS links low), never in the hole. */
    if (l->virt_kend > 0x0000800000000000ULL && l->virt_base < HYPERVISOR_VIRT_END)
        return elf_error(elf, "image %#llx-%#llx is not in guest address space (lower half, or above "
                         "the hypervisor hole which ends at %#llx)", (unsigned long long)l->virt_base,
                         (unsigned long long)l->virt_kend, (unsigned long long)HYPERVISOR_VIRT_END);
    if (l->virt_entry < l->virt_kstart || l->virt_entry >= l->virt_kend)
        return elf_error(elf, "entry point %#llx lies outside the image [%#llx, %#llx)",
                         (unsigned long long)l->virt_entry, (unsigned long long)l->virt_kstart,
                         (unsigned long long)l->virt_kend);
    if (xen_note_present(n, XEN_ELFNOTE_HYPERCALL_PAGE)) {
        l->virt_hypercall = n->hypercall_page;
        if ((l->virt_hypercall & (PAGE_SIZE - 1)) || l->virt_hypercall < l->virt_kstart ||
            l->virt_hypercall > l->virt_kend - PAGE_SIZE)
            return elf_error(elf, "hypercall page %#llx is not a page inside the image",
                             (unsigned long long)l->virt_hypercall);
    }
    if (xen_note_present(n, XEN_ELFNOTE_INIT_P2M)) {
        l->p2m_base = n->init_p2m;
        if (l->p2m_base >= l->virt_kstart && l->p2m_base < l->virt_kend)
            return elf_error(elf, "INIT_P2M %#llx lies inside the image", (unsigned long long)l->p2m_base);
    }
    return 0;
}
