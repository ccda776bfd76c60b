/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/bzimage.c xen/common/decompress/decompress.c xen/common/decompress/gunzip.c xen/common/decompress/inflate.c xen/common/crc32.c xen/common/elf.c xen/common/xen_elfnotes.c xen/common/decompress/unlz4.c xen/common/decompress/xxhash32.c xen/common/decompress/unzstd.c xen/common/decompress/zstd_fse.c xen/common/decompress/zstd_literals.c xen/common/decompress/zstd_sequences.c xen/common/decompress/xxhash64.c xen/common/decompress/unxz.c xen/common/decompress/xz_lzma2.c xen/common/decompress/xz_bcj.c xen/common/crc64.c */
/* bzImage: a synthetic one around a gzip'd ELF end to end, hostile setup headers, and (if cached) Debian's kernel. */
#include <glob.h>
#include <test.h>
#include <test_heap.h>
#include <test_tool.h>
#include <elf_build.h>
#include <xen/bzimage.h>
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/xen_elfnotes.h>

#define SETUP_SECTS 3
#define PM_START    ((SETUP_SECTS + 1) * 512)
#define PAYLOAD_OFF 0x120               /* payload_offset: from the protected-mode start */

static void put(uint8_t *p, size_t off, uint32_t v, int n)
{
    for (int i = 0; i < n; i++)
        p[off + i] = v >> (8 * i);
}

/* setup sectors + protected-mode filler + @payload + 4-byte size trailer (as Linux's size_append). */
static uint8_t *make_bzimage(const uint8_t *payload, size_t plen, uint32_t usize, size_t *len)
{
    uint8_t *img;

    *len = PM_START + PAYLOAD_OFF + plen + 4;
    img = calloc(1, *len);
    img[0x1f1] = SETUP_SECTS;
    put(img, 0x1fe, 0xaa55, 2);
    memcpy(img + 0x202, "HdrS", 4);
    put(img, 0x206, 0x020f, 2);
    put(img, 0x248, PAYLOAD_OFF, 4);
    put(img, 0x24c, plen + 4, 4);
    memcpy(img + PM_START + PAYLOAD_OFF, payload, plen);
    put(img, PM_START + PAYLOAD_OFF + plen, usize, 4);
    return img;
}

static uint8_t guest[0x10000];
static void *map_guest(uint64_t va, size_t len, void *ctx)
{
    uint64_t off = va - 0xffffffff81000000ULL;
    return off < sizeof(guest) && len <= sizeof(guest) - off ? guest + off : NULL;
}

static void test_synthetic(void)
{
    static struct elf_builder eb;
    static struct bzimage bz;
    struct elf_image elf;
    struct xen_elfnotes notes;
    struct xen_layout layout;
    size_t gz_len, len, out_len;
    uint8_t *gz, *img, *elf_buf;
    const char *err;

    eb_linux_like(&eb);
    gz = test_filter("gzip -n -9 -c", eb.buf, eb.len, &gz_len);
    CHECK(gz != NULL);
    img = make_bzimage(gz, gz_len, eb.len, &len);

    CHECK(bzimage_probe(img, len));
    CHECK(!bzimage_probe(eb.buf, eb.len));
    CHECK_EQ(bzimage_parse("kernel", img, len, &bz), 0);
    CHECK_EQ(bz.version, 0x020f);
    CHECK(bz.payload == img + PM_START + PAYLOAD_OFF);
    CHECK_EQ(bz.payload_len, gz_len + 4);
    CHECK_EQ(bz.uncompressed_size, eb.len);
    CHECK_STR(decompress_format(bz.payload, bz.payload_len), "gzip");

    /* The builder's path: decompress into the size the trailer gives, then the ELF steps. */
    elf_buf = malloc(bz.uncompressed_size);
    CHECK_EQ(decompress(bz.payload, bz.payload_len, elf_buf, bz.uncompressed_size, &out_len, &err), 0);
    CHECK_EQ(out_len, eb.len);
    CHECK_EQ(elf_init(&elf, "kernel", elf_buf, out_len), 0);
    CHECK_EQ(xen_elfnotes_parse(&elf, &notes), 0);
    CHECK_EQ(xen_elf_layout(&elf, &notes, &layout), 0);
    CHECK_EQ(elf_load(&elf, layout.virt_offset, map_guest, NULL), 0);
    CHECK(!memcmp(guest, eb.buf + eb_phdr(&eb, 0)->p_offset, 0x2000));
    free(elf_buf);

    /* setup_sects 0 means 4: the payload is then looked for 512 bytes later (past the end here). */
    img[0x1f1] = 0;
    CHECK_EQ(bzimage_parse("kernel", img, len, &bz), -EINVAL);
    CHECK(strstr(bz.err, "payload [0xb20, ") != NULL);
    img[0x1f1] = SETUP_SECTS;

    /* Every truncation fails cleanly (exact-size copies, so ASan sees over-reads). */
    for (size_t cut = 0; cut < len; cut++) {
        uint8_t *copy = malloc(cut ? cut : 1);
        memcpy(copy, img, cut);
        if (bzimage_parse("kernel", copy, cut, &bz) != -EINVAL)
            test_fail(__FILE__, __LINE__, "bzImage cut at %zu of %zu accepted", cut, len);
        free(copy);
    }
    free(img);
    free(gz);
}

#define REJECT(want) do {                                   \
        CHECK_EQ(bzimage_parse("kernel", img, len, &bz), -EINVAL); \
        CHECK_STR(bz.err, want);                            \
    } while (0)

static void test_hostile(void)
{
    static struct bzimage bz;
    size_t len;
    uint8_t *img = make_bzimage((const uint8_t *)"\x1f\x8b payload", 10, 1000, &len);

    CHECK_EQ(bzimage_parse("kernel", img, 0x24f, &bz), -EINVAL);
    CHECK_STR(bz.err, "kernel: too small to be a bzImage (591 bytes)");
    img[0x203] = 'x';
    REJECT("kernel: not a bzImage (no \"HdrS\" setup header at 0x202)");
    CHECK(!bzimage_probe(img, len));
    img[0x203] = 'd';
    put(img, 0x1fe, 0x55aa, 2);
    REJECT("kernel: bzImage boot flag is 0x55aa, not 0xaa55");
    put(img, 0x1fe, 0xaa55, 2);
    put(img, 0x206, 0x0207, 2);
    REJECT("kernel: bzImage boot protocol 2.07 is older than 2.08 (no payload fields)");
    put(img, 0x206, 0x020f, 2);
    img[0x1f1] = 200;
    REJECT("kernel: bzImage setup code (200 sectors) extends past the end of the file");
    img[0x1f1] = SETUP_SECTS;
    put(img, 0x24c, 15, 4);
    REJECT("kernel: bzImage payload [0x920, +0xf) extends past the end of the file (0x92e)");
    put(img, 0x24c, 0xffffffff, 4);
    REJECT("kernel: bzImage payload [0x920, +0xffffffff) extends past the end of the file (0x92e)");
    put(img, 0x248, 0xfffffff0, 4);
    put(img, 0x24c, 14, 4);
    REJECT("kernel: bzImage payload [0x1000007f0, +0xe) extends past the end of the file (0x92e)");
    put(img, 0x248, PAYLOAD_OFF, 4);
    put(img, 0x24c, 4, 4);
    REJECT("kernel: bzImage payload is too short (4 bytes)");
    put(img, 0x24c, 14, 4);
    put(img, len - 4, 0, 4);
    REJECT("kernel: bzImage payload claims to decompress to 0 bytes");
    free(img);
}

/* Debian's kernel, if someone cached it (never downloaded by make test):
 *   cd build/cache && apt-get download linux-image-6.1.0-56-amd64 &&
 *   dpkg-deb --fsys-tarfile linux-image-*.deb | tar -xO ./boot/vmlinuz-6.1.0-56-amd64 > vmlinuz-6.1.0-56-amd64 */
static uint8_t *big_guest;
static uint64_t big_base;
static size_t big_size;
static void *map_big(uint64_t va, size_t len, void *ctx)
{
    uint64_t off = va - big_base;
    return off < big_size && len <= big_size - off ? big_guest + off : NULL;
}

static void test_debian_kernel(void)
{
    static struct bzimage bz;
    struct elf_image elf;
    struct xen_elfnotes notes;
    struct xen_layout layout;
    uint8_t *img, *out;
    size_t len, out_len;
    glob_t g;

    if (glob("../../build/cache/vmlinuz-6.1.0-*-amd64", 0, NULL, &g) || !g.gl_pathc) {
        printf("SKIP: no Debian kernel cached as build/cache/vmlinuz-6.1.0-*-amd64\n");
        return;
    }
    img = test_read_file(g.gl_pathv[g.gl_pathc - 1], &len);
    globfree(&g);
    CHECK(img != NULL);
    if (!img)
        return;
    CHECK_EQ(bzimage_parse("debian", img, len, &bz), 0);
    CHECK(bz.version >= 0x020f);
    CHECK_STR(decompress_format(bz.payload, bz.payload_len), "xz");
    /* The xz decoder is not in this test's sources: the host's xz stands in (and ignores the trailer). */
    out = test_filter("xz -dc --single-stream", bz.payload, bz.payload_len, &out_len);
    CHECK(out != NULL);
    if (!out)
        goto done;
    CHECK_EQ(out_len, bz.uncompressed_size);
    if (elf_init(&elf, "debian", out, out_len) || xen_elfnotes_parse(&elf, &notes) ||
        xen_elf_layout(&elf, &notes, &layout)) {
        test_fail(__FILE__, __LINE__, "Debian kernel rejected: %s", elf.err);
        goto done;
    }
    /* pv-guest-abi.md 1.2 and 1.3. */
    CHECK_STR(notes.guest_os, "linux");
    CHECK_STR(notes.xen_version, "xen-3.0");
    CHECK_EQ(layout.virt_base, 0xffffffff80000000ULL);
    CHECK_EQ(layout.virt_kstart, 0xffffffff81000000ULL);
    CHECK(layout.virt_kend > layout.virt_entry);
    CHECK_EQ(layout.virt_hypercall, 0);
    CHECK_EQ(layout.p2m_base, 0x8000000000ULL);
    CHECK_EQ(notes.mod_start_pfn, 1);
    CHECK_EQ(notes.features_required, 1 << 0);
    CHECK_EQ(notes.features_supported & 0x8801, 0x8801);
    CHECK_EQ(notes.hv_start_low, 0xffff800000000000ULL);
    CHECK_EQ(notes.l1_mfn_valid_mask, 1);

    /* Load it: the per-CPU segment (p_vaddr 0) must land at virt_offset + p_paddr. */
    big_base = layout.virt_kstart;
    big_size = layout.virt_kend - layout.virt_kstart;
    big_guest = malloc(big_size);
    CHECK_EQ(elf_load(&elf, layout.virt_offset, map_big, NULL), 0);
    for (unsigned int i = 0; i < elf.phnum; i++) {
        const struct elf64_phdr *ph = &elf.phdr[i];
        if (ph->p_type == PT_LOAD && !ph->p_vaddr)
            CHECK(!memcmp(big_guest + (layout.virt_offset + ph->p_paddr - big_base), out + ph->p_offset,
                          ph->p_filesz));
    }
    printf("Debian kernel: %s %s, image %#llx-%#llx, entry %#llx\n", notes.guest_os, notes.guest_version,
           (unsigned long long)layout.virt_kstart, (unsigned long long)layout.virt_kend,
           (unsigned long long)layout.virt_entry);
    free(big_guest);
done:
    free(out);
    free(img);
}

int main(void)
{
    test_synthetic();
    test_hostile();
    test_debian_kernel();
    CHECK_EQ(test_heap_live, 0);
    return test_done();
}
