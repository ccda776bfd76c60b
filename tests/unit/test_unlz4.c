/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/decompress/unlz4.c xen/common/decompress/xxhash32.c */
/* lz4 frames (levels 1-12, -BD, --content-size, --no-frame-crc) and Linux's legacy format from Debian's lz4. */
#include <decompress_test.h>
#include <xen/xxhash.h>

static struct buf lz4(const char *opts, struct buf in)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "lz4 -q -c %s", opts);
    return tool_run(cmd, in);
}

static void test_xxh32(void)
{
    CHECK_EQ(xxh32("", 0, 0), 0x02cc5d05);
    CHECK_EQ(xxh32("a", 1, 0), 0x550d7456);
    CHECK_EQ(xxh32("abc", 3, 0), 0x32d153ff);
    CHECK_EQ(xxh32("Nobody inspects the spammish repetition", 39, 0), 0xe2293b2f);
}

static void test_frames(void)
{
    static const char *opts[] = {"-1",
                                 "-2",
                                 "-3",
                                 "-4",
                                 "-5",
                                 "-6",
                                 "-7",
                                 "-8",
                                 "-9",
                                 "-10",
                                 "-11",
                                 "-12",
                                 "-BD",
                                 "-9 -BD -B4",
                                 "--content-size",
                                 "--no-frame-crc",
                                 "-BX -B5",
                                 "-BD -BX --content-size -B6",
                                 "-B7 --no-frame-crc"};
    struct buf inputs[] = {buf_make("zeros", 0, 1),      buf_make("text", 1, 2),
                           buf_make("text", 70000, 3),   buf_make("random", 100000, 4),
                           buf_make("zeros", 300000, 5), buf_make("mixed", 1500000, 6)};
    for (size_t i = 0; i < ARRAY_SIZE(inputs); i++)
        for (size_t o = 0; o < ARRAY_SIZE(opts); o++) {
            /* The big input at a few settings only, to keep the run short under ASan. */
            if (inputs[i].n > 1000000 && o % 4)
                continue;
            struct buf c = lz4(opts[o], inputs[i]);
            char what[64];
            snprintf(what, sizeof(what), "lz4 %s, %zu bytes", opts[o], inputs[i].n);
            dc_roundtrip(unlz4, what, c, inputs[i]);
            buf_free(&c);
        }
    for (size_t i = 0; i < ARRAY_SIZE(inputs); i++)
        buf_free(&inputs[i]);
}

/* Concatenated frames, a skippable frame between them, and trailing bytes that start no frame. */
static void test_multi_frame(void)
{
    struct buf a = buf_make("text", 5000, 7), b = buf_make("random", 3000, 8);
    struct buf ca = lz4("-9", a), cb = lz4("-BD --content-size", b);
    uint8_t skip[] = {0x5a, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3};
    struct buf s = {skip, sizeof(skip)}, tail = {(uint8_t *)"\x12\x34\x56\x78\x9a", 5};
    struct buf c1 = buf_cat(ca, s), c2 = buf_cat(c1, cb), c3 = buf_cat(c2, tail),
               ab = buf_cat(a, b);
    dc_roundtrip(unlz4, "two frames with a skippable frame and trailing bytes", c3, ab);

    /* A frame that needs a dictionary: not supported, said so. */
    uint8_t dict[] = {0x04, 0x22, 0x4d, 0x18, 0x61, 0x40, 1, 2, 3, 4, 0};
    dict[10] = (xxh32(dict + 4, 6, 0) >> 8) & 0xff;
    uint8_t out[16];
    size_t len;
    const char *err = NULL;
    CHECK_EQ(unlz4(dict, sizeof(dict), out, sizeof(out), &len, &err), -EOPNOTSUPP);
    CHECK(err && strstr(err, "dictionary"));
    CHECK_EQ(unlz4("\x1f\x8b\x08\x00", 4, out, sizeof(out), &len, &err), -EINVAL);

    struct buf all[] = {a, b, ca, cb, c1, c2, c3, ab};
    for (size_t i = 0; i < ARRAY_SIZE(all); i++)
        buf_free(&all[i]);
}

/* The legacy format as Linux builds kernels: lz4 -l, then the 4-byte uncompressed size appended. */
static void test_legacy(void)
{
    struct buf inputs[] = {buf_make("zeros", 0, 1), buf_make("text", 1, 9),
                           buf_make("mixed", 200000, 10), buf_make("mixed", 18u << 20, 11)};
    for (size_t i = 0; i < ARRAY_SIZE(inputs); i++) {
        struct buf in = inputs[i];
        struct buf c = lz4(i == 3 ? "-l -1" : "-l -12", in);
        char what[64];
        snprintf(what, sizeof(what), "lz4 -l, %zu bytes", in.n);
        dc_roundtrip(unlz4, what, c, in);

        uint32_t size = in.n;
        struct buf trailer = {(uint8_t *)&size, 4}, k = buf_cat(c, trailer);
        snprintf(what, sizeof(what), "lz4 -l + size trailer, %zu bytes", in.n);
        dc_roundtrip(unlz4, what, k, in);
        if (in.n) {
            /* A trailer that is not the output size means the stream was cut after a size word. */
            k.p[k.n - 4] ^= 2;
            uint8_t *out = malloc(in.n);
            size_t len;
            const char *err = NULL;
            CHECK_EQ(unlz4(k.p, k.n, out, in.n, &len, &err), -EINVAL);
            free(out);
        }
        if (in.n == 200000) {
            /* No checksums here: cuts and changes need only fail cleanly or decode within bounds. */
            dc_truncations(unlz4, what, k, in.n, 300, false);
            dc_corruptions(unlz4, what, k, in.n, 300, false, SIZE_MAX);
        }
        buf_free(&c);
        buf_free(&k);
        buf_free(&inputs[i]);
    }
}

static void test_hostile_frames(void)
{
    struct buf in = buf_make("mixed", 150000, 12);
    static const char *checked[] = {"-9", "-1 -BD", "-BX -B4", "--content-size -BD"};
    for (size_t o = 0; o < ARRAY_SIZE(checked); o++) {
        struct buf c = lz4(checked[o], in);
        /* Every frame ends in an EndMark and (here) a content checksum: all cuts and changes are caught. */
        dc_truncations(unlz4, checked[o], c, in.n, 200, true);
        dc_corruptions(unlz4, checked[o], c, in.n, 300, true, SIZE_MAX);
        buf_free(&c);
    }
    struct buf c = lz4("--no-frame-crc -BD", in);
    dc_truncations(unlz4, "--no-frame-crc", c, in.n, 200, true);
    dc_corruptions(unlz4, "--no-frame-crc", c, in.n, 300, false, SIZE_MAX);
    dc_corruptions(unlz4, "--no-frame-crc, small output", c, in.n / 2, 100, false, SIZE_MAX);
    buf_free(&c);
    buf_free(&in);
}

/* BENCH=1: output MB/s on 64 MB of system binaries and text (printed, not asserted). */
static void bench(void)
{
    struct buf cat =
        tool_run("cat /usr/bin/* /usr/lib/x86_64-linux-gnu/*.so* 2>/dev/null | head -c 67108864",
                 (struct buf){(uint8_t *)"", 0});
    struct buf c = lz4("-1", cat), l = lz4("-l -9", cat);
    dc_bench(unlz4, "lz4 -1 frame, 64 MB", c, cat);
    dc_bench(unlz4, "lz4 -l -9 legacy, 64 MB", l, cat);
    buf_free(&c);
    buf_free(&l);
    buf_free(&cat);
}

int main(void)
{
    if (getenv("BENCH")) {
        bench();
        return test_done();
    }
    test_xxh32();
    test_frames();
    test_multi_frame();
    test_legacy();
    test_hostile_frames();
    return test_done();
}
