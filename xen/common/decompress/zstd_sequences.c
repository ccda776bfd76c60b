/* SPDX-License-Identifier: GPL-2.0-only */
/* zstd sequences section (RFC 8878 3.1.1.3.2): table modes, sequence decoding, repeat offsets, execution. */
#include "lz_copy.h"
#include "zstd.h"

/* Mode of one table: Predefined, RLE (one symbol byte), FSE_Compressed (a description), or Repeat. */
static int seq_table(struct zstd *z, struct zstd_fse *t, enum zstd_kind kind, unsigned int mode,
                     const uint8_t *src, size_t len, size_t *pos)
{
    size_t used;
    int rc;

    switch (mode) {
    case 0: return zstd_fse_predefined(z, t, kind);
    case 1:
        if (*pos >= len)
            return zstd_fail(z, "zstd: sequences section truncated");
        return zstd_fse_rle(z, t, kind, src[(*pos)++]);
    case 2:
        t->valid = false;
        rc = zstd_fse_read(z, t, kind, src + *pos, len - *pos, &used);
        *pos += used;
        return rc;
    default: return t->valid ? 0 : zstd_fail(z, "zstd: repeated FSE table without an earlier one");
    }
}

/* Offset_Value 1-3 name a repeat offset, shifted by one when the literal length is 0 (RFC 8878 3.1.1.5). */
static inline size_t resolve_offset(uint32_t *rep, uint32_t value, size_t ll)
{
    uint32_t off;
    if (value > 3) {
        off = value - 3;
    } else {
        unsigned int idx = value - 1 + (ll == 0);
        if (idx == 0)
            return rep[0];
        off = idx == 3 ? rep[0] - 1 : rep[idx];
        if (idx == 1) {
            rep[1] = rep[0];
            rep[0] = off;
            return off;
        }
    }
    rep[2] = rep[1];
    rep[1] = rep[0];
    rep[0] = off;
    return off;
}

static inline unsigned int next_state(const struct zstd_fse_entry *e, struct zstd_bits *b)
{
    return e->next + zbits_read(b, e->bits);
}

int zstd_sequences(struct zstd *z, const uint8_t *src, size_t len)
{
    size_t pos, nseq;
    uint8_t *base = z->out, *op = base + z->pos;
    size_t room = z->cap - z->pos;
    bool small_cap = room <= ZSTD_BLOCK_MAX; /* the block limit or the buffer: which one binds */
    uint8_t *oend = op + (small_cap ? room : ZSTD_BLOCK_MAX);
    uint8_t *wstart = base + z->frame_start;
    const uint8_t *lit = z->lit, *lend = z->lit + z->lit_len;

    if (!len)
        return zstd_fail(z, "zstd: sequences section missing");
    if (src[0] < 128) {
        nseq = src[0];
        pos = 1;
    } else if (src[0] < 255) {
        if (len < 2)
            return zstd_fail(z, "zstd: sequences section truncated");
        nseq = ((src[0] - 128) << 8) + src[1];
        pos = 2;
    } else {
        if (len < 3)
            return zstd_fail(z, "zstd: sequences section truncated");
        nseq = src[1] + (src[2] << 8) + 0x7f00;
        pos = 3;
    }

    if (nseq) {
        if (pos >= len)
            return zstd_fail(z, "zstd: sequences section truncated");
        unsigned int modes = src[pos++];
        if (modes & 3)
            return zstd_fail(z, "zstd: reserved bits set in the sequence compression modes");
        int rc = seq_table(z, &z->ll, ZSTD_LL, modes >> 6, src, len, &pos);
        if (!rc)
            rc = seq_table(z, &z->of, ZSTD_OF, (modes >> 4) & 3, src, len, &pos);
        if (!rc)
            rc = seq_table(z, &z->ml, ZSTD_ML, (modes >> 2) & 3, src, len, &pos);
        if (rc)
            return rc;

        struct zstd_bits b;
        if (zbits_init(&b, src + pos, len - pos))
            return zstd_fail(z, "zstd: corrupt sequence bitstream");
        const struct zstd_fse_entry *llt = z->ll.t, *oft = z->of.t, *mlt = z->ml.t;
        unsigned int lls = zbits_read(&b, z->ll.log), ofs = zbits_read(&b, z->of.log);
        unsigned int mls = zbits_read(&b, z->ml.log);

        for (size_t i = 0; i < nseq; i++) {
            const struct zstd_fse_entry *lle = &llt[lls], *ofe = &oft[ofs], *mle = &mlt[mls];
            zbits_reload(&b);
            uint32_t ofv = ofe->value + (uint32_t)zbits_read(&b, ofe->extra);
            size_t ml = mle->value + zbits_read(&b, mle->extra);
            zbits_reload(&b);
            size_t ll = lle->value + zbits_read(&b, lle->extra);
            if (i + 1 < nseq) {
                lls = next_state(lle, &b);
                mls = next_state(mle, &b);
                ofs = next_state(ofe, &b);
            }
            if (zbits_overrun(&b))
                return zstd_fail(z, "zstd: sequence bitstream overrun");
            size_t off = resolve_offset(z->rep, ofv, ll);

            if (ll > (size_t)(lend - lit))
                return zstd_fail(z, "zstd: sequence uses more literals than the block has");
            if (ll + ml > (size_t)(oend - op))
                goto overflow;
            if (off == 0 || off > (size_t)(op + ll - wstart))
                return zstd_fail(z, "zstd: match offset points before the start of the frame");
            if (off > z->window)
                return zstd_fail(z, "zstd: match offset larger than the frame's window");
            if (ll <= 16 && oend - op >= 16)
                __builtin_memcpy(op, lit, 16); /* the literal buffer has slack for this */
            else
                memcpy(op, lit, ll);
            op += ll;
            lit += ll;
            lz_copy_match(op, off, ml, (size_t)(oend - op) >= ml + 16);
            op += ml;
        }
        if (!zbits_finished(&b))
            return zstd_fail(z, "zstd: sequence bitstream not consumed exactly");
    } else if (pos != len) {
        return zstd_fail(z, "zstd: bytes after an empty sequences section");
    }

    size_t rest = lend - lit;
    if (rest > (size_t)(oend - op))
        goto overflow;
    memcpy(op, lit, rest);
    op += rest;
    z->pos = op - base;
    return 0;

overflow:
    if (small_cap) {
        z->err = "zstd: output buffer too small";
        return -ENOSPC;
    }
    return zstd_fail(z, "zstd: block decodes to more than 128 KiB");
}
