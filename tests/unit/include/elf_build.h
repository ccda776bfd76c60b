/* SPDX-License-Identifier: GPL-2.0-only */
/* Host unit tests: build small ELF64 kernels with Xen notes byte by byte, and run the guest-kernel build. */
#ifndef ELF_BUILD_H
#define ELF_BUILD_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <public/elfnote.h>
#include <xen/elf.h>

#define EB_MAX_PHDRS 8
#define EB_DATA      (sizeof(struct elf64_ehdr) + EB_MAX_PHDRS * sizeof(struct elf64_phdr))

struct elf_builder {
    uint8_t buf[32768] __attribute__((aligned(16)));
    size_t len;
    uint8_t notes[1024];
    size_t notes_len;
};

static inline struct elf64_ehdr *eb_ehdr(struct elf_builder *b) { return (void *)b->buf; }
static inline struct elf64_phdr *eb_phdr(struct elf_builder *b, unsigned int i)
{
    return (void *)(b->buf + sizeof(struct elf64_ehdr) + i * sizeof(struct elf64_phdr));
}

static inline void eb_init(struct elf_builder *b)
{
    struct elf64_ehdr *eh = eb_ehdr(b);

    memset(b, 0, sizeof(*b));
    memcpy(eh->e_ident, "\177ELF", 4);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = ET_EXEC;
    eh->e_machine = EM_X86_64;
    eh->e_version = EV_CURRENT;
    eh->e_phoff = sizeof(*eh);
    eh->e_ehsize = sizeof(*eh);
    eh->e_phentsize = sizeof(struct elf64_phdr);
    b->len = EB_DATA;
}

/* Append a segment with @filesz bytes from @data (pattern if NULL); returns its index. */
static inline unsigned int eb_segment(struct elf_builder *b, uint32_t type, uint64_t paddr, uint64_t vaddr,
                                      const void *data, size_t filesz, size_t memsz)
{
    struct elf64_ehdr *eh = eb_ehdr(b);
    unsigned int i = eh->e_phnum++;
    struct elf64_phdr *ph = eb_phdr(b, i);

    b->len = (b->len + 7) & ~7UL;
    ph->p_type = type;
    ph->p_flags = PF_R | PF_W | PF_X;
    ph->p_offset = b->len;
    ph->p_paddr = paddr;
    ph->p_vaddr = vaddr;
    ph->p_filesz = filesz;
    ph->p_memsz = memsz;
    ph->p_align = type == PT_NOTE ? 4 : 0x1000;
    for (size_t k = 0; k < filesz; k++)
        b->buf[b->len + k] = data ? ((const uint8_t *)data)[k] : (uint8_t)(i * 31 + k);
    b->len += filesz;
    return i;
}

/* Queue one note (owner "Xen" unless @owner) for eb_notes_segment(). */
static inline void eb_note_owner(struct elf_builder *b, const char *owner, uint32_t type, const void *desc,
                                 uint32_t descsz)
{
    uint32_t namesz = strlen(owner) + 1, hdr[3] = { namesz, descsz, type };

    memcpy(b->notes + b->notes_len, hdr, sizeof(hdr));
    b->notes_len += sizeof(hdr);
    memcpy(b->notes + b->notes_len, owner, namesz);
    b->notes_len += (namesz + 3) & ~3u;
    memcpy(b->notes + b->notes_len, desc, descsz);
    b->notes_len += (descsz + 3) & ~3u;
}
static inline void eb_note(struct elf_builder *b, uint32_t type, const void *desc, uint32_t descsz)
{
    eb_note_owner(b, "Xen", type, desc, descsz);
}
static inline void eb_note_str(struct elf_builder *b, uint32_t type, const char *s)
{
    eb_note(b, type, s, strlen(s) + 1);
}
static inline void eb_note_u64(struct elf_builder *b, uint32_t type, uint64_t v)
{
    eb_note(b, type, &v, 8);
}
static inline unsigned int eb_notes_segment(struct elf_builder *b, uint64_t paddr)
{
    return eb_segment(b, PT_NOTE, paddr, paddr, b->notes, b->notes_len, b->notes_len);
}

#define EB_VIRT_BASE 0xffffffff80000000ULL
#define EB_ENTRY     0xffffffff81000040ULL
#define EB_HCALL     0xffffffff81001000ULL

/* A Linux-shaped kernel: text at paddr 16 MiB, a per-CPU segment with p_vaddr 0, data + bss, notes. */
static inline void eb_linux_like(struct elf_builder *b)
{
    static const uint64_t l1_mfn_valid[2] = { 1, 1 };

    eb_init(b);
    eb_ehdr(b)->e_entry = 0x1000000;                     /* physical, as Linux's: the note wins */
    eb_segment(b, PT_LOAD, 0x1000000, 0xffffffff81000000ULL, NULL, 0x2000, 0x2000);
    eb_segment(b, PT_LOAD, 0x1002000, 0, NULL, 0x800, 0x1000);
    eb_segment(b, PT_LOAD, 0x1003000, 0xffffffff81003000ULL, NULL, 0x1100, 0x5000);
    eb_note_str(b, XEN_ELFNOTE_GUEST_OS, "linux");
    eb_note_str(b, XEN_ELFNOTE_GUEST_VERSION, "2.6");
    eb_note_str(b, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    eb_note_u64(b, XEN_ELFNOTE_VIRT_BASE, EB_VIRT_BASE);
    eb_note_u64(b, XEN_ELFNOTE_PADDR_OFFSET, 0);
    eb_note_u64(b, XEN_ELFNOTE_ENTRY, EB_ENTRY);
    eb_note_u64(b, XEN_ELFNOTE_HYPERCALL_PAGE, EB_HCALL);
    eb_note_u64(b, XEN_ELFNOTE_INIT_P2M, 0x8000000000ULL);
    eb_note_u64(b, XEN_ELFNOTE_MOD_START_PFN, 1);
    eb_note_str(b, XEN_ELFNOTE_FEATURES, "!writable_page_tables|pae_pgdir_above_4gb|some_future_feature");
    eb_note(b, XEN_ELFNOTE_SUPPORTED_FEATURES, "\x01\x88\x00\x00", 4);
    eb_note_str(b, XEN_ELFNOTE_PAE_MODE, "yes");
    eb_note_str(b, XEN_ELFNOTE_LOADER, "generic");
    eb_note_u64(b, XEN_ELFNOTE_HV_START_LOW, 0xffff800000000000ULL);
    eb_note(b, XEN_ELFNOTE_L1_MFN_VALID, l1_mfn_valid, 16);
    eb_note_u64(b, XEN_ELFNOTE_SUSPEND_CANCEL, 1);
    eb_note(b, XEN_ELFNOTE_PHYS32_ENTRY, "\x50\x08\x00\x01", 4);
    eb_note_owner(b, "GNU", 3, "buildid!", 8);          /* other owners are skipped */
    eb_notes_segment(b, 0x1001800);
}

/* Build the in-tree PV test kernel @name and return its bytes (NULL if the build fails). */
static inline uint8_t *guest_kernel(const char *name, size_t *len)
{
    char cwd[512], cmd[2048], path[600];

    if (!getcwd(cwd, sizeof(cwd)))
        return NULL;
    snprintf(path, sizeof(path), "%s/build/guests/%s.elf", cwd, name);
    snprintf(cmd, sizeof(cmd), "make -s -C ../guests BUILD=%s/build/guests %s >/dev/null 2>&1", cwd, path);
    if (system(cmd))
        return NULL;
    return test_read_file(path, len);
}

#endif
