/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/elf.c xen/common/xen_elfnotes.c */
/* Xen ELF notes and layout: every note of a Linux-shaped kernel, the test kernels, hostile notes, a fuzz run. */
#include <test.h>
#include <test_tool.h>
#include <elf_build.h>
#include <xen/errno.h>
#include <xen/xen_elfnotes.h>

static struct elf_builder b;
static struct elf_image elf;
static struct xen_elfnotes notes;
static struct xen_layout layout;

/* One 8 KiB load segment at paddr 16 MiB and the notes every kernel needs; cases then add notes,
 * a later note of a type replacing an earlier one. */
static void base(void)
{
    eb_init(&b);
    eb_segment(&b, PT_LOAD, 0x1000000, 0xffffffff81000000ULL, NULL, 0x2000, 0x2000);
    eb_note_str(&b, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    eb_note_str(&b, XEN_ELFNOTE_GUEST_OS, "linux");
    eb_note_u64(&b, XEN_ELFNOTE_VIRT_BASE, EB_VIRT_BASE);
    eb_note_u64(&b, XEN_ELFNOTE_ENTRY, EB_ENTRY);
}

static int finish(void)
{
    int rc;

    eb_notes_segment(&b, 0x1000800);
    if ((rc = elf_init(&elf, "kernel", b.buf, b.len)) || (rc = xen_elfnotes_parse(&elf, &notes)))
        return rc;
    return xen_elf_layout(&elf, &notes, &layout);
}

#define EXPECT(want) do {                                   \
        CHECK_EQ(finish(), -EINVAL);                        \
        CHECK_STR(elf.err, want);                           \
    } while (0)

static void test_linux_like(void)
{
    eb_linux_like(&b);
    CHECK_EQ(elf_init(&elf, "kernel", b.buf, b.len), 0);
    CHECK_EQ(xen_elfnotes_parse(&elf, &notes), 0);
    CHECK_EQ(notes.count, 17);
    CHECK_STR(notes.guest_os, "linux");
    CHECK_STR(notes.guest_version, "2.6");
    CHECK_STR(notes.xen_version, "xen-3.0");
    CHECK_STR(notes.loader, "generic");
    CHECK_STR(notes.pae_mode, "yes");
    CHECK_EQ(notes.virt_base, EB_VIRT_BASE);
    CHECK_EQ(notes.paddr_offset, 0);
    CHECK_EQ(notes.entry, EB_ENTRY);
    CHECK_EQ(notes.hypercall_page, EB_HCALL);
    CHECK_EQ(notes.init_p2m, 0x8000000000ULL);
    CHECK_EQ(notes.mod_start_pfn, 1);
    CHECK_EQ(notes.hv_start_low, 0xffff800000000000ULL);
    CHECK_EQ(notes.l1_mfn_valid_mask, 1);
    CHECK_EQ(notes.l1_mfn_valid_value, 1);
    CHECK_EQ(notes.suspend_cancel, 1);
    CHECK_EQ(notes.phys32_entry, 0x1000850);
    CHECK_EQ(notes.supported_features_note, 0x8801);
    CHECK_EQ(notes.features_supported, 0x8801 | 1 << 4);    /* + pae_pgdir_above_4gb from FEATURES */
    CHECK_EQ(notes.features_required, 1);                   /* !writable_page_tables */
    CHECK(xen_note_present(&notes, XEN_ELFNOTE_HYPERCALL_PAGE));
    CHECK(xen_note_present(&notes, XEN_ELFNOTE_INIT_P2M));
    CHECK(!xen_note_present(&notes, XEN_ELFNOTE_BSD_SYMTAB));

    CHECK_EQ(xen_elf_layout(&elf, &notes, &layout), 0);
    CHECK_EQ(layout.virt_base, EB_VIRT_BASE);
    CHECK_EQ(layout.virt_offset, EB_VIRT_BASE);
    CHECK_EQ(layout.virt_kstart, 0xffffffff81000000ULL);
    CHECK_EQ(layout.virt_kend, 0xffffffff81008000ULL);
    CHECK_EQ(layout.virt_entry, EB_ENTRY);
    CHECK_EQ(layout.virt_hypercall, EB_HCALL);
    CHECK_EQ(layout.p2m_base, 0x8000000000ULL);
}

static void test_guest_kernels(void)
{
    size_t len;
    uint8_t *img = guest_kernel("hello", &len);

    CHECK(img != NULL);
    if (!img)
        return;
    CHECK_EQ(elf_init(&elf, "hello", img, len), 0);
    CHECK_EQ(xen_elfnotes_parse(&elf, &notes), 0);
    CHECK_STR(notes.guest_os, "Xenolith-test");
    CHECK_STR(notes.loader, "generic");
    CHECK_EQ(notes.features_required, 1);
    if (xen_elf_layout(&elf, &notes, &layout))
        test_fail(__FILE__, __LINE__, "hello layout: %s", elf.err);
    CHECK_EQ(layout.virt_kstart, 0xffffffff80100000ULL);
    CHECK_EQ(layout.virt_entry, elf.ehdr->e_entry);
    CHECK_EQ(layout.virt_hypercall, 0xffffffff80101000ULL);
    free(img);
}

static void test_hostile_notes(void)
{
    base();
    CHECK_EQ(finish(), 0);
    CHECK_EQ(layout.virt_hypercall, 0);                     /* no note: Linux 6.1 style, no page */
    CHECK_EQ(layout.p2m_base, 0);

    eb_init(&b);
    eb_segment(&b, PT_LOAD, 0x1000000, 0xffffffff81000000ULL, NULL, 0x2000, 0x2000);
    eb_note_owner(&b, "GNU", 3, "buildid!", 8);
    EXPECT("kernel: no Xen ELF notes; not a Xen PV kernel");

    base();
    eb_note(&b, XEN_ELFNOTE_ENTRY, "abc", 3);
    EXPECT("kernel: Xen note ENTRY has a 3-byte value (want 1, 2, 4 or 8)");
    /* Strings need no NUL inside descsz (Linux's FEATURES has none); long ones are cut to fit. */
    base();
    eb_note(&b, XEN_ELFNOTE_GUEST_OS, "linuxXXX", 5);
    eb_note(&b, XEN_ELFNOTE_FEATURES, "dom0|!writable_page_tables", 4);
    eb_note_str(&b, XEN_ELFNOTE_GUEST_VERSION, "0123456789012345678901234567890123456789");
    CHECK_EQ(finish(), 0);
    CHECK_STR(notes.guest_os, "linux");
    CHECK_STR(notes.guest_version, "0123456789012345678901234567890");
    CHECK_EQ(notes.features_supported, 1 << 11);
    CHECK_EQ(notes.features_required, 0);
    base();
    eb_note(&b, XEN_ELFNOTE_FEATURES, "", 0);
    CHECK_EQ(finish(), 0);
    base();
    eb_note(&b, XEN_ELFNOTE_L1_MFN_VALID, "1234", 4);
    EXPECT("kernel: Xen note L1_MFN_VALID has 4 bytes (want a mask, or a mask and a value)");

    /* Sizes that run off the segment, and a note header cut short. */
    base();
    eb_note(&b, XEN_ELFNOTE_LOADER, "generic", 8);
    memcpy(b.notes + b.notes_len - 8 - 4 - 8, "\xff\xff\xff\xff", 4);     /* descsz of that note */
    EXPECT("kernel: note 4 in segment 1 overruns the segment (name 4, desc 4294967295 bytes)");
    base();
    eb_note(&b, XEN_ELFNOTE_LOADER, "generic", 8);
    memcpy(b.notes + b.notes_len - 8 - 4 - 12, "\xf0\xff\xff\xff", 4);    /* namesz */
    EXPECT("kernel: note 4 in segment 1 overruns the segment (name 4294967280, desc 8 bytes)");
    base();
    b.notes_len += 6;
    EXPECT("kernel: note 4 in segment 1 is truncated");
    base();
    eb_notes_segment(&b, 0x1000800);
    eb_phdr(&b, 1)->p_align = 3;
    CHECK_EQ(elf_init(&elf, "kernel", b.buf, b.len), 0);
    CHECK_EQ(xen_elfnotes_parse(&elf, &notes), -EINVAL);
    CHECK_STR(elf.err, "kernel: note segment 1 has alignment 3 (want 4 or 8)");

    /* Features. */
    base();
    eb_note_str(&b, XEN_ELFNOTE_FEATURES, "writable_page_tables|!frobnicate");
    EXPECT("kernel: FEATURES requires \"frobnicate\", which Xenolith does not know");
    base();
    eb_note_str(&b, XEN_ELFNOTE_FEATURES, "!supervisor_mode_kernel");
    EXPECT("kernel: kernel requires feature supervisor_mode_kernel, which Xenolith does not provide for PV");
    base();
    eb_note_str(&b, XEN_ELFNOTE_FEATURES, "||dom0|!|");                 /* empty names are harmless */
    CHECK_EQ(finish(), 0);
    CHECK_EQ(notes.features_supported, 1 << 11);

    /* Identity. */
    base();
    eb_note_str(&b, XEN_ELFNOTE_XEN_VERSION, "xen-2.0");
    EXPECT("kernel: XEN_VERSION is \"xen-2.0\", not \"xen-3.0\"");
    base();
    eb_note_str(&b, XEN_ELFNOTE_GUEST_OS, "Plan9");
    eb_note_str(&b, XEN_ELFNOTE_LOADER, "special");
    EXPECT("kernel: neither a Linux kernel (GUEST_OS \"Plan9\") nor built for the generic loader "
           "(LOADER \"special\")");
}

static void test_hostile_layout(void)
{
    base();
    eb_note_u64(&b, XEN_ELFNOTE_ENTRY, 0xffffffff81002000ULL);     /* one past the end */
    EXPECT("kernel: entry point 0xffffffff81002000 lies outside the image "
           "[0xffffffff81000000, 0xffffffff81002000)");
    base();
    eb_note_u64(&b, XEN_ELFNOTE_VIRT_BASE, 0xffff800000000000ULL); /* the hypervisor hole */
    eb_note_u64(&b, XEN_ELFNOTE_ENTRY, 0xffff800001000000ULL);
    EXPECT("kernel: image 0xffff800000000000-0xffff800001002000 is not in guest address space "
           "(lower half, or above the hypervisor hole which ends at 0xffff880000000000)");
    base();
    eb_note_u64(&b, XEN_ELFNOTE_VIRT_BASE, 0x00007fffffff0000ULL); /* runs into the non-canonical gap */
    eb_note_u64(&b, XEN_ELFNOTE_ENTRY, 0x00007fffffff0000ULL + 0x1000000);
    EXPECT("kernel: image 0x7fffffff0000-0x800000ff2000 is not in guest address space "
           "(lower half, or above the hypervisor hole which ends at 0xffff880000000000)");
    base();
    eb_note_u64(&b, XEN_ELFNOTE_VIRT_BASE, 0);                     /* lower half: allowed, as Xen */
    eb_note_u64(&b, XEN_ELFNOTE_ENTRY, 0x1000000);
    CHECK_EQ(finish(), 0);
    CHECK_EQ(layout.virt_kstart, 0x1000000);
    base();
    eb_note_u64(&b, XEN_ELFNOTE_VIRT_BASE, 0xffffffffff000000ULL); /* kend past 2^64 */
    EXPECT("kernel: image extends past the top of the address space");
    base();
    eb_note_u64(&b, XEN_ELFNOTE_VIRT_BASE, EB_VIRT_BASE + 0x10);
    EXPECT("kernel: VIRT_BASE 0xffffffff80000010 is not page-aligned");
    base();
    eb_note_u64(&b, XEN_ELFNOTE_PADDR_OFFSET, 0x2000000);
    EXPECT("kernel: segments start at paddr 0x1000000, below PADDR_OFFSET 0x2000000");
    base();
    eb_note_u64(&b, XEN_ELFNOTE_HYPERCALL_PAGE, 0xffffffff81001800ULL);
    EXPECT("kernel: hypercall page 0xffffffff81001800 is not a page inside the image");
    base();
    eb_note_u64(&b, XEN_ELFNOTE_HYPERCALL_PAGE, 0xffffffff81002000ULL);
    EXPECT("kernel: hypercall page 0xffffffff81002000 is not a page inside the image");
    base();
    eb_note_u64(&b, XEN_ELFNOTE_INIT_P2M, 0xffffffff81001000ULL);
    EXPECT("kernel: INIT_P2M 0xffffffff81001000 lies inside the image");

    /* No ENTRY note: e_entry is used (here a physical address, so it is out of bounds). */
    eb_init(&b);
    eb_ehdr(&b)->e_entry = 0x1000000;
    eb_segment(&b, PT_LOAD, 0x1000000, 0xffffffff81000000ULL, NULL, 0x2000, 0x2000);
    eb_note_str(&b, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    eb_note_str(&b, XEN_ELFNOTE_LOADER, "generic");
    eb_note_u64(&b, XEN_ELFNOTE_PADDR_OFFSET, 0);
    EXPECT("kernel: PADDR_OFFSET is set but VIRT_BASE is not");
}

/* Fake guest memory for the fuzz run: whatever the layout says, map() only serves this window. */
static uint8_t fuzz_mem[0x10000];
static void *map_fuzz(uint64_t va, size_t len, void *ctx)
{
    uint64_t off = va - 0xffffffff81000000ULL;
    return off < sizeof(fuzz_mem) && len <= sizeof(fuzz_mem) - off ? fuzz_mem + off : NULL;
}

/* Random corruption of headers and notes: any verdict is fine, a crash or an over-read (ASan) is not. */
static void test_fuzz(void)
{
    static struct elf_builder orig;
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    unsigned int accepted = 0;

    eb_linux_like(&orig);
    for (int iter = 0; iter < 20000; iter++) {
        uint8_t *img;
        size_t len = orig.len, notes_at = eb_phdr(&orig, 3)->p_offset;

        b = orig;
        for (int k = 0; k < 1 + iter % 4; k++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            size_t pos = (x >> 8) % 2 ? (x >> 16) % EB_DATA : notes_at + (x >> 16) % orig.notes_len;
            b.buf[pos] = (x >> 40) & 1 ? (uint8_t)(x >> 48) : b.buf[pos] ^ (1 << ((x >> 48) & 7));
        }
        img = malloc(len);
        memcpy(img, b.buf, len);
        if (!elf_init(&elf, "fuzz", img, len) && !xen_elfnotes_parse(&elf, &notes) &&
            !xen_elf_layout(&elf, &notes, &layout)) {
            accepted++;
            elf_load(&elf, layout.virt_offset, map_fuzz, NULL);
        }
        free(img);
    }
    CHECK(accepted > 0 && accepted < 20000);
}

int main(void)
{
    test_linux_like();
    test_guest_kernels();
    test_hostile_notes();
    test_hostile_layout();
    test_fuzz();
    return test_done();
}
