/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/arch/x86/boot/multiboot.c */
/* Multiboot 1 and 2 parsing from hand-built information blocks, good and malformed. */
#include <string.h>
#include <test.h>
#include <xen/bootinfo.h>
#include <xen/errno.h>
#include <asm/boot-defs.h>

/* Fake physical memory: the parser reads it through map(). */
static uint8_t phys[0x10000] __attribute__((aligned(8)));
static struct boot_info bi;
static const char *err;

static const void *map(paddr_t pa) { return phys + pa; }
static void put32(paddr_t pa, uint32_t v) { memcpy(phys + pa, &v, 4); }
static void put64(paddr_t pa, uint64_t v) { memcpy(phys + pa, &v, 8); }
static void putstr(paddr_t pa, const char *s) { strcpy((char *)phys + pa, s); }

#define MB1_INFO    0x1000
#define MB1_MODS    0x1100
#define MB1_MMAP    0x1200

static void mb1_info(uint32_t flags)
{
    memset(phys, 0, sizeof(phys));
    put32(MB1_INFO + 0, flags);
    put32(MB1_INFO + 4, 639);                       /* mem_lower, KiB */
    put32(MB1_INFO + 8, 130048);                    /* mem_upper, KiB */
    put32(MB1_INFO + 16, 0x2000);                   /* cmdline */
    putstr(0x2000, "/boot/xen.gz console=com1 loglvl=all");
    put32(MB1_INFO + 64, 0x2100);                   /* boot_loader_name */
    putstr(0x2100, "qemu");
    put32(MB1_INFO + 20, 2);                        /* two modules */
    put32(MB1_INFO + 24, MB1_MODS);
    put32(MB1_MODS + 0, 0x400000);
    put32(MB1_MODS + 4, 0x500000);
    put32(MB1_MODS + 8, 0x2200);
    putstr(0x2200, "/vmlinuz root=/dev/xvda");
    put32(MB1_MODS + 16, 0x500000);
    put32(MB1_MODS + 20, 0x500000);                 /* empty module is fine */
    put32(MB1_INFO + 44, 3 * 24);                   /* mmap_length */
    put32(MB1_INFO + 48, MB1_MMAP);
    static const uint64_t e[3][3] = { { 0, 0x9fc00, 1 }, { 0x9fc00, 0x400, 2 }, { 0x100000, 0x7ee0000, 1 } };
    for (int i = 0; i < 3; i++) {
        put32(MB1_MMAP + i * 24, 20);
        put64(MB1_MMAP + i * 24 + 4, e[i][0]);
        put64(MB1_MMAP + i * 24 + 12, e[i][1]);
        put32(MB1_MMAP + i * 24 + 20, e[i][2]);
    }
}

#define MB1_ALL ((1u << 0) | (1u << 2) | (1u << 3) | (1u << 6) | (1u << 9))

static void test_mb1_good(void)
{
    mb1_info(MB1_ALL);
    CHECK_EQ(multiboot_parse(MB1_BOOTLOADER_MAGIC, MB1_INFO, map, &bi, &err), 0);
    CHECK(err == NULL);
    CHECK_STR(bi.loader, "qemu");
    CHECK_STR(bi.cmdline, "console=com1 loglvl=all");
    CHECK_EQ(bi.nr_modules, 2);
    CHECK_EQ(bi.mods[0].start, 0x400000);
    CHECK_EQ(bi.mods[0].size, 0x100000);
    CHECK_STR(bi.mods[0].cmdline, "root=/dev/xvda");
    CHECK_EQ(bi.mods[1].size, 0);
    CHECK_STR(bi.mods[1].cmdline, "");
    CHECK_EQ(bi.map.nr, 3);
    CHECK_EQ(bi.map.e[2].addr, 0x100000);
    CHECK_EQ(bi.map.e[2].size, 0x7ee0000);
    CHECK_EQ(bi.map.e[1].type, E820_RESERVED);
    CHECK_EQ(bi.info_start, MB1_INFO);
    CHECK(bi.info_end > bi.info_start);
    CHECK_EQ(bi.rsdp, 0);
}

static void test_mb1_fallbacks_and_errors(void)
{
    mb1_info((1u << 0));                            /* only mem_lower/upper */
    CHECK_EQ(multiboot_parse(MB1_BOOTLOADER_MAGIC, MB1_INFO, map, &bi, &err), 0);
    CHECK_EQ(bi.map.nr, 2);
    CHECK_EQ(bi.map.e[0].size, 639 << 10);
    CHECK_EQ(bi.map.e[1].addr, 0x100000);
    CHECK_EQ(bi.map.e[1].size, 130048ULL << 10);
    CHECK_STR(bi.cmdline, "");
    CHECK_STR(bi.loader, "");

    mb1_info(1u << 2);                              /* no memory information at all */
    CHECK_EQ(multiboot_parse(MB1_BOOTLOADER_MAGIC, MB1_INFO, map, &bi, &err), -EINVAL);
    CHECK_STR(err, "the boot loader gave no memory map");

    mb1_info(MB1_ALL);
    put32(MB1_MODS + 4, 0x300000);                  /* ends before it starts */
    CHECK_EQ(multiboot_parse(MB1_BOOTLOADER_MAGIC, MB1_INFO, map, &bi, &err), -EINVAL);
    CHECK_STR(err, "boot module ends before it starts");

    mb1_info(MB1_ALL);
    put32(MB1_INFO + 20, 17);
    CHECK_EQ(multiboot_parse(MB1_BOOTLOADER_MAGIC, MB1_INFO, map, &bi, &err), -EINVAL);
    CHECK_STR(err, "more boot modules than supported (16)");

    mb1_info(MB1_ALL);
    put32(MB1_MMAP + 24, 0);                        /* corrupt entry size: stop, do not spin */
    CHECK_EQ(multiboot_parse(MB1_BOOTLOADER_MAGIC, MB1_INFO, map, &bi, &err), 0);
    CHECK_EQ(bi.map.nr, 2);

    mb1_info(MB1_ALL);
    CHECK_EQ(multiboot_parse(0x12345678, MB1_INFO, map, &bi, &err), -EINVAL);
    CHECK(strstr(err, "bad magic") != NULL);
}

/* Multiboot 2: tags appended 8-byte aligned after the 8-byte header. */
#define MB2_INFO 0x4000
static uint32_t mb2_off;

static paddr_t mb2_tag(uint32_t type, uint32_t size)
{
    paddr_t at = MB2_INFO + mb2_off;
    put32(at, type);
    put32(at + 4, size);
    mb2_off += (size + 7) & ~7u;
    return at + 8;
}

static void mb2_begin(void)
{
    memset(phys, 0, sizeof(phys));
    mb2_off = 8;
}

static void mb2_end(void)
{
    mb2_tag(0, 8);
    put32(MB2_INFO, mb2_off);
}

static void mb2_mmap(unsigned int n, uint32_t esize)
{
    paddr_t b = mb2_tag(6, 16 + n * esize);
    put32(b, esize);
    for (unsigned int i = 0; i < n; i++) {
        put64(b + 8 + i * esize, i * 0x100000ULL);
        put64(b + 8 + i * esize + 8, 0x80000);
        put32(b + 8 + i * esize + 16, i ? E820_RAM : E820_RESERVED);
    }
}

static void mb2_good(void)
{
    mb2_begin();
    putstr(mb2_tag(2, 8 + 10), "GRUB 2.06");
    putstr(mb2_tag(1, 8 + 13), "console=com1");
    paddr_t m = mb2_tag(3, 16 + 14);
    put32(m, 0x800000);
    put32(m + 4, 0x900000);
    putstr(m + 8, "root=/dev/sda");
    mb2_mmap(3, 24);
    paddr_t acpi = mb2_tag(14, 8 + 20);
    memcpy(phys + acpi, "RSD PTR ", 8);
}

static void test_mb2_good(void)
{
    mb2_good();
    mb2_end();
    CHECK_EQ(multiboot_parse(MB2_BOOTLOADER_MAGIC, MB2_INFO, map, &bi, &err), 0);
    CHECK_STR(bi.loader, "GRUB 2.06");
    CHECK_STR(bi.cmdline, "console=com1");          /* GRUB 2 passes no image path */
    CHECK_EQ(bi.nr_modules, 1);
    CHECK_EQ(bi.mods[0].start, 0x800000);
    CHECK_EQ(bi.mods[0].size, 0x100000);
    CHECK_STR(bi.mods[0].cmdline, "root=/dev/sda");
    CHECK_EQ(bi.map.nr, 3);
    CHECK_EQ(bi.map.e[2].addr, 0x200000);
    CHECK_EQ(bi.map.e[0].type, E820_RESERVED);
    CHECK(bi.rsdp != 0 && !memcmp(phys + bi.rsdp, "RSD PTR ", 8));
    CHECK_EQ(bi.info_start, MB2_INFO);
    CHECK_EQ(bi.info_end, MB2_INFO + mb2_off);

    mb2_good();                                     /* the ACPI 2.0 copy wins, in either order */
    paddr_t new = mb2_tag(15, 8 + 36);
    mb2_end();
    CHECK_EQ(multiboot_parse(MB2_BOOTLOADER_MAGIC, MB2_INFO, map, &bi, &err), 0);
    CHECK_EQ(bi.rsdp, new);
}

static void test_mb2_meminfo_only(void)
{
    mb2_begin();
    paddr_t b = mb2_tag(4, 16);
    put32(b, 639);
    put32(b + 4, 1024);
    mb2_end();
    CHECK_EQ(multiboot_parse(MB2_BOOTLOADER_MAGIC, MB2_INFO, map, &bi, &err), 0);
    CHECK_EQ(bi.map.nr, 2);
    CHECK_EQ(bi.map.e[1].size, 1024 << 10);
    CHECK_STR(bi.cmdline, "");
}

static void test_mb2_malformed(void)
{
    mb2_begin();
    putstr(mb2_tag(1, 8 + 4), "abc");
    mb2_end();
    CHECK_EQ(multiboot_parse(MB2_BOOTLOADER_MAGIC, MB2_INFO, map, &bi, &err), -EINVAL);
    CHECK_STR(err, "the boot loader gave no memory map");

    mb2_good();
    mb2_end();
    put32(MB2_INFO + 8 + 4, 0x1000);                /* first tag claims more than the block */
    CHECK_EQ(multiboot_parse(MB2_BOOTLOADER_MAGIC, MB2_INFO, map, &bi, &err), -EINVAL);
    CHECK_STR(err, "multiboot2 tag overruns the information block");

    mb2_good();
    mb2_end();
    put32(MB2_INFO + 8 + 4, 4);                     /* smaller than a tag header */
    CHECK_EQ(multiboot_parse(MB2_BOOTLOADER_MAGIC, MB2_INFO, map, &bi, &err), -EINVAL);
    CHECK_STR(err, "multiboot2 tag overruns the information block");

    mb2_begin();
    mb2_end();
    put32(MB2_INFO, 4);
    CHECK_EQ(multiboot_parse(MB2_BOOTLOADER_MAGIC, MB2_INFO, map, &bi, &err), -EINVAL);
    CHECK_STR(err, "multiboot2 information has an implausible size");

    mb2_begin();
    mb2_mmap(2, 16);
    mb2_end();
    CHECK_EQ(multiboot_parse(MB2_BOOTLOADER_MAGIC, MB2_INFO, map, &bi, &err), -EINVAL);
    CHECK_STR(err, "multiboot2 memory map entries are too small");

    mb2_begin();
    mb2_mmap(1, 24);
    paddr_t m = mb2_tag(3, 16 + 1);
    put32(m, 0x900000);
    put32(m + 4, 0x800000);
    mb2_end();
    CHECK_EQ(multiboot_parse(MB2_BOOTLOADER_MAGIC, MB2_INFO, map, &bi, &err), -EINVAL);
    CHECK_STR(err, "boot module ends before it starts");

    mb2_begin();
    mb2_mmap(1, 24);
    for (int i = 0; i < 17; i++)
        mb2_tag(3, 16 + 1);
    mb2_end();
    CHECK_EQ(multiboot_parse(MB2_BOOTLOADER_MAGIC, MB2_INFO, map, &bi, &err), -EINVAL);
    CHECK_STR(err, "more boot modules than supported (16)");

    mb2_begin();
    mb2_mmap(MAX_MEMMAP + 10, 24);                  /* more entries than the map holds: capped */
    mb2_end();
    CHECK_EQ(multiboot_parse(MB2_BOOTLOADER_MAGIC, MB2_INFO, map, &bi, &err), 0);
    CHECK_EQ(bi.map.nr, MAX_MEMMAP);
}

static void test_skip_image(void)
{
    CHECK_STR(cmdline_skip_image("  /xen  a=1 b", "qemu"), "a=1 b");
    CHECK_STR(cmdline_skip_image("/xen", ""), "");
    CHECK_STR(cmdline_skip_image(" a=1", "PXELINUX 6"), "a=1");
    CHECK_STR(cmdline_skip_image(NULL, "qemu"), "");
}

int main(void)
{
    test_mb1_good();
    test_mb1_fallbacks_and_errors();
    test_mb2_good();
    test_mb2_meminfo_only();
    test_mb2_malformed();
    test_skip_image();
    return test_done();
}
