/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/decompress/unzstd.c xen/common/decompress/zstd_fse.c xen/common/decompress/zstd_literals.c xen/common/decompress/zstd_sequences.c xen/common/decompress/xxhash64.c */
/* zstd frames from Debian's zstd: levels 1-19, --ultra -22, --long, --no-check, content sizes, many frames. */
#include <decompress_test.h>
#include <xen/xxhash.h>

static struct buf zstd(const char *opts, struct buf in)
{
    char cmd[160];
    snprintf(cmd, sizeof(cmd), "zstd -q -c %s", opts);
    return tool_run(cmd, in);
}

static void test_xxh64(void)
{
    CHECK_EQ(xxh64("", 0, 0), 0xef46db3751d8e999ULL);
    CHECK_EQ(xxh64("a", 1, 0), 0xd24ec4f1a98c6e5bULL);
    CHECK_EQ(xxh64("abc", 3, 0), 0x44bc2cf5ad770999ULL);
}

static void test_levels(void)
{
    struct buf inputs[] = {buf_make("zeros", 0, 1),      buf_make("text", 1, 2),
                           buf_make("text", 70000, 3),   buf_make("random", 100000, 4),
                           buf_make("zeros", 300000, 5), buf_make("mixed", 400000, 6)};
    for (size_t i = 0; i < ARRAY_SIZE(inputs); i++)
        for (int level = 1; level <= 19; level++) {
            char opts[64], what[80];
            /* Alternate frames with and without a content size and a checksum. */
            snprintf(opts, sizeof(opts), "-%d %s --stream-size=%zu", level,
                     level % 3 ? "" : "--no-check", level % 2 ? inputs[i].n : 0);
            if (level % 2 == 0)
                snprintf(opts, sizeof(opts), "-%d %s", level, level % 3 ? "" : "--no-check");
            struct buf c = zstd(opts, inputs[i]);
            snprintf(what, sizeof(what), "zstd %s, %zu bytes", opts, inputs[i].n);
            dc_roundtrip(unzstd, what, c, inputs[i]);
            buf_free(&c);
        }
    for (size_t i = 0; i < ARRAY_SIZE(inputs); i++)
        buf_free(&inputs[i]);
}

/* More than 1 MiB: repetitive and random data, the strongest settings and long-distance matching. */
static void test_large(void)
{
    struct buf text = buf_make("text", 3u << 20, 7), rnd = buf_make("random", 1500000, 8);
    struct buf rep = buf_cat(text, text), mix = buf_make("mixed", 5u << 20, 9);
    static const char *opts[] = {"-1", "-3", "-19", "--ultra -22", "--long=27 -9", "-6 --no-check"};
    struct buf all[] = {rep, rnd, mix};
    for (size_t i = 0; i < ARRAY_SIZE(all); i++)
        for (size_t o = 0; o < ARRAY_SIZE(opts); o++) {
            if (all[i].n > 4000000 && o == 3)
                continue; /* -22 on 6 MiB is slow to make */
            struct buf c = zstd(opts[o], all[i]);
            char what[80];
            snprintf(what, sizeof(what), "zstd %s, %zu bytes", opts[o], all[i].n);
            dc_roundtrip(unzstd, what, c, all[i]);
            buf_free(&c);
        }
    buf_free(&text);
    buf_free(&rnd);
    buf_free(&rep);
    buf_free(&mix);
}

/* Concatenated frames with a skippable frame between them, and a Linux-style size trailer after. */
static void test_multi_frame(void)
{
    struct buf a = buf_make("text", 50000, 10), b = buf_make("mixed", 30000, 11);
    struct buf ca = zstd("-5", a), cb = zstd("-12 --no-check", b);
    uint8_t skip[] = {0x5f, 0x2a, 0x4d, 0x18, 2, 0, 0, 0, 9, 9};
    uint32_t size = a.n + b.n;
    struct buf s = {skip, sizeof(skip)}, tail = {(uint8_t *)&size, 4};
    struct buf c1 = buf_cat(ca, s), c2 = buf_cat(c1, cb), c3 = buf_cat(c2, tail),
               ab = buf_cat(a, b);
    dc_roundtrip(unzstd, "two frames, a skippable frame and a size trailer", c3, ab);

    /* A frame naming dictionary 7: not supported, said so. */
    uint8_t dict[] = {0x28, 0xb5, 0x2f, 0xfd, 0x21, 7, 1, 1, 0, 0};
    uint8_t out[16];
    size_t len;
    const char *err = NULL;
    CHECK_EQ(unzstd(dict, sizeof(dict), out, sizeof(out), &len, &err), -EOPNOTSUPP);
    CHECK(err && strstr(err, "dictionar"));
    CHECK_EQ(unzstd("\xfd\x37\x7a\x58\x5a\x00", 6, out, sizeof(out), &len, &err), -EINVAL);

    struct buf all[] = {a, b, ca, cb, c1, c2, c3, ab};
    for (size_t i = 0; i < ARRAY_SIZE(all); i++)
        buf_free(&all[i]);
}

static void test_hostile(void)
{
    struct buf in = buf_make("mixed", 150000, 12);
    static const char *opts[] = {"-3", "-19", "-1 --stream-size=150000"};
    for (size_t o = 0; o < ARRAY_SIZE(opts); o++) {
        struct buf c = zstd(opts[o], in);
        /* With a checksum, every cut and every changed byte must be refused, but for a larger window. */
        dc_truncations(unzstd, opts[o], c, in.n, 200, true);
        dc_corruptions(unzstd, opts[o], c, in.n, 300, true, (c.p[4] & 0x20) ? SIZE_MAX : 5);
        buf_free(&c);
    }
    struct buf c = zstd("-7 --no-check", in);
    dc_truncations(unzstd, "--no-check", c, in.n, 200, true);
    dc_corruptions(unzstd, "--no-check", c, in.n, 300, false, SIZE_MAX);
    dc_corruptions(unzstd, "--no-check, small output", c, in.n / 3, 100, false, SIZE_MAX);
    buf_free(&c);
    buf_free(&in);
}

/* BENCH=1: output MB/s on 64 MB of system binaries and text (printed, not asserted). */
static void bench(void)
{
    struct buf none = {(uint8_t *)"", 0};
    struct buf cat = tool_run(
        "cat /usr/bin/* /usr/lib/x86_64-linux-gnu/*.so* 2>/dev/null | head -c 67108864", none);
    struct buf c3 = zstd("-3", cat), c19 = zstd("-19 -T2", cat);
    dc_bench(unzstd, "zstd -3, 64 MB", c3, cat);
    dc_bench(unzstd, "zstd -19, 64 MB", c19, cat);
    buf_free(&c3);
    buf_free(&c19);
    buf_free(&cat);
}

int main(void)
{
    if (getenv("BENCH")) {
        bench();
        return test_done();
    }
    test_xxh64();
    test_levels();
    test_multi_frame();
    test_large();
    test_hostile();
    return test_done();
}
