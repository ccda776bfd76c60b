/* SPDX-License-Identifier: GPL-2.0-only */
/* LZ4 decoder: block format, frame format (xxHash32 checks) and the legacy format Linux kernels use. */
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/string.h>
#include <xen/unaligned.h>
#include <xen/xxhash.h>
#include "lz_copy.h"

#define LZ4_FRAME_MAGIC 0x184D2204U
#define LZ4_LEGACY_MAGIC 0x184C2102U
#define LZ4_SKIP_MAGIC 0x184D2A50U /* low nibble free: 16 skippable magics */
#define LZ4_LEGACY_BLOCK (8U << 20)
#define LZ4_BOUND(n) ((n) + (n) / 255 + 16) /* worst-case compressed size of n bytes */
#define LZ4_MIN_MATCH 4

struct lz4_out {
    uint8_t *buf;
    size_t cap;
    size_t pos;
};

/* A length nibble of 15 continues in bytes of 255 until a smaller byte. */
static inline bool lz4_ext_len(const uint8_t **ip, const uint8_t *iend, size_t *len)
{
    unsigned int b;
    do {
        if (*ip >= iend)
            return false;
        b = *(*ip)++;
        *len += b;
    } while (b == 255);
    return true;
}

/*
 * Decode one block of @src_len bytes into @o at o->pos, writing at most up to @limit (an absolute
 * position no greater than o->cap). Matches may reach back to position @hist, no further.
 */
static int lz4_block(const uint8_t *src, size_t src_len, struct lz4_out *o, size_t limit,
                     size_t hist, const char **err)
{
    const uint8_t *ip = src, *iend = src + src_len;
    uint8_t *base = o->buf, *op = base + o->pos, *oend = base + limit;
    int over = limit < o->cap ? -EINVAL : -ENOSPC; /* past the block maximum is corruption */

    for (;;) {
        if (ip >= iend)
            goto corrupt;
        unsigned int token = *ip++;
        size_t lit = token >> 4;

        /* Short literals and matches: fixed 16-byte copies while both buffers have room. */
        if (lit != 15 && iend - ip >= 16 && oend - op >= 16) {
            __builtin_memcpy(op, ip, 16);
        } else {
            if (lit == 15 && !lz4_ext_len(&ip, iend, &lit))
                goto corrupt;
            if (lit > (size_t)(iend - ip))
                goto corrupt;
            if (lit > (size_t)(oend - op))
                goto overflow;
            memcpy(op, ip, lit);
        }
        ip += lit;
        op += lit;
        if (ip == iend)
            break; /* the last sequence has no match */

        if (iend - ip < 2)
            goto corrupt;
        size_t off = get_le16(ip);
        ip += 2;
        if (off == 0 || off > (size_t)(op - base) - hist) {
            *err = "lz4: match offset points before the start of the data";
            return -EINVAL;
        }
        size_t mlen = token & 15;
        if (mlen == 15 && !lz4_ext_len(&ip, iend, &mlen))
            goto corrupt;
        mlen += LZ4_MIN_MATCH;
        if (mlen > (size_t)(oend - op))
            goto overflow;

        lz_copy_match(op, off, mlen, (size_t)(oend - op) >= mlen + 16);
        op += mlen;
    }
    o->pos = op - base;
    return 0;

corrupt:
    *err = "lz4: corrupt block (a length runs past the end of the block)";
    return -EINVAL;
overflow:
    *err = over == -ENOSPC ? "lz4: output buffer too small"
                           : "lz4: block decodes to more than its maximum size";
    return over;
}

/* One frame starting at @in (after its magic was checked); returns the bytes it used in *@used. */
static int lz4_frame(const uint8_t *in, size_t len, struct lz4_out *o, size_t *used,
                     const char **err)
{
    if (len < 7)
        goto truncated;
    unsigned int flg = in[4], bd = in[5];
    if ((flg >> 6) != 1) {
        *err = "lz4: unsupported frame version";
        return -EINVAL;
    }
    if ((flg & 0x02) || (bd & 0x8f) || ((bd >> 4) & 7) < 4) {
        *err = "lz4: reserved bits set in the frame descriptor";
        return -EINVAL;
    }
    bool indep = flg & 0x20, block_sum = flg & 0x10, has_size = flg & 0x08;
    bool content_sum = flg & 0x04, dict = flg & 0x01;
    size_t block_max = (size_t)1 << (2 * ((bd >> 4) & 7) + 8);
    size_t desc_len = 2 + (has_size ? 8 : 0) + (dict ? 4 : 0);
    if (len < 4 + desc_len + 1)
        goto truncated;
    if (((xxh32(in + 4, desc_len, 0) >> 8) & 0xff) != in[4 + desc_len]) {
        *err = "lz4: frame descriptor checksum mismatch";
        return -EINVAL;
    }
    if (dict) {
        *err = "lz4: frames that need a dictionary are not supported";
        return -EOPNOTSUPP;
    }
    uint64_t content_size = has_size ? get_le64(in + 6) : 0;
    size_t start = o->pos;
    if (has_size && content_size > o->cap - start) {
        *err = "lz4: output buffer too small for the frame's content size";
        return -ENOSPC;
    }

    size_t pos = 4 + desc_len + 1;
    for (;;) {
        if (len - pos < 4)
            goto truncated;
        uint32_t word = get_le32(in + pos);
        pos += 4;
        if (word == 0)
            break; /* EndMark */
        size_t bsize = word & 0x7fffffffU;
        if (bsize > block_max) {
            *err = "lz4: block larger than the frame's maximum block size";
            return -EINVAL;
        }
        if (len - pos < bsize + (block_sum ? 4 : 0))
            goto truncated;
        const uint8_t *blk = in + pos;
        pos += bsize;
        if (block_sum) {
            if (xxh32(blk, bsize, 0) != get_le32(in + pos)) {
                *err = "lz4: block checksum mismatch";
                return -EINVAL;
            }
            pos += 4;
        }
        if (word & 0x80000000U) { /* stored uncompressed */
            if (bsize > o->cap - o->pos) {
                *err = "lz4: output buffer too small";
                return -ENOSPC;
            }
            memcpy(o->buf + o->pos, blk, bsize);
            o->pos += bsize;
            continue;
        }
        size_t limit = o->cap - o->pos > block_max ? o->pos + block_max : o->cap;
        int rc = lz4_block(blk, bsize, o, limit, indep ? o->pos : start, err);
        if (rc)
            return rc;
    }
    if (content_sum) {
        if (len - pos < 4)
            goto truncated;
        if (xxh32(o->buf + start, o->pos - start, 0) != get_le32(in + pos)) {
            *err = "lz4: content checksum mismatch";
            return -EINVAL;
        }
        pos += 4;
    }
    if (has_size && content_size != o->pos - start) {
        *err = "lz4: frame content size does not match the decoded data";
        return -EINVAL;
    }
    *used = pos;
    return 0;

truncated:
    *err = "lz4: frame truncated";
    return -EINVAL;
}

/*
 * The legacy format: a magic, then blocks of at most 8 MiB output, each after its 4-byte compressed
 * size, all independent, no checksums. The end follows Linux's lib/decompress_unlz4.c: fewer than 4
 * bytes left, or a zero size word, ends the stream, and a repeated magic is skipped. Linux's boot
 * wrapper drops the 4-byte uncompressed size that kbuild appends; we are given it, so 4 bytes left
 * alone are that trailer and must equal the output size (otherwise the stream was cut short after a
 * size word). A word too large to be a block size is trailing data, not part of the stream.
 */
static int lz4_legacy(const uint8_t *in, size_t len, struct lz4_out *o, const char **err)
{
    size_t pos = 4;
    for (;;) {
        size_t rem = len - pos;
        if (rem < 4)
            return 0;
        uint32_t word = get_le32(in + pos);
        if (word == LZ4_LEGACY_MAGIC) {
            pos += 4;
            continue;
        }
        if (word == 0)
            return 0;
        if (rem == 4) {
            if (word != (uint32_t)o->pos) {
                *err = "lz4: legacy stream truncated (last word is not the output size)";
                return -EINVAL;
            }
            return 0;
        }
        if (word > LZ4_BOUND(LZ4_LEGACY_BLOCK))
            return 0;
        if (word > rem - 4) {
            *err = "lz4: legacy block truncated";
            return -EINVAL;
        }
        size_t limit = o->cap - o->pos > LZ4_LEGACY_BLOCK ? o->pos + LZ4_LEGACY_BLOCK : o->cap;
        int rc = lz4_block(in + pos + 4, word, o, limit, o->pos, err);
        if (rc)
            return rc;
        pos += 4 + word;
    }
}

int unlz4(const void *in, size_t in_len, void *out, size_t out_cap, size_t *out_len,
          const char **err)
{
    const uint8_t *p = in;
    struct lz4_out o = {.buf = out, .cap = out_cap, .pos = 0};
    size_t pos = 0;
    bool any = false;

    *err = NULL;
    *out_len = 0;
    /* Frames may be concatenated; bytes after the last one that start no frame are ignored. */
    while (in_len - pos >= 4) {
        uint32_t magic = get_le32(p + pos);
        size_t used;
        int rc;
        if (magic == LZ4_FRAME_MAGIC) {
            rc = lz4_frame(p + pos, in_len - pos, &o, &used, err);
        } else if ((magic & ~0xfU) == LZ4_SKIP_MAGIC) {
            if (in_len - pos < 8 || get_le32(p + pos + 4) > in_len - pos - 8) {
                *err = "lz4: skippable frame truncated";
                return -EINVAL;
            }
            used = 8 + get_le32(p + pos + 4);
            rc = 0;
        } else if (magic == LZ4_LEGACY_MAGIC) {
            rc = lz4_legacy(p + pos, in_len - pos, &o, err);
            used = in_len - pos; /* the legacy stream runs to the end */
        } else {
            break;
        }
        if (rc)
            return rc;
        pos += used;
        any = true;
    }
    if (!any) {
        *err = "lz4: no lz4 frame or legacy stream magic";
        return -EINVAL;
    }
    *out_len = o.pos;
    return 0;
}
