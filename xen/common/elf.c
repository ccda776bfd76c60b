/* SPDX-License-Identifier: GPL-2.0-only */
/* ELF64 kernel images: validate every header and segment before use, then copy segments into a guest. */
#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/lib.h>

int elf_error(struct elf_image *elf, const char *fmt, ...)
{
    size_t n = snprintf(elf->err, sizeof(elf->err), "%s: ", elf->name);
    va_list ap;

    va_start(ap, fmt);
    if (n < sizeof(elf->err))
        vsnprintf(elf->err + n, sizeof(elf->err) - n, fmt, ap);
    va_end(ap);
    return -EINVAL;
}

/* [off, off + len) inside the file, without overflow. */
static bool in_file(const struct elf_image *elf, uint64_t off, uint64_t len)
{
    return off <= elf->size && len <= elf->size - off;
}

static int check_ident(struct elf_image *elf)
{
    const struct elf64_ehdr *eh = elf->ehdr;

    if (eh->e_ident[0] != 0x7f || eh->e_ident[1] != 'E' || eh->e_ident[2] != 'L' || eh->e_ident[3] != 'F')
        return elf_error(elf, "not an ELF file (bad magic)");
    if (eh->e_ident[EI_CLASS] == ELFCLASS32)
        return elf_error(elf, "ELF is 32-bit; Xenolith runs 64-bit PV kernels only");
    if (eh->e_ident[EI_CLASS] != ELFCLASS64)
        return elf_error(elf, "ELF class %u is invalid", eh->e_ident[EI_CLASS]);
    if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
        return elf_error(elf, "ELF is not little-endian (data encoding %u)", eh->e_ident[EI_DATA]);
    if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
        return elf_error(elf, "ELF version %u is not 1", eh->e_version);
    if (eh->e_machine != EM_X86_64)
        return elf_error(elf, "ELF machine is %u, not x86_64 (%u)", eh->e_machine, EM_X86_64);
    if (eh->e_type != ET_EXEC)
        return elf_error(elf, "ELF type is %u, not an executable (ET_EXEC)", eh->e_type);
    if (eh->e_ehsize < sizeof(*eh))
        return elf_error(elf, "ELF header size %u is too small", eh->e_ehsize);
    return 0;
}

static int check_tables(struct elf_image *elf)
{
    const struct elf64_ehdr *eh = elf->ehdr;

    if (!eh->e_phnum)
        return elf_error(elf, "ELF has no program headers");
    if (eh->e_phnum > ELF_MAX_PHNUM)
        return elf_error(elf, "ELF has %u program headers (at most %u allowed)", eh->e_phnum,
                         ELF_MAX_PHNUM);
    if (eh->e_phentsize != sizeof(struct elf64_phdr))
        return elf_error(elf, "program header size is %u, not %zu", eh->e_phentsize,
                         sizeof(struct elf64_phdr));
    if (!in_file(elf, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr)))
        return elf_error(elf, "program header table lies outside the file");
    if (eh->e_phoff & 7)
        return elf_error(elf, "program header table is misaligned (offset %#llx)",
                         (unsigned long long)eh->e_phoff);
    elf->phdr = (const void *)(elf->data + eh->e_phoff);
    elf->phnum = eh->e_phnum;

    /* Sections are optional for loading; if a table is declared it must be sound too. */
    if (!eh->e_shoff || !eh->e_shnum)
        return 0;
    if (eh->e_shentsize != sizeof(struct elf64_shdr))
        return elf_error(elf, "section header size is %u, not %zu", eh->e_shentsize,
                         sizeof(struct elf64_shdr));
    if (!in_file(elf, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(struct elf64_shdr)))
        return elf_error(elf, "section header table lies outside the file");
    if (eh->e_shoff & 7)
        return elf_error(elf, "section header table is misaligned (offset %#llx)",
                         (unsigned long long)eh->e_shoff);
    if (eh->e_shstrndx >= eh->e_shnum)
        return elf_error(elf, "section name table index %u is out of range", eh->e_shstrndx);
    elf->shdr = (const void *)(elf->data + eh->e_shoff);
    elf->shnum = eh->e_shnum;
    return 0;
}

static int check_segments(struct elf_image *elf)
{
    unsigned int loads = 0;

    elf->pstart = UINT64_MAX;
    elf->pend = 0;
    for (unsigned int i = 0; i < elf->phnum; i++) {
        const struct elf64_phdr *ph = &elf->phdr[i];

        if (ph->p_type != PT_LOAD && ph->p_type != PT_NOTE)
            continue;
        if (!in_file(elf, ph->p_offset, ph->p_filesz))
            return elf_error(elf, "segment %u extends past the end of the file", i);
        if (ph->p_type != PT_LOAD || !ph->p_memsz)
            continue;
        if (ph->p_filesz > ph->p_memsz)
            return elf_error(elf, "segment %u has file size %#llx larger than memory size %#llx", i,
                             (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
        if (ph->p_paddr + ph->p_memsz < ph->p_paddr || ph->p_vaddr + ph->p_memsz < ph->p_vaddr)
            return elf_error(elf, "segment %u wraps around the end of the address space", i);
        /* Segments are placed by p_paddr, so that is where they must not collide. */
        for (unsigned int j = 0; j < i; j++) {
            const struct elf64_phdr *o = &elf->phdr[j];

            if (o->p_type == PT_LOAD && o->p_memsz && ph->p_paddr < o->p_paddr + o->p_memsz &&
                o->p_paddr < ph->p_paddr + ph->p_memsz)
                return elf_error(elf, "segments %u and %u overlap", j, i);
        }
        elf->pstart = MIN(elf->pstart, ph->p_paddr);
        elf->pend = MAX(elf->pend, ph->p_paddr + ph->p_memsz);
        loads++;
    }
    if (!loads)
        return elf_error(elf, "ELF has no loadable segments");
    return 0;
}

int elf_init(struct elf_image *elf, const char *name, const void *data, size_t size)
{
    int rc;

    memset(elf, 0, sizeof(*elf));
    elf->name = name;
    elf->data = data;
    elf->size = size;
    if ((uintptr_t)data & 7)
        return elf_error(elf, "image is not 8-byte aligned in memory");
    if (size < sizeof(struct elf64_ehdr))
        return elf_error(elf, "image is too small to be an ELF file (%zu bytes)", size);
    elf->ehdr = data;
    if ((rc = check_ident(elf)) || (rc = check_tables(elf)) || (rc = check_segments(elf)))
        return rc;
    return 0;
}

/* Run @len bytes at guest address @va through @map a page at a time; copy from @src or zero. */
static int copy_out(struct elf_image *elf, unsigned int seg, uint64_t va, const uint8_t *src, uint64_t len,
                    elf_map_fn map, void *ctx)
{
    while (len) {
        size_t chunk = MIN(len, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
        void *dst = map(va, chunk, ctx);

        if (!dst)
            return elf_error(elf, "segment %u: cannot map guest address %#llx", seg,
                             (unsigned long long)va);
        if (src) {
            memcpy(dst, src, chunk);
            src += chunk;
        } else {
            memset(dst, 0, chunk);
        }
        va += chunk;
        len -= chunk;
    }
    return 0;
}

int elf_load(struct elf_image *elf, uint64_t virt_offset, elf_map_fn map, void *ctx)
{
    for (unsigned int i = 0; i < elf->phnum; i++) {
        const struct elf64_phdr *ph = &elf->phdr[i];
        uint64_t va = virt_offset + ph->p_paddr;
        int rc;

        if (ph->p_type != PT_LOAD || !ph->p_memsz)
            continue;
        if ((rc = copy_out(elf, i, va, elf->data + ph->p_offset, ph->p_filesz, map, ctx)) ||
            (rc = copy_out(elf, i, va + ph->p_filesz, NULL, ph->p_memsz - ph->p_filesz, map, ctx)))
            return rc;
    }
    return 0;
}
