/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/decompress/unxz.c xen/common/decompress/xz_lzma2.c xen/common/decompress/xz_bcj.c xen/common/decompress/decompress.c xen/common/crc32.c xen/common/crc64.c */
/* The xz decoder against Debian's xz: presets, checks, BCJ, blocks, concatenation, truncation, corruption. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <test.h>
#include <xen/crc32.h>
#include <xen/crc64.h>
#include <xen/decompress.h>
#include <xen/errno.h>

/* The host has no hypervisor heap; weak so a harness that grows these wins. */
__attribute__((weak)) void *xmalloc_bytes(size_t size) { return malloc(size); }
__attribute__((weak)) void xfree(void *p) { free(p); }

struct buf {
    uint8_t *p;
    size_t len;
};

static char tmpdir[64];
static const char *self_exe;

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static struct buf read_file(const char *path, size_t max)
{
    struct buf b = { malloc(max + 1), 0 };
    FILE *f = fopen(path, "rb");
    if (f) {
        b.len = fread(b.p, 1, max, f);
        fclose(f);
    }
    return b;
}

/* Compress with Debian's xz and the given options. */
static struct buf xz(const struct buf *in, const char *opts)
{
    char src[128], cmd[512];
    FILE *f;
    snprintf(src, sizeof(src), "%s/in", tmpdir);
    f = fopen(src, "wb");
    fwrite(in->p, 1, in->len, f);
    fclose(f);
    snprintf(cmd, sizeof(cmd), "xz -c -q %s %s > %s/out.xz", opts, src, tmpdir);
    if (system(cmd))
        test_fail(__FILE__, __LINE__, "xz %s failed", opts);
    snprintf(src, sizeof(src), "%s/out.xz", tmpdir);
    return read_file(src, 64u << 20);
}

static int decode(const struct buf *c, size_t cap, struct buf *out, const char **err)
{
    /* Exactly @cap bytes so ASan sees any write past the capacity. */
    out->p = malloc(cap ? cap : 1);
    *err = "(unset)";
    return unxz(c->p, c->len, out->p, cap, &out->len, err);
}

static void round_trip(const char *what, const struct buf *in, const char *opts)
{
    struct buf c = xz(in, opts), out;
    const char *err;
    int rc = decode(&c, in->len, &out, &err);

    if (rc || out.len != in->len || memcmp(out.p, in->p, in->len))
        test_fail(__FILE__, __LINE__, "%s, xz %s: rc %d (%s), %zu of %zu bytes, %s", what, opts, rc, err,
                  out.len, in->len, rc ? "" : "content differs");
    free(out.p);
    free(c.p);
}

static struct buf make_text(size_t len)
{
    static const char *words[] = { "hypervisor", "page", "table", "grant", "event", "channel", "domain",
                                   "vcpu", "the", "of", "a", "xen", "linux", "\n", "memory", "frame" };
    struct buf b = { malloc(len + 16), 0 };
    while (b.len < len) {
        const char *w = words[rnd() % 16];
        size_t n = strlen(w);
        memcpy(b.p + b.len, w, n);
        b.len += n;
        b.p[b.len++] = ' ';
    }
    b.len = len;
    return b;
}

static struct buf make_random(size_t len)
{
    struct buf b = { malloc(len), len };
    for (size_t i = 0; i < len; i++)
        b.p[i] = (uint8_t)rnd();
    return b;
}

/* x86 code (this very test binary) with text and zero runs: what a kernel image looks like. */
static struct buf make_mixed(size_t len)
{
    struct buf exe = read_file(self_exe, len), text = make_text(len);
    struct buf b = { calloc(1, len), len };
    for (size_t i = 0; i < len; i += 65536) {
        size_t n = len - i < 65536 ? len - i : 65536;
        switch ((i >> 16) % 4) {
        case 0: case 1: memcpy(b.p + i, exe.p + (i % (exe.len - 65536)), n); break;
        case 2: memcpy(b.p + i, text.p + i, n); break;
        default: break;     /* zeros */
        }
    }
    free(exe.p);
    free(text.p);
    return b;
}

/* Dense E8/E9 opcodes and 00/FF operand bytes: every branch of the BCJ filter's overlap rules. */
static struct buf make_bcj_torture(size_t len)
{
    static const uint8_t pick[] = { 0xe8, 0xe9, 0x00, 0xff, 0xe8, 0x00, 0x12, 0xff };
    struct buf b = { malloc(len), len };
    for (size_t i = 0; i < len; i++)
        b.p[i] = rnd() % 4 ? pick[rnd() % 8] : (uint8_t)rnd();
    return b;
}

static void test_crc(void)
{
    uint8_t buf[1000];
    CHECK_EQ(crc32(0, "123456789", 9), 0xcbf43926u);
    CHECK_EQ(crc64(0, "123456789", 9), 0x995dc9bbdf1939faull);
    CHECK_EQ(crc32(0, "", 0), 0);
    for (size_t i = 0; i < sizeof(buf); i++)
        buf[i] = (uint8_t)rnd();
    /* Any split, at any alignment, gives the same result as one call. */
    for (size_t off = 0; off < 9; off++)
        for (size_t cut = 0; cut < 40; cut += 3) {
            size_t n = sizeof(buf) - off;
            CHECK_EQ(crc32(crc32(0, buf + off, cut), buf + off + cut, n - cut), crc32(0, buf + off, n));
            CHECK_EQ(crc64(crc64(0, buf + off, cut), buf + off + cut, n - cut), crc64(0, buf + off, n));
        }
}

static void test_round_trips(void)
{
    struct buf empty = { malloc(1), 0 }, one = { (uint8_t *)"x", 1 };
    struct buf text = make_text(300000), rand = make_random(200000), mixed = make_mixed(1600000);
    static const char *small_opts[] = { "-0", "-1", "-2", "-3", "-4", "-5", "-6", "-7", "-8", "-9", "-0e",
        "-6e", "-9e", "--check=none", "--check=crc32", "--check=crc64", "--x86 --lzma2=preset=6",
        "--format=xz --check=crc32 --x86 --lzma2=dict=32MiB", "--lzma2=lc=4,lp=0,pb=4",
        "--lzma2=lc=0,lp=4,pb=0", "--lzma2=lc=1,lp=3,pb=1", "--lzma2=mode=fast,mf=hc4,nice=8",
        "--block-size=8KiB", "--block-size=20000 --check=crc64", "-T2 --block-size=16KiB -1",
        "--x86=start=4096 --lzma2=preset=1" };
    static const char *big_opts[] = { "-1", "-6", "--format=xz --check=crc32 --x86 --lzma2=dict=32MiB",
                                      "-T2 --block-size=300KiB --x86 --lzma2=preset=2", "--check=none --block-size=100000" };

    for (size_t i = 0; i < sizeof(small_opts) / sizeof(small_opts[0]); i++) {
        round_trip("empty", &empty, small_opts[i]);
        round_trip("1 byte", &one, small_opts[i]);
        round_trip("text", &text, small_opts[i]);
    }
    struct buf bcj = make_bcj_torture(100000);
    round_trip("BCJ torture", &bcj, "--x86 --lzma2=preset=1");
    round_trip("BCJ torture", &bcj, "--x86=start=305419896 --lzma2=preset=1 --block-size=7777");
    free(bcj.p);
    round_trip("random", &rand, "-6");
    round_trip("random", &rand, "--x86 --lzma2=preset=6 --check=crc64 --block-size=50000");
    for (size_t i = 0; i < sizeof(big_opts) / sizeof(big_opts[0]); i++)
        round_trip("1.6 MB mixed", &mixed, big_opts[i]);
    free(empty.p);
    free(text.p);
    free(rand.p);
    free(mixed.p);
}

/* Streams back to back, with zero padding between and after, decode to the concatenation. */
static void test_concatenated(void)
{
    struct buf a = make_text(50000), b = make_mixed(200000), ca = xz(&a, "-6"), cb = xz(&b, "--x86 --lzma2=preset=1 --check=crc64");
    struct buf cat = { calloc(1, ca.len * 2 + cb.len + 64), 0 }, out;
    const char *err;
    int rc;

    memcpy(cat.p, ca.p, ca.len);
    cat.len = ca.len + 8;                   /* 8 bytes of stream padding */
    memcpy(cat.p + cat.len, cb.p, cb.len);
    cat.len += cb.len;
    memcpy(cat.p + cat.len, ca.p, ca.len);
    cat.len += ca.len + 4;                  /* trailing padding */
    rc = decode(&cat, a.len * 2 + b.len, &out, &err);
    CHECK_EQ(rc, 0);
    CHECK_EQ(out.len, a.len * 2 + b.len);
    CHECK(!rc && !memcmp(out.p, a.p, a.len) && !memcmp(out.p + a.len, b.p, b.len) &&
          !memcmp(out.p + a.len + b.len, a.p, a.len));
    free(out.p);

    /* One byte short of the whole: ENOSPC. */
    rc = decode(&cat, a.len * 2 + b.len - 1, &out, &err);
    CHECK_EQ(rc, -ENOSPC);
    free(out.p);

    /* A damaged second stream is an error, not trailing bytes. */
    cat.p[ca.len + 8 + 20] ^= 0x40;
    rc = decode(&cat, a.len * 2 + b.len, &out, &err);
    CHECK_EQ(rc, -EINVAL);
    free(out.p);
    free(cat.p);
    free(a.p), free(b.p), free(ca.p), free(cb.p);
}

/* What Linux builds: BCJ + LZMA2 with CRC32, then the 4-byte little-endian uncompressed size. */
static void test_linux_payload(void)
{
    struct buf in = make_mixed(1200000), c = xz(&in, "--format=xz --check=crc32 --x86 --lzma2=dict=32MiB"), out;
    const char *err;
    uint32_t size;
    int rc;

    c.p = realloc(c.p, c.len + 4);
    size = (uint32_t)in.len;
    memcpy(c.p + c.len, &size, 4);
    c.len += 4;
    CHECK_STR(decompress_format(c.p, c.len), "xz");
    memcpy(&size, c.p + c.len - 4, 4);
    out.p = malloc(size);
    rc = decompress(c.p, c.len, out.p, size, &out.len, &err);
    CHECK_EQ(rc, 0);
    CHECK_EQ(out.len, in.len);
    CHECK(!rc && !memcmp(out.p, in.p, in.len));
    free(out.p);
    CHECK(decompress_format("\x1f\x8b", 1) == NULL);
    rc = decompress("hello world", 11, in.p, 10, &out.len, &err);
    CHECK_EQ(rc, -EOPNOTSUPP);
    free(in.p);
    free(c.p);
}

/* Output capacity below the real size is -ENOSPC, never a write past it (ASan watches). */
static void test_too_small(void)
{
    struct buf in = make_mixed(300000), out;
    const char *opts[] = { "--x86 --lzma2=preset=6", "-T2 --block-size=64KiB", "--check=none -0" };
    const char *err;

    for (size_t o = 0; o < 3; o++) {
        struct buf c = xz(&in, opts[o]);
        size_t caps[] = { 0, 1, 100, 65536, in.len / 2, in.len - 8, in.len - 1 };
        for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
            int rc = decode(&c, caps[i], &out, &err);
            if (rc != -ENOSPC)
                test_fail(__FILE__, __LINE__, "xz %s, capacity %zu: rc %d (%s)", opts[o], caps[i], rc, err);
            free(out.p);
        }
        free(c.p);
    }
    free(in.p);
}

/* Every cut of a stream fails cleanly. */
static void test_truncated(void)
{
    struct buf in = make_mixed(120000), out;
    const char *opts[] = { "--check=crc32 --x86 --lzma2=preset=6", "--check=crc64 --block-size=30000", "-T2 --block-size=40000" };
    const char *err;

    for (size_t o = 0; o < 3; o++) {
        struct buf c = xz(&in, opts[o]), cut;
        for (size_t n = 0; n < c.len; n += (n < 200 || c.len - n < 200) ? 1 : 97) {
            cut.p = malloc(n ? n : 1);      /* exact size: ASan catches any read past the end */
            memcpy(cut.p, c.p, n);
            cut.len = n;
            int rc = decode(&cut, in.len, &out, &err);
            if (rc != -EINVAL)
                test_fail(__FILE__, __LINE__, "xz %s cut at %zu of %zu: rc %d (%s)", opts[o], n, c.len, rc, err);
            free(out.p);
            free(cut.p);
        }
        free(c.p);
    }
    free(in.p);
}

/* Any damaged byte is caught by a check, a CRC or the structure; without checks it must not crash. */
static void test_corrupted(void)
{
    struct buf in = make_mixed(100000), out;
    const char *opts[] = { "--check=crc32 --x86 --lzma2=preset=6", "--check=crc64 -T2 --block-size=30000", "--check=none -1" };
    static const uint8_t flips[] = { 0x01, 0x80, 0xff, 0x10 };
    const char *err;

    for (size_t o = 0; o < 3; o++) {
        struct buf c = xz(&in, opts[o]);
        for (size_t pos = 0; pos < c.len; pos += (pos < 300 || c.len - pos < 300) ? 1 : 41) {
            uint8_t flip = flips[pos % 4];
            c.p[pos] ^= flip;
            int rc = decode(&c, in.len + 1000, &out, &err);
            if (o < 2 && rc != -EINVAL && rc != -EOPNOTSUPP && rc != -ENOSPC)
                test_fail(__FILE__, __LINE__, "xz %s, byte %zu ^ %#x: rc %d (%s)", opts[o], pos, flip, rc, err);
            c.p[pos] ^= flip;
            free(out.p);
        }
        /* Random multi-byte damage. */
        for (int i = 0; i < 300; i++) {
            struct buf d = { malloc(c.len), c.len };
            memcpy(d.p, c.p, c.len);
            for (int k = 1 + rnd() % 8; k; k--)
                d.p[rnd() % d.len] = (uint8_t)rnd();
            int rc = decode(&d, in.len, &out, &err);
            if (o < 2 && rc == 0 && (out.len != in.len || memcmp(out.p, in.p, in.len)))
                test_fail(__FILE__, __LINE__, "xz %s: damaged input decoded to wrong data", opts[o]);
            free(out.p);
            free(d.p);
        }
        free(c.p);
    }
    free(in.p);
}

static void test_errors(void)
{
    struct buf in = make_text(1000), c = xz(&in, "--check=sha256"), out;
    const char *err;
    int rc = decode(&c, in.len, &out, &err);

    CHECK_EQ(rc, -EOPNOTSUPP);
    CHECK(strstr(err, "SHA-256") != NULL);
    free(out.p);
    free(c.p);

    c = xz(&in, "--check=crc64 -0");
    /* The footer's backward size locates the index; the block's CRC64 ends right before it. */
    size_t index_start = c.len - 12 - ((c.p[c.len - 8] + 1u) * 4);
    c.p[index_start - 1] ^= 1;
    rc = decode(&c, in.len, &out, &err);
    CHECK_EQ(rc, -EINVAL);
    CHECK_STR(err, "xz: CRC64 mismatch in block data");
    free(out.p);
    free(c.p);

    c = (struct buf){ (uint8_t *)"\xfd" "7zXZ\0\0\0\0\0\0\0", 12 };
    rc = decode(&c, 100, &out, &err);
    CHECK_EQ(rc, -EINVAL);
    free(out.p);
    free(in.p);
}

/* Host speed: decode @path (a .xz file, or a bzImage whose payload is found by magic) @reps times. */
static int bench(const char *path)
{
    struct buf f = read_file(path, 256u << 20), c = f, out;
    const char *err;
    size_t cap = 1u << 30;
    struct timespec t0, t1;
    int rc = 0;

    for (size_t i = 0; i + 6 <= f.len; i++)
        if (!memcmp(f.p + i, "\xfd" "7zXZ", 6)) {
            c.p = f.p + i;
            c.len = f.len - i;
            break;
        }
    out.p = malloc(cap);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int r = 0; r < 3 && !rc; r++)
        rc = unxz(c.p, c.len, out.p, cap, &out.len, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9) / 3;
    if (rc)
        printf("bench: rc %d: %s\n", rc, err);
    else
        printf("bench: %zu -> %zu bytes in %.3f s: %.1f MB/s out, %.1f MB/s in\n", c.len, out.len, s,
               out.len / s / 1e6, c.len / s / 1e6);
    return rc != 0;
}

int main(int argc, char **argv)
{
    self_exe = argv[0];
    if (argc == 3 && !strcmp(argv[1], "--bench"))
        return bench(argv[2]);
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_unxz.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        printf("FAIL: mkdtemp\n");
        return 1;
    }
    test_crc();
    test_round_trips();
    test_concatenated();
    test_linux_payload();
    test_too_small();
    test_truncated();
    test_corrupted();
    test_errors();

    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
    if (system(cmd))
        printf("warning: could not remove %s\n", tmpdir);
    return test_done();
}
