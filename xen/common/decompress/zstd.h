/* SPDX-License-Identifier: GPL-2.0-only */
/* Internal interface of the zstd decoder (RFC 8878): decoder state, backward bit reader, table builders. */
#ifndef DECOMPRESS_ZSTD_H
#define DECOMPRESS_ZSTD_H

#include <xen/errno.h>
#include <xen/string.h>
#include <xen/types.h>
#include <xen/unaligned.h>

#define ZSTD_BLOCK_MAX (128U << 10) /* Block_Maximum_Size, and the literals' limit */
#define ZSTD_HUF_MAX_BITS 11
#define ZSTD_FSE_MAX_LOG 9
#define ZSTD_WILD 32 /* slack after the literals for fixed-size copies */

/* One FSE state: emit @value (a symbol, or a baseline with @extra more bits), then go to @next + bits(@bits). */
struct zstd_fse_entry {
    uint32_t value;
    uint16_t next;
    uint8_t bits;
    uint8_t extra;
};

struct zstd_fse {
    unsigned int log;
    bool valid; /* for Repeat_Mode: a previous block left a table */
    struct zstd_fse_entry t[1 << ZSTD_FSE_MAX_LOG];
};

struct zstd_huf_entry {
    uint8_t sym;
    uint8_t bits;
};

/* Working state of one unzstd() call; frames reset the parts that do not carry over. */
struct zstd {
    uint8_t *out;
    size_t cap, pos;
    size_t frame_start; /* matches may not reach before this */
    uint64_t window;
    const char *err;

    const uint8_t *lit; /* the current block's literals */
    size_t lit_len;
    uint32_t rep[3];

    struct zstd_fse ll, of, ml;
    struct zstd_fse weights; /* scratch: the Huffman weights' own FSE table */
    bool huf_valid;
    unsigned int huf_bits;
    struct zstd_huf_entry huf[1 << ZSTD_HUF_MAX_BITS];
    uint8_t lit_buf[ZSTD_BLOCK_MAX + ZSTD_WILD];
};

static inline int zstd_fail(struct zstd *z, const char *why)
{
    z->err = why;
    return -EINVAL;
}

static inline unsigned int highbit32(uint32_t v) { return 31 - __builtin_clz(v); }

/*
 * Reader of the backward bitstreams (FSE and Huffman): the last byte's highest set bit marks the start;
 * bits are read from there towards the first byte. @consumed counts bits used from the top of @bits;
 * more than 64 with @ptr at @start means the stream was overrun (corrupt), and the reads gave zeros.
 */
struct zstd_bits {
    const uint8_t *start, *ptr;
    uint64_t bits;
    unsigned int consumed;
};

static inline int zbits_init(struct zstd_bits *b, const uint8_t *src, size_t len)
{
    if (!len || !src[len - 1])
        return -EINVAL;
    b->start = src;
    if (len >= 8) {
        b->ptr = src + len - 8;
        b->bits = get_le64(b->ptr);
        b->consumed = 0;
    } else {
        b->ptr = src;
        b->bits = 0;
        for (size_t i = 0; i < len; i++)
            b->bits |= (uint64_t)src[i] << (8 * i);
        b->consumed = 8 * (8 - len);
    }
    b->consumed += __builtin_clz(src[len - 1]) - 24 + 1;
    return 0;
}

static inline uint64_t zbits_peek(const struct zstd_bits *b, unsigned int n)
{
    return ((b->bits << (b->consumed & 63)) >> 1) >> (63 - n);
}

static inline uint64_t zbits_read(struct zstd_bits *b, unsigned int n)
{
    uint64_t v = b->consumed < 64 ? zbits_peek(b, n) : 0;
    b->consumed += n;
    return v;
}

/* Refill so that at least 57 bits are ready, unless the stream's start is near. */
static inline void zbits_reload(struct zstd_bits *b)
{
    size_t back = b->consumed >> 3, room = b->ptr - b->start;
    if (b->consumed > 64)
        return;
    if (back > room)
        back = room;
    if (!back)
        return;
    b->ptr -= back;
    b->consumed -= back * 8;
    b->bits = get_le64(b->ptr);
}

static inline bool zbits_overrun(const struct zstd_bits *b) { return b->consumed > 64; }

/* Every bit used, none more: how a well-formed stream ends. */
static inline bool zbits_finished(const struct zstd_bits *b)
{
    return b->ptr == b->start && b->consumed == 64;
}

/* zstd_fse.c */
enum zstd_kind { ZSTD_LL, ZSTD_OF, ZSTD_ML, ZSTD_WEIGHTS };
int zstd_fse_read(struct zstd *z, struct zstd_fse *t, enum zstd_kind kind, const uint8_t *src,
                  size_t len, size_t *used);
int zstd_fse_predefined(struct zstd *z, struct zstd_fse *t, enum zstd_kind kind);
int zstd_fse_rle(struct zstd *z, struct zstd_fse *t, enum zstd_kind kind, unsigned int symbol);

/* zstd_literals.c: the literals section of a compressed block into z->lit / z->lit_len. */
int zstd_literals(struct zstd *z, const uint8_t *src, size_t len, size_t *used);

/* zstd_sequences.c: the sequences section, executed into the output. */
int zstd_sequences(struct zstd *z, const uint8_t *src, size_t len);

#endif
