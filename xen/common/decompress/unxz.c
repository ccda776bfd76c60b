/* SPDX-License-Identifier: GPL-2.0-only */
/* The .xz container: streams, blocks, index and checks around the LZMA2 and x86 BCJ decoders. */
#include <xen/crc32.h>
#include <xen/crc64.h>
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/string.h>
#include "xz.h"

#define HEADER_SIZE 12 /* stream header and stream footer alike */
#define CHECK_NONE 0x0
#define CHECK_CRC32 0x1
#define CHECK_CRC64 0x4
#define CHECK_SHA256 0xa
#define FILTER_X86 0x04
#define FILTER_LZMA2 0x21
#define FILTERS_MAX 4

static const uint8_t stream_magic[6] = {0xfd, '7', 'z', 'X', 'Z', 0x00};
static const uint8_t footer_magic[2] = {'Y', 'Z'};

/* Size of the check field for each of the 16 check IDs, known or not. */
static const uint8_t check_sizes[16] = {0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64};

struct xz {
    const uint8_t *in;
    size_t in_len, ip;
    uint8_t *out;
    size_t out_cap, op;
    const char **err;
    struct lzma_dec *lzma;
    unsigned int check; /* of the current stream */
    uint8_t flags[2];   /* stream flags, repeated in the footer */
    struct index_sum {  /* what the blocks were, to compare with what the index says */
        uint64_t count, unpadded, uncompressed;
        uint32_t hash;
    } blocks;
};

#define FAIL(e, msg)          \
    do {                      \
        *x->err = "xz: " msg; \
        return (e);           \
    } while (0)

static uint32_t get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_le64(const uint8_t *p) { return get_le32(p) | (uint64_t)get_le32(p + 4) << 32; }

/* Variable-length integer: 7 bits per byte, at most 9 bytes, no redundant trailing zero byte. */
static bool get_vli(const uint8_t *p, size_t end, size_t *pos, uint64_t *val)
{
    uint64_t v = 0;

    for (unsigned int n = 0; n < 9 && *pos < end; n++) {
        uint8_t b = p[(*pos)++];
        v |= (uint64_t)(b & 0x7f) << (7 * n);
        if (!(b & 0x80)) {
            *val = v;
            return !(b == 0 && n);
        }
    }
    return false;
}

static void index_add(struct index_sum *s, uint64_t unpadded, uint64_t uncompressed)
{
    uint64_t rec[2] = {unpadded, uncompressed};

    s->count++;
    s->unpadded += unpadded;
    s->uncompressed += uncompressed;
    s->hash = crc32(s->hash, rec, sizeof(rec));
}

static int stream_header(struct xz *x)
{
    const uint8_t *h = x->in + x->ip;

    if (x->in_len - x->ip < HEADER_SIZE)
        FAIL(-EINVAL, "truncated stream header");
    if (memcmp(h, stream_magic, sizeof(stream_magic)))
        FAIL(-EINVAL, "not an xz stream (bad magic)");
    if (crc32(0, h + 6, 2) != get_le32(h + 8))
        FAIL(-EINVAL, "CRC32 mismatch in stream header");
    if (h[6] || (h[7] & 0xf0))
        FAIL(-EOPNOTSUPP, "unsupported stream flags");
    x->check = h[7];
    if (x->check == CHECK_SHA256)
        FAIL(-EOPNOTSUPP, "SHA-256 check not supported (use --check=crc32 or crc64)");
    if (x->check != CHECK_NONE && x->check != CHECK_CRC32 && x->check != CHECK_CRC64)
        FAIL(-EOPNOTSUPP, "unsupported check type");
    memcpy(x->flags, h + 6, 2);
    memset(&x->blocks, 0, sizeof(x->blocks));
    x->ip += HEADER_SIZE;
    return 0;
}

struct block_header {
    size_t size;
    uint64_t csize, usize; /* ~0 when absent */
    bool x86;
    uint32_t x86_start;
};

static int block_header(struct xz *x, struct block_header *bh)
{
    const uint8_t *h = x->in + x->ip;
    size_t pos = 2, end;
    unsigned int flags, filters;

    bh->size = ((size_t)h[0] + 1) * 4;
    if (x->in_len - x->ip < bh->size)
        FAIL(-EINVAL, "truncated block header");
    end = bh->size - 4;
    if (crc32(0, h, end) != get_le32(h + end))
        FAIL(-EINVAL, "CRC32 mismatch in block header");
    flags = h[1];
    if (flags & 0x3c)
        FAIL(-EOPNOTSUPP, "unsupported block flags");
    bh->csize = bh->usize = ~0ull;
    if ((flags & 0x40) && (!get_vli(h, end, &pos, &bh->csize) || !bh->csize))
        FAIL(-EINVAL, "bad compressed size in block header");
    if ((flags & 0x80) && !get_vli(h, end, &pos, &bh->usize))
        FAIL(-EINVAL, "bad uncompressed size in block header");

    /* Supported chains: LZMA2 alone, or x86 BCJ then LZMA2 (what Linux builds). */
    bh->x86 = false;
    bh->x86_start = 0;
    filters = (flags & 3) + 1;
    for (unsigned int f = 0; f < filters; f++) {
        uint64_t id, psize;
        bool last = f == filters - 1;
        if (!get_vli(h, end, &pos, &id) || !get_vli(h, end, &pos, &psize) || psize > end - pos)
            FAIL(-EINVAL, "bad filter flags in block header");
        if (id == FILTER_LZMA2 && last) {
            if (psize != 1 || (h[pos] & 0xc0) || h[pos] > 40)
                FAIL(-EINVAL, "bad LZMA2 dictionary size");
        } else if (id == FILTER_X86 && !last && !bh->x86) {
            if (psize != 0 && psize != 4)
                FAIL(-EINVAL, "bad x86 BCJ filter properties");
            bh->x86 = true;
            bh->x86_start = psize ? get_le32(h + pos) : 0;
        } else if (id == FILTER_LZMA2 || (id == FILTER_X86 && bh->x86)) {
            FAIL(-EINVAL, "invalid filter chain");
        } else {
            FAIL(-EOPNOTSUPP, "unsupported filter (only x86 BCJ and LZMA2)");
        }
        pos += psize;
    }
    for (; pos < end; pos++)
        if (h[pos])
            FAIL(-EINVAL, "non-zero block header padding");
    x->ip += bh->size;
    return 0;
}

static int block_check(struct xz *x, const uint8_t *data, size_t len)
{
    const uint8_t *c = x->in + x->ip;
    size_t size = check_sizes[x->check];

    if (x->in_len - x->ip < size)
        FAIL(-EINVAL, "truncated block check");
    if (x->check == CHECK_CRC32 && crc32(0, data, len) != get_le32(c))
        FAIL(-EINVAL, "CRC32 mismatch in block data");
    if (x->check == CHECK_CRC64 && crc64(0, data, len) != get_le64(c))
        FAIL(-EINVAL, "CRC64 mismatch in block data");
    x->ip += size;
    return 0;
}

static int block(struct xz *x)
{
    struct block_header bh;
    size_t start = x->op, data, in_avail, used, limit = x->out_cap;
    bool sized = false; /* the header's uncompressed size is the tighter limit */
    int rc = block_header(x, &bh);

    if (rc)
        return rc;
    data = x->ip;
    in_avail = x->in_len - data;
    if (bh.csize != ~0ull) {
        if (bh.csize > in_avail)
            FAIL(-EINVAL, "truncated block data");
        in_avail = bh.csize;
    }
    if (bh.usize != ~0ull && bh.usize <= x->out_cap - x->op) {
        limit = x->op + bh.usize;
        sized = true;
    }

    rc = lzma2_decode(x->lzma, x->in + data, in_avail, &used, x->out, &x->op, limit, x->err);
    if (rc == -ENOSPC && sized)
        FAIL(-EINVAL, "block larger than its header says");
    if (rc)
        return rc;
    if ((bh.csize != ~0ull && used != bh.csize) || (bh.usize != ~0ull && x->op - start != bh.usize))
        FAIL(-EINVAL, "block sizes differ from its header");
    if (bh.x86)
        bcj_x86_decode(x->out + start, x->op - start, bh.x86_start);
    x->ip += used;

    /* Block padding: header plus data round up to four bytes. */
    while ((x->ip - data + bh.size) & 3) {
        if (x->ip >= x->in_len)
            FAIL(-EINVAL, "truncated block padding");
        if (x->in[x->ip++])
            FAIL(-EINVAL, "non-zero block padding");
    }
    rc = block_check(x, x->out + start, x->op - start);
    if (rc)
        return rc;
    index_add(&x->blocks, bh.size + used + check_sizes[x->check], x->op - start);
    return 0;
}

/* The index repeats every block's sizes; the footer repeats the index size and the stream flags. */
static int index_and_footer(struct xz *x)
{
    size_t start = x->ip, pos = x->ip + 1;
    struct index_sum seen = {0};
    uint64_t count;
    const uint8_t *f;

    if (!get_vli(x->in, x->in_len, &pos, &count))
        FAIL(-EINVAL, "truncated or bad index");
    if (count != x->blocks.count)
        FAIL(-EINVAL, "index does not match the blocks (count)");
    for (uint64_t i = 0; i < count; i++) {
        uint64_t unpadded, uncompressed;
        if (!get_vli(x->in, x->in_len, &pos, &unpadded) ||
            !get_vli(x->in, x->in_len, &pos, &uncompressed))
            FAIL(-EINVAL, "truncated or bad index");
        index_add(&seen, unpadded, uncompressed);
    }
    if (seen.unpadded != x->blocks.unpadded || seen.uncompressed != x->blocks.uncompressed ||
        seen.hash != x->blocks.hash)
        FAIL(-EINVAL, "index does not match the blocks (sizes)");
    for (; (pos - start) & 3; pos++)
        if (pos >= x->in_len || x->in[pos])
            FAIL(-EINVAL, "truncated or non-zero index padding");
    if (x->in_len - pos < 4 + HEADER_SIZE)
        FAIL(-EINVAL, "truncated index or stream footer");
    if (crc32(0, x->in + start, pos - start) != get_le32(x->in + pos))
        FAIL(-EINVAL, "CRC32 mismatch in index");
    pos += 4;

    f = x->in + pos;
    if (memcmp(f + 10, footer_magic, sizeof(footer_magic)))
        FAIL(-EINVAL, "bad stream footer magic");
    if (crc32(0, f + 4, 6) != get_le32(f))
        FAIL(-EINVAL, "CRC32 mismatch in stream footer");
    if (((uint64_t)get_le32(f + 4) + 1) * 4 != pos - start)
        FAIL(-EINVAL, "stream footer disagrees with the index size");
    if (memcmp(f + 8, x->flags, 2))
        FAIL(-EINVAL, "stream footer flags differ from the header");
    x->ip = pos + HEADER_SIZE;
    return 0;
}

static int stream(struct xz *x)
{
    int rc = stream_header(x);

    while (!rc) {
        if (x->ip >= x->in_len)
            FAIL(-EINVAL, "truncated stream");
        if (x->in[x->ip] == 0x00)
            return index_and_footer(x);
        rc = block(x);
    }
    return rc;
}

/*
 * Streams may be concatenated, with zero padding in 4-byte groups between and after them. Anything
 * else after a complete stream ends the input: Linux appends the 4-byte uncompressed size to its
 * payload, which is not valid xz padding, so trailing bytes are accepted and ignored.
 */
static bool another_stream(struct xz *x)
{
    while (x->in_len - x->ip >= 4 && !get_le32(x->in + x->ip))
        x->ip += 4;
    return x->in_len - x->ip >= sizeof(stream_magic) &&
           !memcmp(x->in + x->ip, stream_magic, sizeof(stream_magic));
}

int unxz(const void *in, size_t in_len, void *out, size_t out_cap, size_t *out_len,
         const char **err)
{
    struct xz x = {.in = in, .in_len = in_len, .out = out, .out_cap = out_cap, .err = err};
    int rc;

    *out_len = 0;
    x.lzma = lzma_dec_alloc();
    if (!x.lzma) {
        *err = "xz: out of memory for the LZMA decoder state";
        return -ENOMEM;
    }
    do
        rc = stream(&x);
    while (!rc && another_stream(&x));
    lzma_dec_free(x.lzma);
    if (!rc)
        *out_len = x.op;
    return rc;
}
