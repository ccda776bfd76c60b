/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/elf.c */
/* ELF64 validation: real test kernels pass; hostile headers, tables and segments each fail with their line. */
#include <test.h>
#include <test_tool.h>
#include <elf_build.h>
#include <xen/errno.h>

static struct elf_builder b;
static struct elf_image elf;

/* elf_init() on the builder's image must fail with exactly @want. */
#define REJECT(want) do {                                                   \
        int rc_ = elf_init(&elf, "kernel", b.buf, b.len);                  \
        CHECK_EQ(rc_, -EINVAL);                                             \
        CHECK_STR(elf.err, want);                                           \
    } while (0)

static void test_guest_kernels(void)
{
    static const char *names[] = { "hello", "hypercall-page", "mmu-pin" };

    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        size_t len;
        uint8_t *img = guest_kernel(names[i], &len);

        CHECK(img != NULL);
        if (!img)
            continue;
        if (elf_init(&elf, names[i], img, len))
            test_fail(__FILE__, __LINE__, "%s rejected: %s", names[i], elf.err);
        CHECK(elf.phnum >= 2);
        CHECK(elf.shdr != NULL);
        CHECK_EQ(elf.pstart, 0x100000);             /* runtime/guest.lds links at VIRT_BASE + 1 MiB */
        CHECK(elf.pend > elf.pstart);
        free(img);
    }
}

static void test_headers(void)
{
    eb_linux_like(&b);
    CHECK_EQ(elf_init(&elf, "kernel", b.buf, b.len), 0);
    CHECK_EQ(elf.phnum, 4);
    CHECK_EQ(elf.pstart, 0x1000000);
    CHECK_EQ(elf.pend, 0x1008000);

    CHECK_EQ(elf_init(&elf, "kernel", b.buf, 40), -EINVAL);
    CHECK_STR(elf.err, "kernel: image is too small to be an ELF file (40 bytes)");
    CHECK_EQ(elf_init(&elf, "kernel", b.buf + 4, b.len - 4), -EINVAL);
    CHECK_STR(elf.err, "kernel: image is not 8-byte aligned in memory");

    eb_ehdr(&b)->e_ident[1] = 'X';
    REJECT("kernel: not an ELF file (bad magic)");
    eb_linux_like(&b);
    eb_ehdr(&b)->e_ident[EI_CLASS] = ELFCLASS32;
    REJECT("kernel: ELF is 32-bit; Xenolith runs 64-bit PV kernels only");
    eb_ehdr(&b)->e_ident[EI_CLASS] = 7;
    REJECT("kernel: ELF class 7 is invalid");
    eb_linux_like(&b);
    eb_ehdr(&b)->e_ident[EI_DATA] = 2;
    REJECT("kernel: ELF is not little-endian (data encoding 2)");
    eb_linux_like(&b);
    eb_ehdr(&b)->e_version = 2;
    REJECT("kernel: ELF version 2 is not 1");
    eb_linux_like(&b);
    eb_ehdr(&b)->e_machine = 3;
    REJECT("kernel: ELF machine is 3, not x86_64 (62)");
    eb_linux_like(&b);
    eb_ehdr(&b)->e_type = 3;
    REJECT("kernel: ELF type is 3, not an executable (ET_EXEC)");
    eb_linux_like(&b);
    eb_ehdr(&b)->e_ehsize = 52;
    REJECT("kernel: ELF header size 52 is too small");
}

static void test_tables(void)
{
    eb_linux_like(&b);
    eb_ehdr(&b)->e_phnum = 0;
    REJECT("kernel: ELF has no program headers");
    eb_ehdr(&b)->e_phnum = 0xffff;
    REJECT("kernel: ELF has 65535 program headers (at most 128 allowed)");
    eb_ehdr(&b)->e_phnum = 100;                     /* sane count, table runs off the file */
    eb_ehdr(&b)->e_phoff = b.len - 200;
    REJECT("kernel: program header table lies outside the file");
    eb_linux_like(&b);
    eb_ehdr(&b)->e_phoff = 0xfffffffffffffff8ULL;  /* offset + size wraps */
    REJECT("kernel: program header table lies outside the file");
    eb_ehdr(&b)->e_phoff = 66;
    REJECT("kernel: program header table is misaligned (offset 0x42)");
    eb_linux_like(&b);
    eb_ehdr(&b)->e_phentsize = 32;
    REJECT("kernel: program header size is 32, not 56");

    eb_linux_like(&b);
    eb_ehdr(&b)->e_shoff = b.len + 64;
    eb_ehdr(&b)->e_shnum = 3;
    eb_ehdr(&b)->e_shentsize = 64;
    REJECT("kernel: section header table lies outside the file");
    eb_ehdr(&b)->e_shoff = 512;
    eb_ehdr(&b)->e_shentsize = 40;
    REJECT("kernel: section header size is 40, not 64");
    eb_ehdr(&b)->e_shentsize = 64;
    eb_ehdr(&b)->e_shstrndx = 3;
    REJECT("kernel: section name table index 3 is out of range");
    eb_ehdr(&b)->e_shstrndx = 1;
    CHECK_EQ(elf_init(&elf, "kernel", b.buf, b.len), 0);
    CHECK_EQ(elf.shnum, 3);
}

static void test_segments(void)
{
    eb_linux_like(&b);
    eb_phdr(&b, 2)->p_offset = b.len - 16;
    REJECT("kernel: segment 2 extends past the end of the file");
    eb_phdr(&b, 2)->p_offset = 0xffffffffffffff00ULL;
    REJECT("kernel: segment 2 extends past the end of the file");
    eb_linux_like(&b);
    eb_phdr(&b, 3)->p_filesz = 0x100000;          /* the note segment counts too */
    REJECT("kernel: segment 3 extends past the end of the file");
    eb_linux_like(&b);
    eb_phdr(&b, 1)->p_memsz = 0x100;
    REJECT("kernel: segment 1 has file size 0x800 larger than memory size 0x100");
    eb_linux_like(&b);
    eb_phdr(&b, 2)->p_paddr = 0x1001000;          /* over the end of segment 0 */
    REJECT("kernel: segments 0 and 2 overlap");
    eb_linux_like(&b);
    eb_phdr(&b, 1)->p_paddr = 0xfffffffffffff800ULL;
    REJECT("kernel: segment 1 wraps around the end of the address space");
    eb_linux_like(&b);
    for (int i = 0; i < 3; i++)
        eb_phdr(&b, i)->p_type = 0x6474e551;        /* PT_GNU_STACK: nothing to load */
    REJECT("kernel: ELF has no loadable segments");

    /* Zero-sized loads are ignored, even where they would overlap. */
    eb_linux_like(&b);
    eb_phdr(&b, 1)->p_paddr = 0x1000000;
    eb_phdr(&b, 1)->p_filesz = eb_phdr(&b, 1)->p_memsz = 0;
    CHECK_EQ(elf_init(&elf, "kernel", b.buf, b.len), 0);
}

static void test_truncated(void)
{
    eb_linux_like(&b);
    for (size_t cut = 0; cut < b.len; cut++) {
        uint8_t *copy = malloc(cut ? cut : 1);      /* exact size: ASan sees any read past the end */

        memcpy(copy, b.buf, cut);
        if (elf_init(&elf, "kernel", copy, cut) != -EINVAL)
            test_fail(__FILE__, __LINE__, "image cut at %zu of %zu accepted", cut, b.len);
        free(copy);
    }
}

/* Fake guest memory for elf_load(): [GUEST_VA, GUEST_VA + size), one page per map() call. */
#define GUEST_VA 0xffffffff81000000ULL
static uint8_t *guest_mem;
static size_t guest_size;
static unsigned int map_calls;

static void *map_guest(uint64_t va, size_t len, void *ctx)
{
    map_calls++;
    if (va < GUEST_VA || va - GUEST_VA > guest_size || len > guest_size - (va - GUEST_VA))
        return NULL;
    if ((va & 0xfff) + len > 0x1000)
        test_fail(__FILE__, __LINE__, "map(%#llx, %zu) crosses a page", (unsigned long long)va, len);
    return guest_mem + (va - GUEST_VA);
}

static void test_load(void)
{
    eb_linux_like(&b);
    CHECK_EQ(elf_init(&elf, "kernel", b.buf, b.len), 0);
    guest_size = elf.pend - elf.pstart;
    guest_mem = malloc(guest_size);
    memset(guest_mem, 0xaa, guest_size);
    CHECK_EQ(elf_load(&elf, 0xffffffff80000000ULL, map_guest, NULL), 0);
    for (unsigned int i = 0; i < 3; i++) {
        const struct elf64_phdr *ph = &elf.phdr[i];
        const uint8_t *dst = guest_mem + (ph->p_paddr - elf.pstart);

        CHECK(!memcmp(dst, b.buf + ph->p_offset, ph->p_filesz));    /* placed by p_paddr */
        for (uint64_t k = ph->p_filesz; k < ph->p_memsz; k++)
            if (dst[k]) {
                test_fail(__FILE__, __LINE__, "segment %u byte %#llx not zeroed", i, (unsigned long long)k);
                break;
            }
    }
    CHECK(map_calls >= 8);                          /* 0x8000 bytes, a page at a time */

    guest_size = 0x3000;                            /* the builder cannot map the third segment */
    CHECK_EQ(elf_load(&elf, 0xffffffff80000000ULL, map_guest, NULL), -EINVAL);
    CHECK_STR(elf.err, "kernel: segment 2: cannot map guest address 0xffffffff81003000");
    free(guest_mem);
}

int main(void)
{
    test_guest_kernels();
    test_headers();
    test_tables();
    test_segments();
    test_truncated();
    test_load();
    return test_done();
}
