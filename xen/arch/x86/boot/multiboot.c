/* SPDX-License-Identifier: GPL-2.0-only */
/* Multiboot 1 and 2 information -> struct boot_info. Pure: host unit tests run it. */
#include <xen/bootinfo.h>
#include <xen/errno.h>
#include <xen/string.h>
#include <asm/boot-defs.h>

/* Multiboot 1 (fields we use). */
struct mb1_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr, config_table, boot_loader_name;
} __attribute__((packed));
struct mb1_module { uint32_t mod_start, mod_end, string, reserved; };
struct mb1_mmap { uint32_t size; uint64_t addr, len; uint32_t type; } __attribute__((packed));
#define MB1_INFO_MEM      (1u << 0)
#define MB1_INFO_CMDLINE  (1u << 2)
#define MB1_INFO_MODS     (1u << 3)
#define MB1_INFO_MMAP     (1u << 6)
#define MB1_INFO_LOADER   (1u << 9)

/* Multiboot 2 tags. */
struct mb2_tag { uint32_t type, size; };
#define MB2_TAG_END         0
#define MB2_TAG_CMDLINE     1
#define MB2_TAG_LOADER      2
#define MB2_TAG_MODULE      3
#define MB2_TAG_MEMINFO     4
#define MB2_TAG_MMAP        6
#define MB2_TAG_ACPI_OLD    14
#define MB2_TAG_ACPI_NEW    15

static const char *str_at(phys_reader_t map, paddr_t pa)
{
    return pa ? map(pa) : "";
}

static void add_region(struct boot_info *bi, uint64_t addr, uint64_t size, uint32_t type)
{
    if (size && bi->map.nr < MAX_MEMMAP)
        bi->map.e[bi->map.nr++] = (struct memmap_entry){ addr, size, type };
}

static int parse_mb1(paddr_t info, phys_reader_t map, struct boot_info *bi, const char **err)
{
    const struct mb1_info *mbi = map(info);
    bi->info_start = info;
    bi->info_end = info + sizeof(*mbi);
    if (mbi->flags & MB1_INFO_LOADER)
        bi->loader = str_at(map, mbi->boot_loader_name);
    if (mbi->flags & MB1_INFO_CMDLINE)
        bi->cmdline = str_at(map, mbi->cmdline);
    if (mbi->flags & MB1_INFO_MODS) {
        if (mbi->mods_count > MAX_BOOT_MODULES) {
            *err = "more boot modules than supported (16)";
            return -EINVAL;
        }
        const struct mb1_module *m = map(mbi->mods_addr);
        for (unsigned i = 0; i < mbi->mods_count; i++) {
            if (m[i].mod_end < m[i].mod_start) {
                *err = "boot module ends before it starts";
                return -EINVAL;
            }
            bi->mods[i] = (struct boot_module){ m[i].mod_start, m[i].mod_end - m[i].mod_start,
                                               str_at(map, m[i].string) };
        }
        bi->nr_modules = mbi->mods_count;
    }
    if (mbi->flags & MB1_INFO_MMAP) {
        for (uint32_t off = 0; off + sizeof(struct mb1_mmap) <= mbi->mmap_length;) {
            const struct mb1_mmap *e = map(mbi->mmap_addr + off);
            add_region(bi, e->addr, e->len, e->type);
            off += e->size + sizeof(e->size);
            if (e->size < 20)       /* a corrupt entry would loop forever */
                break;
        }
    } else if (mbi->flags & MB1_INFO_MEM) {
        add_region(bi, 0, (uint64_t)mbi->mem_lower << 10, E820_RAM);
        add_region(bi, 0x100000, (uint64_t)mbi->mem_upper << 10, E820_RAM);
    }
    return 0;
}

static int parse_mb2(paddr_t info, phys_reader_t map, struct boot_info *bi, const char **err)
{
    const uint32_t *hdr = map(info);
    uint32_t total = hdr[0];
    uint64_t mem_lower = 0, mem_upper = 0;
    bool have_mmap = false;

    bi->info_start = info;
    bi->info_end = info + total;
    if (total < 16 || total > (1u << 24)) {
        *err = "multiboot2 information has an implausible size";
        return -EINVAL;
    }
    for (uint32_t off = 8; off + sizeof(struct mb2_tag) <= total;) {
        const struct mb2_tag *t = map(info + off);
        if (t->type == MB2_TAG_END)
            break;
        if (t->size < sizeof(*t) || off + t->size > total) {
            *err = "multiboot2 tag overruns the information block";
            return -EINVAL;
        }
        const uint8_t *body = (const uint8_t *)(t + 1);
        switch (t->type) {
        case MB2_TAG_CMDLINE:
            bi->cmdline = (const char *)body;
            break;
        case MB2_TAG_LOADER:
            bi->loader = (const char *)body;
            break;
        case MB2_TAG_MODULE: {
            const uint32_t *m = (const uint32_t *)body;
            if (bi->nr_modules >= MAX_BOOT_MODULES) {
                *err = "more boot modules than supported (16)";
                return -EINVAL;
            }
            if (m[1] < m[0]) {
                *err = "boot module ends before it starts";
                return -EINVAL;
            }
            bi->mods[bi->nr_modules++] = (struct boot_module){ m[0], m[1] - m[0], (const char *)(m + 2) };
            break;
        }
        case MB2_TAG_MEMINFO:
            mem_lower = ((const uint32_t *)body)[0];
            mem_upper = ((const uint32_t *)body)[1];
            break;
        case MB2_TAG_MMAP: {
            uint32_t esize = ((const uint32_t *)body)[0];
            if (esize < 24) {
                *err = "multiboot2 memory map entries are too small";
                return -EINVAL;
            }
            for (uint32_t e = 16; e + esize <= t->size; e += esize) {
                const uint8_t *ent = (const uint8_t *)t + e;
                uint64_t addr, len;
                uint32_t type;
                memcpy(&addr, ent, 8);
                memcpy(&len, ent + 8, 8);
                memcpy(&type, ent + 16, 4);
                add_region(bi, addr, len, type);
            }
            have_mmap = true;
            break;
        }
        case MB2_TAG_ACPI_OLD:
        case MB2_TAG_ACPI_NEW:
            /* The loader's copy of the RSDP: prefer the ACPI 2.0 one. */
            if (!bi->rsdp || t->type == MB2_TAG_ACPI_NEW)
                bi->rsdp = info + off + sizeof(*t);
            break;
        }
        off += (t->size + 7) & ~7u;
    }
    if (!have_mmap && (mem_lower || mem_upper)) {
        add_region(bi, 0, mem_lower << 10, E820_RAM);
        add_region(bi, 0x100000, mem_upper << 10, E820_RAM);
    }
    return 0;
}

int multiboot_parse(uint32_t magic, paddr_t info, phys_reader_t map,
                    struct boot_info *bi, const char **err)
{
    memset(bi, 0, sizeof(*bi));
    bi->loader = bi->cmdline = "";
    *err = NULL;
    int rc;
    if (magic == MB1_BOOTLOADER_MAGIC)
        rc = parse_mb1(info, map, bi, err);
    else if (magic == MB2_BOOTLOADER_MAGIC)
        rc = parse_mb2(info, map, bi, err);
    else {
        *err = "not started by a multiboot loader (bad magic in %eax)";
        return -EINVAL;
    }
    if (!rc && !bi->map.nr) {
        *err = "the boot loader gave no memory map";
        rc = -EINVAL;
    }
    bi->cmdline = cmdline_skip_image(bi->cmdline, bi->loader);
    for (unsigned i = 0; i < bi->nr_modules; i++)      /* modules follow the same rule */
        bi->mods[i].cmdline = cmdline_skip_image(bi->mods[i].cmdline, bi->loader);
    return rc;
}

/* QEMU and older loaders put the image path first; GRUB 2 and PXELINUX do not. */
const char *cmdline_skip_image(const char *cmdline, const char *loader)
{
    if (!cmdline)
        return "";
    while (*cmdline == ' ')
        cmdline++;
    if (!strncmp(loader, "GRUB 2", 6) || !strncmp(loader, "PXELINUX", 8))
        return cmdline;
    while (*cmdline && *cmdline != ' ')
        cmdline++;
    while (*cmdline == ' ')
        cmdline++;
    return cmdline;
}
