/* SPDX-License-Identifier: GPL-2.0-only */
/* zstd literals section (RFC 8878 3.1.1.3.1): raw, RLE, and Huffman-coded in 1 or 4 streams (section 4.2). */
#include "zstd.h"

/* Huffman weights, stored directly (4 bits each) or FSE-compressed with two interleaved states. */
static int huf_weights(struct zstd *z, const uint8_t *src, size_t len, uint8_t *w,
                       unsigned int *count, size_t *used)
{
    unsigned int hdr = src[0], n = 0;

    if (hdr >= 128) {
        n = hdr - 127;
        size_t bytes = (n + 1) / 2;
        if (len - 1 < bytes)
            return zstd_fail(z, "zstd: Huffman weights truncated");
        for (unsigned int i = 0; i < n; i++)
            w[i] = i & 1 ? src[1 + i / 2] & 15 : src[1 + i / 2] >> 4;
        *used = 1 + bytes;
        *count = n;
        return 0;
    }
    size_t fse_len;
    if (!hdr || len - 1 < hdr)
        return zstd_fail(z, "zstd: Huffman weights truncated");
    int rc = zstd_fse_read(z, &z->weights, ZSTD_WEIGHTS, src + 1, hdr, &fse_len);
    if (rc)
        return rc;
    struct zstd_bits b;
    if (fse_len >= hdr || zbits_init(&b, src + 1 + fse_len, hdr - fse_len))
        return zstd_fail(z, "zstd: corrupt Huffman weights stream");
    const struct zstd_fse_entry *t = z->weights.t;
    unsigned int log = z->weights.log, s[2];
    s[0] = zbits_read(&b, log);
    s[1] = zbits_read(&b, log);
    zbits_reload(&b);
    if (zbits_overrun(&b))
        return zstd_fail(z, "zstd: corrupt Huffman weights stream");
    /* The states take turns; the stream ends when an update overruns it, and the other state has the last. */
    for (unsigned int k = 0;; k ^= 1) {
        if (n >= 255)
            return zstd_fail(z, "zstd: too many Huffman weights");
        const struct zstd_fse_entry *e = &t[s[k]];
        w[n++] = e->value;
        s[k] = e->next + zbits_read(&b, e->bits);
        zbits_reload(&b);
        if (zbits_overrun(&b)) {
            if (n >= 255)
                return zstd_fail(z, "zstd: too many Huffman weights");
            w[n++] = t[s[k ^ 1]].value;
            break;
        }
    }
    *used = 1 + hdr;
    *count = n;
    return 0;
}

/* Tree description -> lookup table indexed by the next huf_bits bits of a stream. */
static int huf_table(struct zstd *z, const uint8_t *src, size_t len, size_t *used)
{
    uint8_t w[256];
    unsigned int n, rank[ZSTD_HUF_MAX_BITS + 2] = {0};
    uint32_t total = 0;

    z->huf_valid = false;
    if (!len)
        return zstd_fail(z, "zstd: Huffman tree description missing");
    int rc = huf_weights(z, src, len, w, &n, used);
    if (rc)
        return rc;
    for (unsigned int i = 0; i < n; i++) {
        if (w[i] > ZSTD_HUF_MAX_BITS)
            return zstd_fail(z, "zstd: Huffman weight too large");
        total += w[i] ? 1U << (w[i] - 1) : 0;
    }
    if (!total)
        return zstd_fail(z, "zstd: Huffman tree has no symbols");
    unsigned int max_bits = highbit32(total) + 1;
    uint32_t rest = (1U << max_bits) - total;
    if (max_bits > ZSTD_HUF_MAX_BITS || (rest & (rest - 1)))
        return zstd_fail(z, "zstd: Huffman weights do not form a prefix code");
    w[n++] = highbit32(rest) + 1; /* the last weight is implied */

    for (unsigned int i = 0; i < n; i++)
        rank[w[i]]++;
    /* Longest codes (lowest weights) first, symbols in order within a weight (RFC 8878 4.2.1.4). */
    uint32_t start[ZSTD_HUF_MAX_BITS + 2], pos = 0;
    for (unsigned int k = 1; k <= ZSTD_HUF_MAX_BITS; k++) {
        start[k] = pos;
        pos += rank[k] << (k - 1);
    }
    for (unsigned int i = 0; i < n; i++) {
        if (!w[i])
            continue;
        struct zstd_huf_entry e = {.sym = i, .bits = max_bits + 1 - w[i]};
        for (uint32_t j = 0; j < 1U << (w[i] - 1); j++)
            z->huf[start[w[i]]++] = e;
    }
    z->huf_bits = max_bits;
    z->huf_valid = true;
    return 0;
}

static inline void huf_one(const struct zstd *z, struct zstd_bits *b, uint8_t *out)
{
    const struct zstd_huf_entry *e = &z->huf[zbits_peek(b, z->huf_bits)];
    *out = e->sym;
    b->consumed += e->bits;
}

/* 57 fresh bits after a reload cover four codes of at most 11 bits. */
static inline void huf_four(const struct zstd *z, struct zstd_bits *b, uint8_t *out)
{
    huf_one(z, b, out);
    huf_one(z, b, out + 1);
    huf_one(z, b, out + 2);
    huf_one(z, b, out + 3);
    zbits_reload(b);
}

/* The rest of a stream, up to @n symbols in all; the stream must end with its last bit. */
static int huf_finish(struct zstd *z, struct zstd_bits *b, uint8_t *out, size_t done, size_t n)
{
    for (; done + 4 <= n; done += 4)
        huf_four(z, b, out + done);
    for (; done < n; done++) {
        huf_one(z, b, out + done);
        zbits_reload(b);
    }
    if (!zbits_finished(b))
        return zstd_fail(z, "zstd: Huffman stream length does not match its literals");
    return 0;
}

/* One stream, or four decoded in step so their lookups overlap (RFC 8878 4.2.2). */
static int huf_literals(struct zstd *z, const uint8_t *src, size_t len, size_t regen, bool four)
{
    struct zstd_bits b[4];
    uint8_t *out = z->lit_buf;

    if (!four) {
        if (zbits_init(&b[0], src, len))
            return zstd_fail(z, "zstd: corrupt Huffman stream");
        return huf_finish(z, &b[0], out, 0, regen);
    }
    if (len < 6)
        return zstd_fail(z, "zstd: Huffman jump table truncated");
    size_t size[4] = {get_le16(src), get_le16(src + 2), get_le16(src + 4)};
    size_t seg = (regen + 3) / 4, n[4] = {seg, seg, seg, regen - 3 * seg};
    if (size[0] + size[1] + size[2] > len - 6 || 3 * seg > regen)
        return zstd_fail(z, "zstd: corrupt Huffman jump table");
    size[3] = len - 6 - size[0] - size[1] - size[2];
    const uint8_t *p = src + 6;
    for (unsigned int k = 0; k < 4; p += size[k], k++)
        if (zbits_init(&b[k], p, size[k]))
            return zstd_fail(z, "zstd: corrupt Huffman stream");
    size_t i = 0;
    for (; i + 4 <= n[3]; i += 4)
        for (unsigned int k = 0; k < 4; k++)
            huf_four(z, &b[k], out + k * seg + i);
    for (unsigned int k = 0; k < 4; k++) {
        int rc = huf_finish(z, &b[k], out + k * seg, i, n[k]);
        if (rc)
            return rc;
    }
    return 0;
}

int zstd_literals(struct zstd *z, const uint8_t *src, size_t len, size_t *used)
{
    if (!len)
        return zstd_fail(z, "zstd: literals section missing");
    unsigned int type = src[0] & 3, sf = (src[0] >> 2) & 3;
    size_t regen, hlen;

    z->lit = z->lit_buf;
    if (type < 2) { /* Raw or RLE */
        hlen = sf == 1 ? 2 : sf == 3 ? 3 : 1;
        if (len < hlen + (type == 1))
            return zstd_fail(z, "zstd: literals section truncated");
        if (hlen == 1)
            regen = src[0] >> 3;
        else if (hlen == 2)
            regen = (src[0] >> 4) + ((size_t)src[1] << 4);
        else
            regen = (src[0] >> 4) + ((size_t)src[1] << 4) + ((size_t)src[2] << 12);
        if (regen > ZSTD_BLOCK_MAX)
            return zstd_fail(z, "zstd: more than 128 KiB of literals");
        if (type == 1) {
            memset(z->lit_buf, src[hlen], regen);
            *used = hlen + 1;
        } else {
            if (len - hlen < regen)
                return zstd_fail(z, "zstd: raw literals truncated");
            memcpy(z->lit_buf, src + hlen, regen); /* a copy: sequences read past the end */
            *used = hlen + regen;
        }
        z->lit_len = regen;
        return 0;
    }

    /* Compressed or Treeless: sizes of 10, 10, 14 or 18 bits each. */
    hlen = sf < 2 ? 3 : sf + 2;
    if (len < hlen)
        return zstd_fail(z, "zstd: literals section truncated");
    unsigned int sbits = sf < 2 ? 10 : sf == 2 ? 14 : 18;
    uint64_t h = 0;
    for (size_t i = 0; i < hlen; i++)
        h |= (uint64_t)src[i] << (8 * i);
    regen = (h >> 4) & ((1U << sbits) - 1);
    size_t comp = (h >> (4 + sbits)) & ((1U << sbits) - 1);
    if (regen > ZSTD_BLOCK_MAX)
        return zstd_fail(z, "zstd: more than 128 KiB of literals");
    if (len - hlen < comp)
        return zstd_fail(z, "zstd: compressed literals truncated");
    const uint8_t *p = src + hlen;
    size_t tree = 0;
    if (type == 2) {
        int rc = huf_table(z, p, comp, &tree);
        if (rc)
            return rc;
    } else if (!z->huf_valid) {
        return zstd_fail(z, "zstd: treeless literals without an earlier Huffman table");
    }
    int rc = huf_literals(z, p + tree, comp - tree, regen, sf != 0);
    if (rc)
        return rc;
    z->lit_len = regen;
    *used = hlen + comp;
    return 0;
}
