/* SPDX-License-Identifier: GPL-2.0-only */
/* LZMA2 chunk parser and the LZMA decoder beneath it, decoding straight into the output buffer. */
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/string.h>
#include "lz_copy.h"
#include "xz.h"

#define STATES 12
#define LIT_STATES 7      /* states 0..6 follow a literal */
#define POS_STATES_MAX 16 /* 1 << pb, pb <= 4 */
#define DIST_STATES 4     /* match lengths 2, 3, 4, 5+ pick the slot tree */
#define DIST_SLOTS 64
#define END_POS_MODEL 14 /* slots below this code their low bits with probabilities */
#define FULL_DISTANCES 128
#define ALIGN_BITS 4
#define MATCH_LEN_MIN 2
#define LIT_SIZE 0x300
#define LIT_CODERS_MAX 16 /* 1 << (lc + lp), lc + lp <= 4 in LZMA2 */

#define PROB_BITS 11
#define PROB_INIT (1u << (PROB_BITS - 1))
#define MOVE_BITS 5
#define RC_TOP (1u << 24)

struct len_probs {
    uint16_t choice, choice2;
    uint16_t low[POS_STATES_MAX][8];
    uint16_t mid[POS_STATES_MAX][8];
    uint16_t high[256];
};

/* Every member is a probability, so a reset can treat the struct as one array. */
struct lzma_probs {
    uint16_t is_match[STATES][POS_STATES_MAX];
    uint16_t is_rep[STATES], is_rep0[STATES], is_rep1[STATES], is_rep2[STATES];
    uint16_t is_rep0_long[STATES][POS_STATES_MAX];
    uint16_t dist_slot[DIST_STATES][DIST_SLOTS];
    uint16_t dist_special[FULL_DISTANCES - END_POS_MODEL];
    uint16_t dist_align[1 << ALIGN_BITS];
    struct len_probs match_len, rep_len;
    uint16_t literal[LIT_CODERS_MAX][LIT_SIZE];
};

struct lzma_dec {
    unsigned int lc, lp_mask, pb_mask;
    unsigned int state;
    uint32_t rep0, rep1, rep2, rep3;
    struct lzma_probs p;
};

/* The range decoder; lives in registers inside lzma_chunk once inlined. */
struct rc {
    uint32_t range, code;
    const uint8_t *in;
    size_t i, len; /* reads past @len yield zeros; the chunk end check rejects them */
};

static __always_inline void rc_normalize(struct rc *rc)
{
    if (rc->range < RC_TOP) {
        rc->range <<= 8;
        rc->code = (rc->code << 8) | (rc->i < rc->len ? rc->in[rc->i] : 0);
        rc->i++;
    }
}

static __always_inline unsigned int rc_bit(struct rc *rc, uint16_t *prob)
{
    uint32_t bound;

    rc_normalize(rc);
    bound = (rc->range >> PROB_BITS) * *prob;
    if (rc->code < bound) {
        rc->range = bound;
        *prob += ((1u << PROB_BITS) - *prob) >> MOVE_BITS;
        return 0;
    }
    rc->range -= bound;
    rc->code -= bound;
    *prob -= *prob >> MOVE_BITS;
    return 1;
}

/* Most significant bit first; returns 0 .. (1 << bits) - 1. */
static __always_inline unsigned int rc_tree(struct rc *rc, uint16_t *probs, unsigned int bits)
{
    unsigned int sym = 1, limit = 1u << bits;

    do
        sym = (sym << 1) | rc_bit(rc, &probs[sym]);
    while (sym < limit);
    return sym - limit;
}

/* Least significant bit first, probabilities probs[base + tree index]. */
static __always_inline uint32_t rc_tree_reverse(struct rc *rc, uint16_t *probs, size_t base,
                                                unsigned int bits)
{
    unsigned int node = 1;
    uint32_t val = 0;

    for (unsigned int k = 0; k < bits; k++) {
        unsigned int bit = rc_bit(rc, &probs[base + node]);
        node = (node << 1) | bit;
        val |= bit << k;
    }
    return val;
}

/* Fixed-probability bits (the middle bits of long distances). */
static __always_inline uint32_t rc_direct(struct rc *rc, uint32_t val, unsigned int bits)
{
    do {
        uint32_t mask;
        rc_normalize(rc);
        rc->range >>= 1;
        rc->code -= rc->range;
        mask = 0u - (rc->code >> 31); /* all ones when the subtraction wrapped: bit 0 */
        rc->code += rc->range & mask;
        val = (val << 1) + (mask + 1);
    } while (--bits);
    return val;
}

static __always_inline unsigned int decode_len(struct rc *rc, struct len_probs *l,
                                               unsigned int pos_state)
{
    if (!rc_bit(rc, &l->choice))
        return MATCH_LEN_MIN + rc_tree(rc, l->low[pos_state], 3);
    if (!rc_bit(rc, &l->choice2))
        return MATCH_LEN_MIN + 8 + rc_tree(rc, l->mid[pos_state], 3);
    return MATCH_LEN_MIN + 16 + rc_tree(rc, l->high, 8);
}

/* Returns the distance minus one, as LZMA stores it in rep0. */
static __always_inline uint32_t decode_dist(struct rc *rc, struct lzma_probs *p, unsigned int len)
{
    unsigned int dist_state =
        len - MATCH_LEN_MIN < DIST_STATES ? len - MATCH_LEN_MIN : DIST_STATES - 1;
    unsigned int slot = rc_tree(rc, p->dist_slot[dist_state], 6);
    unsigned int bits;
    uint32_t dist;

    if (slot < 4)
        return slot;
    bits = (slot >> 1) - 1;
    dist = 2 | (slot & 1);
    if (slot < END_POS_MODEL) {
        dist <<= bits;
        return dist + rc_tree_reverse(rc, p->dist_special, (size_t)dist - slot - 1, bits);
    }
    dist = rc_direct(rc, dist, bits - ALIGN_BITS) << ALIGN_BITS;
    return dist + rc_tree_reverse(rc, p->dist_align, -(size_t)1, ALIGN_BITS);
}

static const uint8_t next_after_lit[STATES] = {0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 4, 5};

/*
 * One LZMA chunk: decode @in[0 .. @in_len) into @dict[@pos .. @end); @cap is how far the buffer goes.
 * The hot loop of the whole decompressor.
 */
static int lzma_chunk(struct lzma_dec *s, const uint8_t *in, size_t in_len, uint8_t *dict,
                      size_t pos, size_t end, size_t cap)
{
    struct lzma_probs *p = &s->p;
    struct rc rc = {.range = 0xffffffffu, .in = in, .i = 5, .len = in_len};
    unsigned int state = s->state, lc = s->lc, lp_mask = s->lp_mask, pb_mask = s->pb_mask;
    uint32_t rep0 = s->rep0, rep1 = s->rep1, rep2 = s->rep2, rep3 = s->rep3;

    if (in_len < 5 || in[0] != 0)
        return -EINVAL;
    rc.code = (uint32_t)in[1] << 24 | (uint32_t)in[2] << 16 | (uint32_t)in[3] << 8 | in[4];

    while (pos < end) {
        unsigned int pos_state = pos & pb_mask;
        unsigned int len;

        if (!rc_bit(&rc, &p->is_match[state][pos_state])) {
            unsigned int prev = pos ? dict[pos - 1] : 0;
            uint16_t *probs = p->literal[((pos & lp_mask) << lc) + (prev >> (8 - lc))];
            unsigned int sym = 1;

            if (state < LIT_STATES) {
                do
                    sym = (sym << 1) | rc_bit(&rc, &probs[sym]);
                while (sym < 0x100);
            } else {
                /* After a match the byte at rep0 steers the probabilities until the first mismatch. */
                unsigned int match_byte, offset = 0x100;
                if (unlikely(rep0 >= pos))
                    return -EINVAL;
                match_byte = dict[pos - rep0 - 1];
                do {
                    unsigned int mbit, bit;
                    match_byte <<= 1;
                    mbit = match_byte & offset;
                    bit = rc_bit(&rc, &probs[offset + mbit + sym]);
                    sym = (sym << 1) | bit;
                    offset &= bit ? mbit : ~mbit;
                } while (sym < 0x100);
            }
            dict[pos++] = (uint8_t)sym;
            state = next_after_lit[state];
            continue;
        }

        if (!rc_bit(&rc, &p->is_rep[state])) {
            rep3 = rep2;
            rep2 = rep1;
            rep1 = rep0;
            len = decode_len(&rc, &p->match_len, pos_state);
            state = state < LIT_STATES ? 7 : 10;
            rep0 = decode_dist(&rc, p, len);
            if (unlikely(rep0 == 0xffffffffu))
                return -EINVAL; /* an end marker: LZMA2 chunks carry their sizes instead */
        } else if (!rc_bit(&rc, &p->is_rep0[state])) {
            if (!rc_bit(&rc, &p->is_rep0_long[state][pos_state])) {
                state = state < LIT_STATES ? 9 : 11;
                if (unlikely(rep0 >= pos))
                    return -EINVAL;
                dict[pos] = dict[pos - rep0 - 1];
                pos++;
                continue;
            }
            len = decode_len(&rc, &p->rep_len, pos_state);
            state = state < LIT_STATES ? 8 : 11;
        } else {
            uint32_t dist;
            if (!rc_bit(&rc, &p->is_rep1[state])) {
                dist = rep1;
            } else {
                if (!rc_bit(&rc, &p->is_rep2[state])) {
                    dist = rep2;
                } else {
                    dist = rep3;
                    rep3 = rep2;
                }
                rep2 = rep1;
            }
            rep1 = rep0;
            rep0 = dist;
            len = decode_len(&rc, &p->rep_len, pos_state);
            state = state < LIT_STATES ? 8 : 11;
        }

        /* Matches never reach before the dictionary reset nor past the chunk. */
        if (unlikely(rep0 >= pos || len > end - pos))
            return -EINVAL;
        lz_copy_match(dict + pos, (size_t)rep0 + 1, len, cap - pos >= len + 16);
        pos += len;
    }

    rc_normalize(&rc);
    s->state = state;
    s->rep0 = rep0;
    s->rep1 = rep1;
    s->rep2 = rep2;
    s->rep3 = rep3;
    /* The encoder's flush leaves the code at zero exactly at the chunk's last byte. */
    return rc.i == in_len && rc.code == 0 ? 0 : -EINVAL;
}

static void lzma_reset(struct lzma_dec *s)
{
    uint16_t *prob = (uint16_t *)&s->p;
    size_t n = offsetof(struct lzma_probs, literal) / sizeof(uint16_t) +
               ((size_t)LIT_SIZE << (s->lc + __builtin_ctz(s->lp_mask + 1)));

    for (size_t i = 0; i < n; i++)
        prob[i] = PROB_INIT;
    s->state = 0;
    s->rep0 = s->rep1 = s->rep2 = s->rep3 = 0;
}

/* The properties byte is (pb * 5 + lp) * 9 + lc; LZMA2 also demands lc + lp <= 4. */
static bool lzma_props(struct lzma_dec *s, unsigned int props)
{
    unsigned int lc = props % 9, lp = (props / 9) % 5, pb = props / 45;

    if (pb > 4 || lc + lp > 4)
        return false;
    s->lc = lc;
    s->lp_mask = (1u << lp) - 1;
    s->pb_mask = (1u << pb) - 1;
    return true;
}

struct lzma_dec *lzma_dec_alloc(void) { return xmalloc_bytes(sizeof(struct lzma_dec)); }

void lzma_dec_free(struct lzma_dec *s) { xfree(s); }

#define FAIL(e, msg)       \
    do {                   \
        *err = "xz: " msg; \
        return (e);        \
    } while (0)

int lzma2_decode(struct lzma_dec *s, const uint8_t *in, size_t in_len, size_t *in_used,
                 uint8_t *out, size_t *pos, size_t limit, const char **err)
{
    size_t ip = 0, op = *pos, dict = op;
    bool need_dict_reset = true, need_props = true;

    for (;;) {
        unsigned int ctrl;
        size_t usize, csize;

        if (ip >= in_len)
            FAIL(-EINVAL, "truncated LZMA2 data");
        ctrl = in[ip++];
        if (ctrl == 0x00)
            break;
        if (ctrl >= 0xe0 || ctrl == 0x01) {
            need_props = true;
            need_dict_reset = false;
            dict = op;
        } else if (need_dict_reset) {
            FAIL(-EINVAL, "LZMA2 data does not start with a dictionary reset");
        }

        if (ctrl >= 0x80) {
            size_t hdr = ctrl >= 0xc0 ? 5 : 4;
            int rc;
            if (in_len - ip < hdr)
                FAIL(-EINVAL, "truncated LZMA2 chunk header");
            usize = ((size_t)(ctrl & 0x1f) << 16) + ((size_t)in[ip] << 8) + in[ip + 1] + 1;
            csize = ((size_t)in[ip + 2] << 8) + in[ip + 3] + 1;
            if (ctrl >= 0xc0) {
                if (!lzma_props(s, in[ip + 4]))
                    FAIL(-EINVAL, "invalid LZMA properties in LZMA2 chunk");
                need_props = false;
            } else if (need_props) {
                FAIL(-EINVAL, "LZMA2 chunk without the properties it needs");
            }
            ip += hdr;
            if (ctrl >= 0xa0)
                lzma_reset(s);
            if (in_len - ip < csize)
                FAIL(-EINVAL, "truncated LZMA2 chunk");
            if (limit - op < usize)
                FAIL(-ENOSPC, "output buffer too small");
            rc = lzma_chunk(s, in + ip, csize, out + dict, op - dict, op - dict + usize,
                            limit - dict);
            if (rc)
                FAIL(rc, "corrupt LZMA data");
            ip += csize;
            op += usize;
        } else if (ctrl <= 0x02) {
            if (in_len - ip < 2)
                FAIL(-EINVAL, "truncated LZMA2 chunk header");
            usize = ((size_t)in[ip] << 8) + in[ip + 1] + 1;
            ip += 2;
            if (in_len - ip < usize)
                FAIL(-EINVAL, "truncated LZMA2 chunk");
            if (limit - op < usize)
                FAIL(-ENOSPC, "output buffer too small");
            memcpy(out + op, in + ip, usize);
            ip += usize;
            op += usize;
        } else {
            FAIL(-EINVAL, "invalid LZMA2 control byte");
        }
    }
    *in_used = ip;
    *pos = op;
    return 0;
}
