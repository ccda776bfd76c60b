/* SPDX-License-Identifier: GPL-2.0-only */
/* zstd FSE tables (RFC 8878 section 4.1): distributions from the stream or predefined, and decode tables. */
#include "zstd.h"

/* Per kind: the largest symbol and accuracy log a table may use. */
static const uint8_t max_symbol[] = {
    [ZSTD_LL] = 35, [ZSTD_OF] = 31, [ZSTD_ML] = 52, [ZSTD_WEIGHTS] = 255};
static const uint8_t max_log[] = {[ZSTD_LL] = 9, [ZSTD_OF] = 8, [ZSTD_ML] = 9, [ZSTD_WEIGHTS] = 6};

/* Literal length and match length codes: baseline and extra bits (RFC 8878 3.1.1.3.2.1). */
static const uint32_t ll_base[36] = {
    0,  1,  2,  3,  4,  5,  6,  7,  8,   9,   10,  11,   12,   13,   14,   15,    16,    18,
    20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536};
static const uint8_t ll_extra[36] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  0,  0,  0,  0,  1,  1,
                                     1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
static const uint32_t ml_base[53] = {
    3,  4,  5,  6,  7,  8,  9,  10,  11,  12,  13,   14,   15,   16,   17,    18,    19,   20,
    21, 22, 23, 24, 25, 26, 27, 28,  29,  30,  31,   32,   33,   34,   35,    37,    39,   41,
    43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051, 4099, 8195, 16387, 32771, 65539};
static const uint8_t ml_extra[53] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  0,  0,  0,  0,  0,  0, 0,
                                     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  0,  0,  0,  1,  1,  1, 1,
                                     2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

/* Predefined distributions (RFC 8878 3.1.1.3.2.2). */
static const int16_t ll_default[36] = {4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1,  1,  2,  2,
                                       2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1, -1, -1, -1, -1};
static const int16_t ml_default[53] = {1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1,  1,  1,  1,  1,  1,  1, 1,
                                       1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  1,  1,  1,  1,  1,  1, 1,
                                       1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1};
static const int16_t of_default[29] = {1, 1, 1, 1, 1, 1, 2, 2, 2, 1,  1,  1,  1,  1, 1,
                                       1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1};

/* What a state emits: the symbol itself for weights, else the code's baseline and extra bits. */
static void set_value(struct zstd_fse_entry *e, enum zstd_kind kind, unsigned int sym)
{
    switch (kind) {
    case ZSTD_LL:
        e->value = ll_base[sym];
        e->extra = ll_extra[sym];
        break;
    case ZSTD_ML:
        e->value = ml_base[sym];
        e->extra = ml_extra[sym];
        break;
    case ZSTD_OF:
        e->value = 1U << sym;
        e->extra = sym;
        break;
    default: e->value = sym; e->extra = 0;
    }
}

/* Spread the symbols over the table and give each state its successor (RFC 8878 4.1.1). */
static int build(struct zstd *z, struct zstd_fse *t, enum zstd_kind kind, const int16_t *norm,
                 unsigned int nsym, unsigned int log)
{
    unsigned int size = 1U << log, high = size - 1, mask = size - 1;
    unsigned int step = (size >> 1) + (size >> 3) + 3, pos = 0;
    uint16_t next[256];
    uint8_t sym_of[1 << ZSTD_FSE_MAX_LOG];

    for (unsigned int s = 0; s < nsym; s++) {
        if (norm[s] == -1) {
            sym_of[high--] = s;
            next[s] = 1;
        } else {
            next[s] = norm[s];
        }
    }
    for (unsigned int s = 0; s < nsym; s++)
        for (int i = 0; i < norm[s]; i++) {
            sym_of[pos] = s;
            do
                pos = (pos + step) & mask;
            while (pos > high);
        }
    if (pos)
        return zstd_fail(z, "zstd: FSE distribution does not fill its table");
    for (unsigned int u = 0; u < size; u++) {
        unsigned int s = sym_of[u], state = next[s]++;
        struct zstd_fse_entry *e = &t->t[u];
        e->bits = log - highbit32(state);
        e->next = (state << e->bits) - size;
        set_value(e, kind, s);
    }
    t->log = log;
    t->valid = true;
    return 0;
}

/* Little-endian bits from a byte array, zeros beyond its end (the caller checks the length used). */
static uint32_t fwd_bits(const uint8_t *src, size_t len, size_t bitpos, unsigned int n)
{
    uint64_t v = 0;
    size_t byte = bitpos >> 3;
    for (unsigned int i = 0; i < 5 && byte + i < len; i++)
        v |= (uint64_t)src[byte + i] << (8 * i);
    return (v >> (bitpos & 7)) & ((1U << n) - 1);
}

/* A distribution written in the stream (RFC 8878 4.1.1), then its decode table. */
int zstd_fse_read(struct zstd *z, struct zstd_fse *t, enum zstd_kind kind, const uint8_t *src,
                  size_t len, size_t *used)
{
    int16_t norm[256];
    unsigned int nsym = 0, maxs = max_symbol[kind];
    size_t bit = 4;

    if (!len)
        return zstd_fail(z, "zstd: FSE table description missing");
    unsigned int log = (src[0] & 15) + 5;
    if (log > max_log[kind])
        return zstd_fail(z, "zstd: FSE accuracy log too large");
    int remaining = (1 << log) + 1;
    unsigned int threshold = 1U << log, nbits = log + 1;

    while (remaining > 1) {
        if (nsym > maxs || bit > 8 * len)
            return zstd_fail(z, "zstd: corrupt FSE table description");
        int max = (2 * threshold - 1) - remaining;
        int count = fwd_bits(src, len, bit, nbits - 1);
        if (count < max) {
            bit += nbits - 1;
        } else {
            count = fwd_bits(src, len, bit, nbits);
            if (count >= (int)threshold)
                count -= max;
            bit += nbits;
        }
        count--; /* -1: "less than one" probability */
        remaining -= count < 0 ? -count : count;
        norm[nsym++] = count;
        if (count == 0) {
            unsigned int rep;
            do {
                rep = fwd_bits(src, len, bit, 2);
                bit += 2;
                if (nsym + rep > maxs + 1 || bit > 8 * len)
                    return zstd_fail(z, "zstd: corrupt FSE table description");
                for (unsigned int i = 0; i < rep; i++)
                    norm[nsym++] = 0;
            } while (rep == 3);
        }
        while (remaining < (int)threshold && threshold > 1) {
            nbits--;
            threshold >>= 1;
        }
    }
    if (remaining != 1 || bit > 8 * len)
        return zstd_fail(z, "zstd: corrupt FSE table description");
    *used = (bit + 7) >> 3;
    return build(z, t, kind, norm, nsym, log);
}

int zstd_fse_predefined(struct zstd *z, struct zstd_fse *t, enum zstd_kind kind)
{
    if (kind == ZSTD_LL)
        return build(z, t, kind, ll_default, ARRAY_SIZE(ll_default), 6);
    if (kind == ZSTD_ML)
        return build(z, t, kind, ml_default, ARRAY_SIZE(ml_default), 6);
    return build(z, t, kind, of_default, ARRAY_SIZE(of_default), 5);
}

/* RLE_Mode: one state, always the same symbol, no bits. */
int zstd_fse_rle(struct zstd *z, struct zstd_fse *t, enum zstd_kind kind, unsigned int symbol)
{
    if (symbol > max_symbol[kind])
        return zstd_fail(z, "zstd: RLE symbol out of range");
    t->log = 0;
    t->valid = true;
    t->t[0].bits = 0;
    t->t[0].next = 0;
    set_value(&t->t[0], kind, symbol);
    return 0;
}
