/* SPDX-License-Identifier: GPL-2.0-only */
/* Wrap the 64-bit hypervisor image in a 32-bit ELF so multiboot1 loaders (QEMU -kernel) accept it. */
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA_OFFSET 0x1000u

static void die(const char *what, const char *why)
{
    fprintf(stderr, "mkelf32: %s: %s\n", what, why);
    exit(1);
}

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die(path, strerror(errno));
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(n);
    if (!buf || fread(buf, 1, n, f) != (size_t)n)
        die(path, "cannot read");
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: mkelf32 IN.elf64 OUT.elf32\n");
        return 2;
    }
    size_t len;
    unsigned char *in = read_file(argv[1], &len);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)in;
    if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64)
        die(argv[1], "not a 64-bit ELF");

    /* Exactly one PT_LOAD: the linker script promises it. */
    Elf64_Phdr *load = NULL;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr *ph = (Elf64_Phdr *)(in + eh->e_phoff + (size_t)i * eh->e_phentsize);
        if (ph->p_type != PT_LOAD)
            continue;
        if (load)
            die(argv[1], "more than one PT_LOAD segment");
        load = ph;
    }
    if (!load || load->p_offset + load->p_filesz > len)
        die(argv[1], "no usable PT_LOAD segment");
    uint64_t entry = eh->e_entry - (load->p_vaddr - load->p_paddr);
    if (load->p_paddr + load->p_memsz > 0xffffffffull || entry > 0xffffffffull)
        die(argv[1], "image must load below 4 GiB");

    Elf32_Ehdr oh = {
        .e_type = ET_EXEC, .e_machine = EM_386, .e_version = EV_CURRENT,
        .e_entry = (uint32_t)entry, .e_phoff = sizeof(Elf32_Ehdr),
        .e_ehsize = sizeof(Elf32_Ehdr), .e_phentsize = sizeof(Elf32_Phdr), .e_phnum = 1,
    };
    memcpy(oh.e_ident, ELFMAG, SELFMAG);
    oh.e_ident[EI_CLASS] = ELFCLASS32;
    oh.e_ident[EI_DATA] = ELFDATA2LSB;
    oh.e_ident[EI_VERSION] = EV_CURRENT;
    Elf32_Phdr op = {
        .p_type = PT_LOAD, .p_offset = DATA_OFFSET,
        .p_vaddr = (uint32_t)load->p_paddr, .p_paddr = (uint32_t)load->p_paddr,
        .p_filesz = (uint32_t)load->p_filesz, .p_memsz = (uint32_t)load->p_memsz,
        .p_flags = PF_R | PF_W | PF_X, .p_align = 0x1000,
    };

    FILE *out = fopen(argv[2], "wb");
    if (!out)
        die(argv[2], strerror(errno));
    static const unsigned char zero[DATA_OFFSET];
    if (fwrite(&oh, sizeof(oh), 1, out) != 1 || fwrite(&op, sizeof(op), 1, out) != 1 ||
        fwrite(zero, DATA_OFFSET - sizeof(oh) - sizeof(op), 1, out) != 1 ||
        fwrite(in + load->p_offset, load->p_filesz, 1, out) != 1 || fclose(out))
        die(argv[2], "write failed");
    return 0;
}
