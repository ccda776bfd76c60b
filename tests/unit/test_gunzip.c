/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/decompress/gunzip.c xen/common/decompress/inflate.c xen/common/decompress/decompress.c xen/common/crc32.c xen/common/decompress/unlz4.c xen/common/decompress/xxhash32.c xen/common/decompress/unzstd.c xen/common/decompress/zstd_fse.c xen/common/decompress/zstd_literals.c xen/common/decompress/zstd_sequences.c xen/common/decompress/xxhash64.c xen/common/decompress/unxz.c xen/common/decompress/xz_lzma2.c xen/common/decompress/xz_bcj.c xen/common/crc64.c */
/* gzip/inflate: round trips at every level, all block types and header fields, truncation, corruption, -ENOSPC. */
#include <test.h>
#include <test_heap.h>
#include <test_tool.h>
#include <xen/crc32.h>
#include <xen/decompress.h>
#include <xen/errno.h>

static uint8_t *make_input(int kind, size_t len)
{
    uint8_t *p = malloc(len + 1);
    uint32_t x = 12345;

    for (size_t i = 0; i < len; i++) {
        x = x * 1103515245 + 12345;
        if (kind == 0)          /* highly compressible */
            p[i] = "xenolith "[i % 9];
        else if (kind == 1)     /* random, incompressible */
            p[i] = x >> 24;
        else                    /* text-like: small alphabet with structure */
            p[i] = "abcdefgh \n"[(x >> 16) % 10] ^ ((i / 4096) & 1);
    }
    return p;
}

/* Decode @gz and check it gives back @orig exactly. */
static void check_round_trip(const char *what, const uint8_t *gz, size_t gz_len, const uint8_t *orig,
                             size_t len)
{
    uint8_t *out = malloc(len + 1);
    const char *err = NULL;
    size_t out_len = 12345;
    int rc = gunzip(gz, gz_len, out, len, &out_len, &err);

    if (rc)
        test_fail(__FILE__, __LINE__, "%s: gunzip failed %d: %s", what, rc, err);
    else if (out_len != len || memcmp(out, orig, len))
        test_fail(__FILE__, __LINE__, "%s: output differs (%zu bytes, want %zu)", what, out_len, len);
    free(out);
}

static bool seen_block_type[3];

static void test_round_trips(void)
{
    static const size_t sizes[] = { 0, 1, 100, 70000, (1 << 20) + 4321 };
    char cmd[64], what[96];

    for (int kind = 0; kind < 3; kind++)
        for (size_t s = 0; s < ARRAY_SIZE(sizes); s++) {
            uint8_t *in = make_input(kind, sizes[s]);
            for (int level = 1; level <= 9; level++) {
                size_t gz_len;
                uint8_t *gz;

                if (sizes[s] > 100000 && level != 1 && level != 6 && level != 9)
                    continue;   /* keep the run short: big inputs at three levels */
                snprintf(cmd, sizeof(cmd), "gzip -n -c -%d", level);
                gz = test_filter(cmd, in, sizes[s], &gz_len);
                CHECK(gz != NULL);
                if (!gz)
                    continue;
                snprintf(what, sizeof(what), "kind %d, %zu bytes, level %d", kind, sizes[s], level);
                check_round_trip(what, gz, gz_len, in, sizes[s]);
                seen_block_type[(gz[10] >> 1) & 3] = true;  /* first block's BTYPE */
                free(gz);
            }
            free(in);
        }
    /* gzip stores random data, uses fixed codes for tiny inputs and dynamic codes for the rest. */
    CHECK(seen_block_type[0]);
    CHECK(seen_block_type[1]);
    CHECK(seen_block_type[2]);
}

/* Rebuild a stream's header with FEXTRA, FNAME, FCOMMENT and FHCRC around the same deflate body. */
static void test_header_fields(void)
{
    const char *text = "header fields: extra, name, comment and a header CRC";
    size_t gz_len, out_len;
    uint8_t *gz = test_filter("gzip -n -c -9", text, strlen(text), &gz_len);
    uint8_t hdr[256], *full, out[128];
    size_t h = 0, body = gz_len - 10;
    const char *err;
    uint32_t crc;

    CHECK(gz && gz[3] == 0);
    memcpy(hdr, gz, 10);
    hdr[3] = 0x02 | 0x04 | 0x08 | 0x10;
    h = 10;
    hdr[h++] = 6;               /* XLEN = 6: one subfield "AB", length 2 */
    hdr[h++] = 0;
    memcpy(hdr + h, "AB\2\0xy", 6);
    h += 6;
    memcpy(hdr + h, "name.txt", 9);
    h += 9;
    memcpy(hdr + h, "a comment", 10);
    h += 10;
    crc = crc32(0, hdr, h);
    hdr[h++] = crc & 0xff;
    hdr[h++] = (crc >> 8) & 0xff;

    full = malloc(h + body + 4);
    memcpy(full, hdr, h);
    memcpy(full + h, gz + 10, body);
    memcpy(full + h + body, "\x10\x20\x30\x40", 4);    /* trailing bytes, as after a bzImage payload */
    CHECK_EQ(gunzip(full, h + body + 4, out, sizeof(out), &out_len, &err), 0);
    CHECK_EQ(out_len, strlen(text));
    CHECK(!memcmp(out, text, strlen(text)));

    full[h - 1] ^= 1;           /* header CRC */
    CHECK_EQ(gunzip(full, h + body, out, sizeof(out), &out_len, &err), -EINVAL);
    CHECK_STR(err, "gzip: header CRC mismatch");
    full[h - 1] ^= 1;

    /* The name's NUL cut off: the header runs off the end. */
    CHECK_EQ(gunzip(full, 10 + 8 + 5, out, sizeof(out), &out_len, &err), -EINVAL);
    CHECK_STR(err, "gzip: file name runs past the end of the input");
    CHECK_EQ(gunzip(full, 11, out, sizeof(out), &out_len, &err), -EINVAL);
    CHECK_STR(err, "gzip: extra field is truncated");

    full[3] |= 0x20;
    CHECK_EQ(gunzip(full, h + body, out, sizeof(out), &out_len, &err), -EINVAL);
    CHECK_STR(err, "gzip: reserved header flags are set");
    full[3] &= ~0x20;
    full[2] = 7;
    CHECK_EQ(gunzip(full, h + body, out, sizeof(out), &out_len, &err), -EINVAL);
    CHECK_STR(err, "gzip: compression method is not deflate");
    free(full);
    free(gz);
}

/* Hand-made deflate streams: each block type by hand and the classic malformed ones. */
static void test_raw_blocks(void)
{
    /* Header, then a stored block "hi", then a fixed block "!" (final), then the trailer. */
    uint8_t s[64] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
    size_t n = 10, out_len;
    uint8_t out[16];
    const char *err;
    uint32_t crc = crc32(0, "hi!", 3);

    s[n++] = 0x00;                              /* BFINAL 0, BTYPE 00, pad */
    s[n++] = 2; s[n++] = 0; s[n++] = 0xfd; s[n++] = 0xff;
    s[n++] = 'h'; s[n++] = 'i';
    /* Fixed block: BFINAL 1, BTYPE 01, '!' = 0x21 -> code 0x30+0x21 (8 bits), then 256 = 0000000 (7 bits). */
    {
        uint32_t bits = 1 | 1 << 1, nb = 3, code = 0x30 + '!';
        for (int i = 7; i >= 0; i--)
            bits |= ((code >> i) & 1) << nb++;
        nb += 7;                                /* end of block: seven zero bits */
        for (; nb > 0; nb = nb > 8 ? nb - 8 : 0, bits >>= 8)
            s[n++] = bits & 0xff;
    }
    for (int i = 0; i < 4; i++)
        s[n++] = crc >> (8 * i);
    s[n++] = 3; s[n++] = 0; s[n++] = 0; s[n++] = 0;
    CHECK_EQ(gunzip(s, n, out, sizeof(out), &out_len, &err), 0);
    CHECK_EQ(out_len, 3);
    CHECK(!memcmp(out, "hi!", 3));

    s[13] = 0xfc;                               /* NLEN no longer the complement of LEN */
    CHECK_EQ(gunzip(s, n, out, sizeof(out), &out_len, &err), -EINVAL);
    CHECK_STR(err, "gzip: stored block length check failed");
    s[13] = 0xfd;

    s[10] = 0x07;                               /* BFINAL 1, BTYPE 11 */
    CHECK_EQ(gunzip(s, n, out, sizeof(out), &out_len, &err), -EINVAL);
    CHECK_STR(err, "gzip: reserved block type 3");

    /* Fixed block whose first symbol is a match (length 3, distance 1) with nothing before it. */
    s[10] = 0x03;                               /* BFINAL 1, BTYPE 01, then symbol 257 = 0000001 */
    s[11] = 0x02;                               /* ... whose final 1 is bit 9; distance code 0 follows */
    s[12] = 0;
    CHECK_EQ(gunzip(s, 13, out, sizeof(out), &out_len, &err), -EINVAL);
    CHECK_STR(err, "gzip: match distance before the start of the output");

    /* Dynamic block header asking for 287 literal/length codes (HLIT = 30). */
    s[10] = 0x05 | (30 << 3);
    CHECK_EQ(gunzip(s, 20, out, sizeof(out), &out_len, &err), -EINVAL);
    CHECK_STR(err, "gzip: too many length or distance codes");
}

static void test_truncation_and_corruption(void)
{
    size_t len = 40000, gz_len, out_len;
    uint8_t *in = make_input(2, len), *out = malloc(len);
    uint8_t *gz = test_filter("gzip -n -c -6", in, len, &gz_len);
    const char *err;
    int rc;

    CHECK(gz != NULL);
    /* Every cut point fails cleanly: no stream is valid without its whole trailer. */
    for (size_t cut = 0; cut < gz_len; cut += (cut < 64 || cut > gz_len - 64) ? 1 : 37) {
        uint8_t *copy = malloc(cut ? cut : 1);      /* exact-size copy so ASan sees any over-read */
        memcpy(copy, gz, cut);
        err = NULL;
        rc = gunzip(copy, cut, out, len, &out_len, &err);
        if (rc != -EINVAL || !err || strncmp(err, "gzip: ", 6))
            test_fail(__FILE__, __LINE__, "cut at %zu of %zu: rc %d, err %s", cut, gz_len, rc, err);
        free(copy);
    }
    /* Corruption anywhere: a clean error, or (header bytes the format ignores) the original data. */
    for (size_t pos = 0; pos < gz_len; pos += pos < 200 ? 1 : 13)
        for (int bit = 0; bit < 8; bit += 3) {
            gz[pos] ^= 1 << bit;
            rc = gunzip(gz, gz_len, out, len, &out_len, &err);
            if (rc == 0 && (out_len != len || memcmp(out, in, len)))
                test_fail(__FILE__, __LINE__, "flip at %zu bit %d: accepted wrong output", pos, bit);
            if (rc != 0 && rc != -EINVAL && rc != -ENOSPC)
                test_fail(__FILE__, __LINE__, "flip at %zu bit %d: rc %d", pos, bit, rc);
            gz[pos] ^= 1 << bit;
        }
    /* Output capacity one byte short, and zero. */
    CHECK_EQ(gunzip(gz, gz_len, out, len - 1, &out_len, &err), -ENOSPC);
    CHECK_STR(err, "gzip: output buffer too small");
    CHECK_EQ(gunzip(gz, gz_len, out, 0, &out_len, &err), -ENOSPC);
    CHECK_EQ(gunzip(gz, gz_len, out, len, &out_len, &err), 0);

    /* Trailer wrong: CRC, then the length. */
    gz[gz_len - 8] ^= 0x40;
    CHECK_EQ(gunzip(gz, gz_len, out, len, &out_len, &err), -EINVAL);
    CHECK_STR(err, "gzip: CRC32 mismatch (data corrupt)");
    gz[gz_len - 8] ^= 0x40;
    gz[gz_len - 1] ^= 0x01;
    CHECK_EQ(gunzip(gz, gz_len, out, len, &out_len, &err), -EINVAL);
    CHECK_STR(err, "gzip: length in trailer does not match the data");
    free(gz);
    free(in);
    free(out);
}

static void test_dispatch_and_crc(void)
{
    static const uint8_t xz[] = { 0xfd, '7', 'z', 'X', 'Z', 0, 0, 4 };
    static const uint8_t lz4_legacy[] = { 0x02, 0x21, 0x4c, 0x18, 0 };
    static const uint8_t lz4[] = { 0x04, 0x22, 0x4d, 0x18, 0 };
    static const uint8_t zstd[] = { 0x28, 0xb5, 0x2f, 0xfd, 0 };
    const char *text = "dispatch by magic", *err;
    size_t gz_len, out_len;
    uint8_t *gz = test_filter("gzip -c", text, strlen(text), &gz_len), out[64];

    CHECK_STR(decompress_format(gz, gz_len), "gzip");
    CHECK_STR(decompress_format(xz, sizeof(xz)), "xz");
    CHECK_STR(decompress_format(lz4, sizeof(lz4)), "lz4");
    CHECK_STR(decompress_format(lz4_legacy, sizeof(lz4_legacy)), "lz4");
    CHECK_STR(decompress_format(zstd, sizeof(zstd)), "zstd");
    CHECK(decompress_format(xz, 5) == NULL);       /* magic cut short */
    CHECK(decompress_format("ELF", 3) == NULL);
    CHECK(decompress_format(gz, 0) == NULL);

    CHECK_EQ(decompress(gz, gz_len, out, sizeof(out), &out_len, &err), 0);
    CHECK_EQ(out_len, strlen(text));
    CHECK_EQ(decompress("\x7f" "ELF", 4, out, sizeof(out), &out_len, &err), -EINVAL);
    CHECK(strstr(err, "unknown compression format") != NULL);
    /* Formats whose decoder is not linked answer -EOPNOTSUPP, naming the format. */
    if (decompress(xz, sizeof(xz), out, sizeof(out), &out_len, &err) == -EOPNOTSUPP)
        CHECK_STR(err, "xz: decoder not built in");
    free(gz);

    CHECK_EQ(crc32(0, "123456789", 9), 0xcbf43926);     /* the CRC-32 check value */
    CHECK_EQ(crc32(0, "", 0), 0);
    CHECK_EQ(crc32(crc32(0, "1234", 4), "56789", 5), 0xcbf43926);
}

int main(void)
{
    test_round_trips();
    test_header_fields();
    test_raw_blocks();
    test_truncation_and_corruption();
    test_dispatch_and_crc();
    CHECK_EQ(test_heap_live, 0);        /* the decoder state freed on every path */
    return test_done();
}
