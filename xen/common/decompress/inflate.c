/* SPDX-License-Identifier: GPL-2.0-only */
/* DEFLATE decoder (RFC 1951): stored, fixed- and dynamic-Huffman blocks into one flat output buffer. */
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/string.h>
#include "inflate.h"

#define MAX_CODE_BITS   15
#define LITLEN_CODES    288     /* fixed code size; dynamic blocks may use at most 286 */
#define DIST_CODES      32      /* fixed code size; only 30 are meaningful */
#define CODELEN_CODES   19
#define FAST_BITS       9       /* codes this short decode with one table lookup */
#define FAST_LEN_SHIFT  12

struct huffman {
    uint16_t count[MAX_CODE_BITS + 1];  /* codes of each length */
    uint16_t symbol[LITLEN_CODES];      /* symbols ordered by (code length, value) = canonical order */
    uint16_t fast[1 << FAST_BITS];      /* bit-reversed short code -> symbol | length << 12; 0 = slow path */
};

struct inflate_state {
    const uint8_t *in;
    size_t in_len, in_pos;
    uint64_t bits;              /* little-endian bit buffer: the next stream bit is bit 0 */
    unsigned int nbits;
    uint8_t *out;
    size_t out_cap, out_pos;
    int rc;
    const char *err;
    struct huffman lit, dist, codelen;
    uint8_t lengths[LITLEN_CODES + DIST_CODES];
    uint16_t len_base[29], dist_base[30];
    uint8_t len_extra[29], dist_extra[30];
};

static int fail(struct inflate_state *s, int rc, const char *why)
{
    if (!s->rc) {
        s->rc = rc;
        s->err = why;
    }
    return -1;
}

static void refill(struct inflate_state *s)
{
    while (s->nbits <= 56 && s->in_pos < s->in_len) {
        s->bits |= (uint64_t)s->in[s->in_pos++] << s->nbits;
        s->nbits += 8;
    }
}

static void consume(struct inflate_state *s, unsigned int n)
{
    s->bits >>= n;
    s->nbits -= n;
}

/* The next @n (<= 16) bits as a number, or -1 at the end of the input. */
static int getbits(struct inflate_state *s, unsigned int n)
{
    int v;

    if (s->nbits < n)
        refill(s);
    if (s->nbits < n)
        return fail(s, -EINVAL, "gzip: compressed data is truncated");
    v = s->bits & ((1u << n) - 1);
    consume(s, n);
    return v;
}

static unsigned int reverse_bits(unsigned int code, unsigned int len)
{
    unsigned int r = 0;

    while (len--) {
        r = (r << 1) | (code & 1);
        code >>= 1;
    }
    return r;
}

/* Canonical code from @n code lengths (RFC 1951 3.2.2); -1 if over-subscribed. Incomplete codes are
 * accepted: their unused bit patterns fail in decode(). */
static int build(struct huffman *h, const uint8_t *len, unsigned int n)
{
    uint16_t offset[MAX_CODE_BITS + 2], next_code[MAX_CODE_BITS + 1];
    int left = 1;

    memset(h->count, 0, sizeof(h->count));
    memset(h->fast, 0, sizeof(h->fast));
    for (unsigned int i = 0; i < n; i++)
        h->count[len[i]]++;
    h->count[0] = 0;
    for (unsigned int l = 1; l <= MAX_CODE_BITS; l++) {
        left = (left << 1) - h->count[l];
        if (left < 0)
            return -1;
    }

    offset[1] = 0;
    next_code[0] = 0;
    for (unsigned int l = 1; l <= MAX_CODE_BITS; l++) {
        offset[l + 1] = offset[l] + h->count[l];
        next_code[l] = (next_code[l - 1] + h->count[l - 1]) << 1;
    }
    for (unsigned int sym = 0; sym < n; sym++) {
        unsigned int l = len[sym];

        if (!l)
            continue;
        h->symbol[offset[l]++] = sym;
        if (l <= FAST_BITS) {
            /* Stream bits arrive LSB first but codes are MSB first: index by the reversed code. */
            for (unsigned int i = reverse_bits(next_code[l], l); i < (1u << FAST_BITS); i += 1u << l)
                h->fast[i] = sym | (l << FAST_LEN_SHIFT);
        }
        next_code[l]++;
    }
    return 0;
}

/* One symbol of @h, or -1. */
static int decode(struct inflate_state *s, const struct huffman *h)
{
    unsigned int e, code = 0, first = 0, index = 0;

    refill(s);
    e = h->fast[s->bits & ((1u << FAST_BITS) - 1)];
    if (e && (e >> FAST_LEN_SHIFT) <= s->nbits) {
        consume(s, e >> FAST_LEN_SHIFT);
        return e & ((1u << FAST_LEN_SHIFT) - 1);
    }
    /* Long code, or too few bits left for the table: walk the lengths one bit at a time. */
    for (unsigned int l = 1; l <= MAX_CODE_BITS; l++) {
        if (l > s->nbits)
            return fail(s, -EINVAL, "gzip: compressed data is truncated");
        code |= (s->bits >> (l - 1)) & 1;
        if (code - first < h->count[l]) {
            consume(s, l);
            return h->symbol[index + code - first];
        }
        index += h->count[l];
        first = (first + h->count[l]) << 1;
        code <<= 1;
    }
    return fail(s, -EINVAL, "gzip: invalid Huffman code");
}

static int stored_block(struct inflate_state *s)
{
    int len, nlen;

    consume(s, s->nbits & 7);                   /* to the byte boundary */
    len = getbits(s, 16);
    nlen = getbits(s, 16);
    if (len < 0 || nlen < 0)
        return -1;
    if (len != (~nlen & 0xffff))
        return fail(s, -EINVAL, "gzip: stored block length check failed");
    /* Whole bytes still in the bit buffer go back to the input so the copy is one memcpy. */
    s->in_pos -= s->nbits / 8;
    s->bits = 0;
    s->nbits = 0;
    if ((size_t)len > s->in_len - s->in_pos)
        return fail(s, -EINVAL, "gzip: compressed data is truncated");
    if ((size_t)len > s->out_cap - s->out_pos)
        return fail(s, -ENOSPC, "gzip: output buffer too small");
    memcpy(s->out + s->out_pos, s->in + s->in_pos, len);
    s->in_pos += len;
    s->out_pos += len;
    return 0;
}

static int huffman_block(struct inflate_state *s)
{
    for (;;) {
        int sym = decode(s, &s->lit), extra, d;
        size_t len, dist;

        if (sym < 0)
            return -1;
        if (sym < 256) {
            if (s->out_pos == s->out_cap)
                return fail(s, -ENOSPC, "gzip: output buffer too small");
            s->out[s->out_pos++] = sym;
            continue;
        }
        if (sym == 256)
            return 0;
        sym -= 257;
        if (sym >= 29)
            return fail(s, -EINVAL, "gzip: invalid length symbol");
        if ((extra = getbits(s, s->len_extra[sym])) < 0)
            return -1;
        len = s->len_base[sym] + extra;
        if ((d = decode(s, &s->dist)) < 0)
            return -1;
        if (d >= 30)
            return fail(s, -EINVAL, "gzip: invalid distance symbol");
        if ((extra = getbits(s, s->dist_extra[d])) < 0)
            return -1;
        dist = s->dist_base[d] + extra;
        if (dist > s->out_pos)
            return fail(s, -EINVAL, "gzip: match distance before the start of the output");
        if (len > s->out_cap - s->out_pos)
            return fail(s, -ENOSPC, "gzip: output buffer too small");
        /* Byte by byte: a match may overlap the bytes it is producing. */
        for (uint8_t *p = s->out + s->out_pos; len--; p++, s->out_pos++)
            *p = p[-dist];
    }
}

static int fixed_block(struct inflate_state *s)
{
    unsigned int i = 0;

    for (; i < 144; i++)
        s->lengths[i] = 8;
    for (; i < 256; i++)
        s->lengths[i] = 9;
    for (; i < 280; i++)
        s->lengths[i] = 7;
    for (; i < LITLEN_CODES; i++)
        s->lengths[i] = 8;
    memset(s->lengths + LITLEN_CODES, 5, DIST_CODES);
    build(&s->lit, s->lengths, LITLEN_CODES);
    build(&s->dist, s->lengths + LITLEN_CODES, DIST_CODES);
    return huffman_block(s);
}

static int dynamic_block(struct inflate_state *s)
{
    static const uint8_t order[CODELEN_CODES] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2,
                                                  14, 1, 15 };
    int hlit = getbits(s, 5), hdist = getbits(s, 5), hclen = getbits(s, 4);
    unsigned int n = 0, total;

    if (hlit < 0 || hdist < 0 || hclen < 0)
        return -1;
    hlit += 257;
    hdist += 1;
    if (hlit > 286 || hdist > 30)
        return fail(s, -EINVAL, "gzip: too many length or distance codes");
    total = hlit + hdist;

    memset(s->lengths, 0, CODELEN_CODES);
    for (int i = 0; i < hclen + 4; i++) {
        int l = getbits(s, 3);
        if (l < 0)
            return -1;
        s->lengths[order[i]] = l;
    }
    if (build(&s->codelen, s->lengths, CODELEN_CODES))
        return fail(s, -EINVAL, "gzip: over-subscribed code-length code");

    while (n < total) {
        int sym = decode(s, &s->codelen), rep;
        uint8_t val = 0;

        if (sym < 0)
            return -1;
        if (sym < 16) {
            s->lengths[n++] = sym;
            continue;
        }
        if (sym == 16) {
            if (!n)
                return fail(s, -EINVAL, "gzip: code length repeat with no previous length");
            val = s->lengths[n - 1];
            rep = getbits(s, 2) + 3;
        } else if (sym == 17) {
            rep = getbits(s, 3) + 3;
        } else {
            rep = getbits(s, 7) + 11;
        }
        if (s->rc)
            return -1;
        if ((unsigned int)rep > total - n)
            return fail(s, -EINVAL, "gzip: code lengths overflow the table");
        memset(s->lengths + n, val, rep);
        n += rep;
    }
    if (!s->lengths[256])
        return fail(s, -EINVAL, "gzip: block has no end-of-block code");
    if (build(&s->lit, s->lengths, hlit) || build(&s->dist, s->lengths + hlit, hdist))
        return fail(s, -EINVAL, "gzip: over-subscribed literal/length or distance code");
    return huffman_block(s);
}

static void init_tables(struct inflate_state *s)
{
    unsigned int base = 3;

    /* Length codes 257..284: four codes per extra-bit count after the first eight; 285 is 258. */
    for (unsigned int i = 0; i < 28; i++) {
        s->len_extra[i] = i < 8 ? 0 : i / 4 - 1;
        s->len_base[i] = base;
        base += 1u << s->len_extra[i];
    }
    s->len_extra[28] = 0;
    s->len_base[28] = 258;
    /* Distance codes: two per extra-bit count after the first four. */
    base = 1;
    for (unsigned int i = 0; i < 30; i++) {
        s->dist_extra[i] = i < 2 ? 0 : i / 2 - 1;
        s->dist_base[i] = base;
        base += 1u << s->dist_extra[i];
    }
}

int inflate(const uint8_t *in, size_t in_len, size_t *in_used, uint8_t *out, size_t out_cap,
            size_t *out_len, const char **err)
{
    struct inflate_state *s = xzalloc_bytes(sizeof(*s));
    int final = 0, rc;

    *out_len = 0;
    if (!s) {
        *err = "gzip: out of memory for the decoder state";
        return -ENOMEM;
    }
    s->in = in;
    s->in_len = in_len;
    s->out = out;
    s->out_cap = out_cap;
    init_tables(s);

    /* Every block consumes input, so the loop ends at the final block or the end of the input. */
    while (!final && !s->rc) {
        int type;

        final = getbits(s, 1);
        type = getbits(s, 2);
        if (s->rc)
            break;
        if (type == 0)
            stored_block(s);
        else if (type == 1)
            fixed_block(s);
        else if (type == 2)
            dynamic_block(s);
        else
            fail(s, -EINVAL, "gzip: reserved block type 3");
    }
    *in_used = s->in_pos - s->nbits / 8;
    *out_len = s->out_pos;
    rc = s->rc;
    if (rc)
        *err = s->err;
    xfree(s);
    return rc;
}
