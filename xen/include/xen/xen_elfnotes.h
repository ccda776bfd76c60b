/* SPDX-License-Identifier: GPL-2.0-only */
/* The Xen ELF notes of a PV kernel and the virtual layout they give its image (as Xen's libelf). */
#ifndef XEN_XEN_ELFNOTES_H
#define XEN_XEN_ELFNOTES_H

#include <public/elfnote.h>
#include <xen/elf.h>

#define XEN_NOTE_STR_LEN 32

struct xen_elfnotes {
    uint32_t present;                   /* bit (1 << XEN_ELFNOTE_x) for each note seen */
    unsigned int count;                 /* Xen notes seen, known or not */
    char guest_os[XEN_NOTE_STR_LEN];    /* strings: NUL-terminated, cut to fit */
    char guest_version[XEN_NOTE_STR_LEN];
    char xen_version[XEN_NOTE_STR_LEN];
    char loader[XEN_NOTE_STR_LEN];
    char pae_mode[XEN_NOTE_STR_LEN];
    uint64_t entry;
    uint64_t hypercall_page;
    uint64_t virt_base;
    uint64_t paddr_offset;
    uint64_t hv_start_low;
    uint64_t init_p2m;
    uint64_t mod_start_pfn;
    uint64_t suspend_cancel;
    uint64_t phys32_entry;
    uint64_t l1_mfn_valid_mask, l1_mfn_valid_value;
    uint64_t supported_features_note;   /* the SUPPORTED_FEATURES number as given */
    uint32_t features_supported;        /* XENFEAT_* bits: FEATURES names | SUPPORTED_FEATURES */
    uint32_t features_required;         /* XENFEAT_* bits named with '!' in FEATURES */
};

#define xen_note_present(n, type) (((n)->present >> (type)) & 1)

/* Where the image goes: every PT_LOAD segment at virt_offset + p_paddr. */
struct xen_layout {
    uint64_t virt_base;                 /* start of the bootstrap mapping (PFN 0) */
    uint64_t paddr_offset;
    uint64_t virt_offset;               /* virt_base - paddr_offset (mod 2^64) */
    uint64_t virt_kstart, virt_kend;    /* [start, end) of the kernel image */
    uint64_t virt_entry;
    uint64_t virt_hypercall;            /* 0: no HYPERCALL_PAGE note */
    uint64_t p2m_base;                  /* 0: no INIT_P2M note, map the P2M in the bootstrap region */
};

/* Parse the Xen notes of every PT_NOTE segment of @elf (from elf_init()). 0 or -EINVAL + elf->err. */
int xen_elfnotes_parse(struct elf_image *elf, struct xen_elfnotes *notes);

/* Check the notes and compute the layout (pv-guest-abi.md 1.2). 0 or -EINVAL + elf->err. */
int xen_elf_layout(struct elf_image *elf, const struct xen_elfnotes *notes, struct xen_layout *layout);

#endif
