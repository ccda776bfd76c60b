/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/decompress/unxz.c xen/common/decompress/xz_lzma2.c xen/common/decompress/xz_bcj.c xen/common/decompress/decompress.c xen/common/crc32.c xen/common/crc64.c xen/common/decompress/gunzip.c xen/common/decompress/inflate.c xen/common/decompress/unlz4.c xen/common/decompress/xxhash32.c xen/common/decompress/unzstd.c xen/common/decompress/zstd_fse.c xen/common/decompress/zstd_literals.c xen/common/decompress/zstd_sequences.c xen/common/decompress/xxhash64.c */
/* The xz decoder against Debian's xz: presets, checks, BCJ, blocks, concatenation, truncation, corruption. */
#include <decompress_test.h>
#include <xen/crc32.h>
#include <xen/crc64.h>

/* gunzip, linked in through decompress(), wants zeroed memory too. */
__attribute__((weak)) void *xzalloc_bytes(size_t size)
{
    void *p = xmalloc_bytes(size);
    if (p)
        memset(p, 0, size);
    return p;
}

static const char *self_exe;
static uint32_t seed = 1;

static uint32_t rnd(void) { return rng_next(&seed); }

static struct buf read_file(const char *path, size_t max)
{
    struct buf b = {malloc(max + 1), 0};
    FILE *f = fopen(path, "rb");
    if (f) {
        b.n = fread(b.p, 1, max, f);
        fclose(f);
    }
    return b;
}

static struct buf xz(struct buf in, const char *opts)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "xz -c -q %s", opts);
    return tool_run(cmd, in);
}

static void round_trip(const char *what, struct buf in, const char *opts)
{
    char name[256];
    struct buf c = xz(in, opts);
    snprintf(name, sizeof(name), "%s, xz %s", what, opts);
    if (c.p)
        dc_roundtrip(unxz, name, c, in);
    buf_free(&c);
}

/* x86 code (this very test binary) between text, random and zero runs: what a kernel image looks like. */
static struct buf make_x86(size_t len)
{
    struct buf exe = read_file(self_exe, len), b = buf_make("mixed", len, 3);
    for (size_t i = 0; i + 65536 <= len && exe.n > 65536; i += 4 * 65536)
        memcpy(b.p + i, exe.p + (i % (exe.n - 65536)), 65536);
    buf_free(&exe);
    return b;
}

/* Dense E8/E9 opcodes and 00/FF operand bytes: every branch of the BCJ filter's overlap rules. */
static struct buf make_bcj_torture(size_t len)
{
    static const uint8_t pick[] = {0xe8, 0xe9, 0x00, 0xff, 0xe8, 0x00, 0x12, 0xff};
    struct buf b = {malloc(len), len};
    for (size_t i = 0; i < len; i++)
        b.p[i] = rnd() % 4 ? pick[rnd() % 8] : (uint8_t)rnd();
    return b;
}

static void test_crc(void)
{
    uint8_t buf[1000];
    CHECK_EQ(crc32(0, "123456789", 9), 0xcbf43926u);
    CHECK_EQ(crc64(0, "123456789", 9), 0x995dc9bbdf1939faull);
    CHECK_EQ(crc64(0, "", 0), 0);
    for (size_t i = 0; i < sizeof(buf); i++)
        buf[i] = (uint8_t)rnd();
    /* Any split, at any alignment, gives the same result as one call. */
    for (size_t off = 0; off < 9; off++)
        for (size_t cut = 0; cut < 40; cut += 3) {
            size_t n = sizeof(buf) - off;
            CHECK_EQ(crc64(crc64(0, buf + off, cut), buf + off + cut, n - cut),
                     crc64(0, buf + off, n));
        }
}

static void test_round_trips(void)
{
    struct buf empty = {malloc(1), 0}, one = {(uint8_t *)"x", 1};
    struct buf text = buf_make("text", 300000, 1), rand = buf_make("random", 200000, 2),
               big = make_x86(1600000);
    struct buf bcj = make_bcj_torture(100000);
    static const char *small_opts[] = {"-0",
                                       "-1",
                                       "-2",
                                       "-3",
                                       "-4",
                                       "-5",
                                       "-6",
                                       "-7",
                                       "-8",
                                       "-9",
                                       "-0e",
                                       "-6e",
                                       "-9e",
                                       "--check=none",
                                       "--check=crc32",
                                       "--check=crc64",
                                       "--x86 --lzma2=preset=6",
                                       "--format=xz --check=crc32 --x86 --lzma2=dict=32MiB",
                                       "--lzma2=lc=4,lp=0,pb=4",
                                       "--lzma2=lc=0,lp=4,pb=0",
                                       "--lzma2=lc=1,lp=3,pb=1",
                                       "--lzma2=mode=fast,mf=hc4,nice=8",
                                       "--block-size=8KiB",
                                       "--block-size=20000 --check=crc64",
                                       "-T2 --block-size=16KiB -1",
                                       "--x86=start=4096 --lzma2=preset=1"};
    static const char *big_opts[] = {
        "-1", "-6", "--format=xz --check=crc32 --x86 --lzma2=dict=32MiB",
        "-T2 --block-size=300KiB --x86 --lzma2=preset=2", "--check=none --block-size=100000"};

    for (size_t i = 0; i < sizeof(small_opts) / sizeof(small_opts[0]); i++) {
        round_trip("empty", empty, small_opts[i]);
        round_trip("1 byte", one, small_opts[i]);
        round_trip("text", text, small_opts[i]);
    }
    round_trip("BCJ torture", bcj, "--x86 --lzma2=preset=1");
    round_trip("BCJ torture", bcj, "--x86=start=305419896 --lzma2=preset=1 --block-size=7777");
    round_trip("random", rand, "-6");
    round_trip("random", rand, "--x86 --lzma2=preset=6 --check=crc64 --block-size=50000");
    for (size_t i = 0; i < sizeof(big_opts) / sizeof(big_opts[0]); i++)
        round_trip("1.6 MB x86 and mixed", big, big_opts[i]);
    buf_free(&empty), buf_free(&text), buf_free(&rand), buf_free(&big), buf_free(&bcj);
}

/* Streams back to back, with zero padding between and after, decode to the concatenation. */
static void test_concatenated(void)
{
    struct buf a = buf_make("text", 50000, 4), b = make_x86(200000);
    struct buf ca = xz(a, "-6"), cb = xz(b, "--x86 --lzma2=preset=1 --check=crc64");
    struct buf pad8 = {calloc(1, 8), 8}, pad4 = {pad8.p, 4};
    struct buf t1 = buf_cat(ca, pad8), t2 = buf_cat(t1, cb), t3 = buf_cat(t2, ca),
               cat = buf_cat(t3, pad4);
    struct buf u1 = buf_cat(a, b), want = buf_cat(u1, a);

    dc_roundtrip(unxz, "three concatenated streams with padding", cat, want);
    /* A damaged second stream is an error, not trailing bytes. */
    cat.p[ca.n + 8 + 20] ^= 0x40;
    CHECK_EQ(dc_hostile(unxz, cat.p, cat.n, want.n), -EINVAL);
    buf_free(&a), buf_free(&b), buf_free(&ca), buf_free(&cb), buf_free(&pad8), buf_free(&t1),
        buf_free(&t2);
    buf_free(&t3), buf_free(&cat), buf_free(&u1), buf_free(&want);
}

/* What Linux builds: BCJ + LZMA2 with CRC32, then the 4-byte little-endian uncompressed size. */
static void test_linux_payload(void)
{
    struct buf in = make_x86(1200000),
               c = xz(in, "--format=xz --check=crc32 --x86 --lzma2=dict=32MiB");
    uint32_t size = (uint32_t)in.n;
    struct buf sz = {(uint8_t *)&size, 4}, payload = buf_cat(c, sz);

    CHECK_STR(decompress_format(payload.p, payload.n), "xz");
    dc_roundtrip(decompress, "Linux payload through decompress()", payload, in);
    buf_free(&in), buf_free(&c), buf_free(&payload);
}

/* Output capacity below the real size is -ENOSPC, never a write past it (ASan watches). */
static void test_too_small(void)
{
    struct buf in = make_x86(300000);
    const char *opts[] = {"--x86 --lzma2=preset=6", "-T2 --block-size=64KiB", "--check=none -0"};

    for (size_t o = 0; o < 3; o++) {
        struct buf c = xz(in, opts[o]);
        size_t caps[] = {0, 1, 100, 65536, in.n / 2, in.n - 8};
        for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
            if (dc_hostile(unxz, c.p, c.n, caps[i]) != -ENOSPC)
                test_fail(__FILE__, __LINE__, "xz %s, capacity %zu: not -ENOSPC", opts[o], caps[i]);
        buf_free(&c);
    }
    buf_free(&in);
}

/* Every cut fails; every changed byte is caught by a check, a CRC or the structure (no check: no crash). */
static void test_hostile(void)
{
    struct buf in = make_x86(120000);
    const char *opts[] = {"--check=crc32 --x86 --lzma2=preset=6",
                          "--check=crc64 --block-size=30000", "-T2 --block-size=40000",
                          "--check=none -1"};

    for (size_t o = 0; o < 4; o++) {
        struct buf c = xz(in, opts[o]);
        dc_truncations(unxz, opts[o], c, in.n, 250, true);
        dc_corruptions(unxz, opts[o], c, in.n + 1000, 400, o < 3, SIZE_MAX);
        /* Random multi-byte damage. */
        for (int i = 0; i < 200; i++) {
            struct buf d = {malloc(c.n), c.n};
            memcpy(d.p, c.p, c.n);
            for (int k = 1 + rnd() % 8; k; k--)
                d.p[rnd() % d.n] ^= (uint8_t)(1 + rnd() % 255); /* a real change */
            if (!dc_hostile(unxz, d.p, d.n, in.n) && o < 3)
                test_fail(__FILE__, __LINE__, "xz %s: damaged input decoded", opts[o]);
            buf_free(&d);
        }
        buf_free(&c);
    }
    buf_free(&in);
}

static void test_errors(void)
{
    struct buf in = buf_make("text", 1000, 5), c = xz(in, "--check=sha256");
    uint8_t *out = malloc(in.n);
    size_t len;
    const char *err;

    CHECK_EQ(unxz(c.p, c.n, out, in.n, &len, &err), -EOPNOTSUPP);
    CHECK(strstr(err, "SHA-256") != NULL);
    buf_free(&c);

    c = xz(in, "--check=crc64 -0");
    /* The footer's backward size locates the index; the block's CRC64 ends right before it. */
    size_t index_start = c.n - 12 - ((c.p[c.n - 8] + 1u) * 4);
    c.p[index_start - 1] ^= 1;
    CHECK_EQ(unxz(c.p, c.n, out, in.n, &len, &err), -EINVAL);
    CHECK_STR(err, "xz: CRC64 mismatch in block data");
    c.p[index_start - 1] ^= 1;
    c.p[c.n - 1] = 'z';
    CHECK_EQ(unxz(c.p, c.n, out, in.n, &len, &err), -EINVAL);
    CHECK_STR(err, "xz: bad stream footer magic");
    CHECK_EQ(unxz("\xfd"
                  "7zXZ\0\0\0\0\0\0\0",
                  12, out, in.n, &len, &err),
             -EINVAL);
    CHECK_EQ(unxz("\x1f\x8b", 2, out, in.n, &len, &err), -EINVAL);
    CHECK_STR(err, "xz: truncated stream header");
    buf_free(&c), buf_free(&in);
    free(out);
}

/* Host speed over a file: a .xz, or a bzImage whose payload is found by its magic. */
static int bench(const char *path)
{
    struct buf f = read_file(path, 256u << 20), c = f, out = {malloc(1u << 30), 0};
    const char *err;
    double t;
    int rc = 0;

    for (size_t i = 0; i + 6 <= f.n; i++)
        if (!memcmp(f.p + i,
                    "\xfd"
                    "7zXZ",
                    6)) {
            c.p = f.p + i;
            c.n = f.n - i;
            break;
        }
    t = now_seconds();
    for (int r = 0; r < 3 && !rc; r++)
        rc = unxz(c.p, c.n, out.p, 1u << 30, &out.n, &err);
    t = (now_seconds() - t) / 3;
    if (rc)
        printf("bench: rc %d: %s\n", rc, err);
    else
        printf("BENCH unxz %s: %zu -> %zu bytes in %.3f s, %.0f MB/s\n", path, c.n, out.n, t,
               out.n / t / 1e6);
    return rc != 0;
}

int main(int argc, char **argv)
{
    self_exe = argv[0];
    if (argc == 3 && !strcmp(argv[1], "--bench"))
        return bench(argv[2]);
    test_crc();
    test_round_trips();
    test_concatenated();
    test_linux_payload();
    test_too_small();
    test_hostile();
    test_errors();
    return test_done();
}
