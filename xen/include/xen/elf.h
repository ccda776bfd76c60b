/* SPDX-License-Identifier: GPL-2.0-only */
/* ELF64 structures (System V gABI) and the validated view of a kernel image the loader works from. */
#ifndef XEN_ELF_H
#define XEN_ELF_H

#include <xen/types.h>

#define EI_NIDENT       16
#define EI_CLASS        4
#define EI_DATA         5
#define EI_VERSION      6
#define ELFCLASS32      1
#define ELFCLASS64      2
#define ELFDATA2LSB     1
#define EV_CURRENT      1
#define ET_EXEC         2
#define EM_X86_64       62

#define PT_LOAD         1
#define PT_NOTE         4
#define PF_X            1
#define PF_W            2
#define PF_R            4
#define SHT_NOTE        7

struct elf64_ehdr {
    uint8_t  e_ident[EI_NIDENT];
    uint16_t e_type;
    uint16_t e_machine;
    uint32_t e_version;
    uint64_t e_entry;
    uint64_t e_phoff;
    uint64_t e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize;
    uint16_t e_phentsize;
    uint16_t e_phnum;
    uint16_t e_shentsize;
    uint16_t e_shnum;
    uint16_t e_shstrndx;
};

struct elf64_phdr {
    uint32_t p_type;
    uint32_t p_flags;
    uint64_t p_offset;
    uint64_t p_vaddr;
    uint64_t p_paddr;
    uint64_t p_filesz;
    uint64_t p_memsz;
    uint64_t p_align;
};

struct elf64_shdr {
    uint32_t sh_name;
    uint32_t sh_type;
    uint64_t sh_flags;
    uint64_t sh_addr;
    uint64_t sh_offset;
    uint64_t sh_size;
    uint32_t sh_link;
    uint32_t sh_info;
    uint64_t sh_addralign;
    uint64_t sh_entsize;
};

/* Note header; the name and then the descriptor follow, each padded to the note alignment. */
struct elf64_note {
    uint32_t n_namesz;
    uint32_t n_descsz;
    uint32_t n_type;
};

_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 header layout");
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 program header layout");
_Static_assert(sizeof(struct elf64_shdr) == 64, "ELF64 section header layout");

#define ELF_MAX_PHNUM   128     /* Linux has 5 program headers; more is a hostile or broken image */
#define ELF_ERR_LEN     160

/* An image elf_init() has checked: every header and PT_LOAD/PT_NOTE segment lies inside it. */
struct elf_image {
    const char *name;                   /* "kernel", "dom1 kernel": starts every error line */
    const uint8_t *data;
    size_t size;
    const struct elf64_ehdr *ehdr;
    const struct elf64_phdr *phdr;
    unsigned int phnum;
    const struct elf64_shdr *shdr;      /* NULL when there is no section table */
    unsigned int shnum;
    uint64_t pstart, pend;              /* [lowest, highest) p_paddr over the PT_LOAD segments */
    char err[ELF_ERR_LEN];              /* the last error, one line */
};

/* Returns the guest-virtual range [@vaddr, @vaddr + @len) (never crossing a page) as hypervisor
 * memory, or NULL if the builder cannot. */
typedef void *(*elf_map_fn)(uint64_t guest_vaddr, size_t len, void *ctx);

/*
 * Check @data (@size bytes, 8-byte aligned) completely; 0, or -EINVAL with elf->err naming the
 * problem (e.g. "kernel: segment 2 extends past the end of the file").
 */
int elf_init(struct elf_image *elf, const char *name, const void *data, size_t size);

/* Copy every PT_LOAD segment to @virt_offset + p_paddr through @map, zeroing p_memsz - p_filesz. */
int elf_load(struct elf_image *elf, uint64_t virt_offset, elf_map_fn map, void *ctx);

/* Set elf->err to "<name>: <formatted text>" and return -EINVAL. */
int elf_error(struct elf_image *elf, const char *fmt, ...) __printf(2, 3);

#endif
