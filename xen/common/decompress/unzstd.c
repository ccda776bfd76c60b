/* SPDX-License-Identifier: GPL-2.0-only */
/* zstd decoder (RFC 8878), single call: frames, skippable frames, blocks and the xxHash64 content checksum. */
#include <xen/decompress.h>
#include <xen/mm.h>
#include <xen/xxhash.h>
#include "zstd.h"

#define ZSTD_MAGIC 0xFD2FB528U
#define ZSTD_SKIP_MAGIC 0x184D2A50U /* low nibble free: 16 skippable magics */

/* Frame header (RFC 8878 3.1.1.1); returns its length in *@used and the content size, if given. */
static int frame_header(struct zstd *z, const uint8_t *in, size_t len, size_t *used, bool *has_size,
                        uint64_t *size, bool *checksum)
{
    static const uint8_t did_len[4] = {0, 1, 2, 4}, fcs_len[4] = {0, 2, 4, 8};

    if (len < 5)
        return zstd_fail(z, "zstd: frame header truncated");
    unsigned int fhd = in[4];
    bool single = fhd & 0x20;
    size_t dl = did_len[fhd & 3], fl = fcs_len[fhd >> 6];
    if (single && !fl)
        fl = 1;
    if (fhd & 0x08)
        return zstd_fail(z, "zstd: reserved bit set in the frame header");
    size_t pos = 5;
    if (len < pos + !single + dl + fl)
        return zstd_fail(z, "zstd: frame header truncated");
    if (!single) {
        unsigned int wd = in[pos++], wlog = 10 + (wd >> 3);
        if (wlog > 41)
            return zstd_fail(z, "zstd: window size out of range");
        z->window = (1ULL << wlog) + ((1ULL << wlog) >> 3) * (wd & 7);
    }
    uint32_t dict = 0;
    for (size_t i = 0; i < dl; i++)
        dict |= (uint32_t)in[pos++] << (8 * i);
    if (dict) {
        z->err = "zstd: frame needs a dictionary (dictionaries are not supported)";
        return -EOPNOTSUPP;
    }
    *size = 0;
    for (size_t i = 0; i < fl; i++)
        *size |= (uint64_t)in[pos++] << (8 * i);
    if (fl == 2)
        *size += 256;
    *has_size = fl != 0;
    if (single)
        z->window = *size;
    *checksum = fhd & 0x04;
    *used = pos;
    return 0;
}

/* A compressed block: literals, then sequences executed into the output. */
static int compressed_block(struct zstd *z, const uint8_t *src, size_t len)
{
    size_t used;
    int rc = zstd_literals(z, src, len, &used);
    return rc ? rc : zstd_sequences(z, src + used, len - used);
}

static int frame(struct zstd *z, const uint8_t *in, size_t len, size_t *used)
{
    bool has_size, checksum;
    uint64_t size;
    size_t pos;
    int rc = frame_header(z, in, len, &pos, &has_size, &size, &checksum);
    if (rc)
        return rc;
    if (has_size && size > z->cap - z->pos) {
        z->err = "zstd: output buffer too small for the frame's content size";
        return -ENOSPC;
    }

    /* Nothing carries over from an earlier frame. */
    z->frame_start = z->pos;
    z->rep[0] = 1, z->rep[1] = 4, z->rep[2] = 8;
    z->huf_valid = z->ll.valid = z->of.valid = z->ml.valid = false;

    for (bool last = false; !last;) {
        if (len - pos < 3)
            return zstd_fail(z, "zstd: block header truncated");
        uint32_t bh = in[pos] | (in[pos + 1] << 8) | ((uint32_t)in[pos + 2] << 16);
        size_t bsize = bh >> 3, room = z->cap - z->pos;
        unsigned int type = (bh >> 1) & 3;
        last = bh & 1;
        pos += 3;
        if (type == 3)
            return zstd_fail(z, "zstd: reserved block type");
        if (bsize > ZSTD_BLOCK_MAX)
            return zstd_fail(z, "zstd: block larger than 128 KiB");
        if (len - pos < (type == 1 ? 1 : bsize))
            return zstd_fail(z, "zstd: block truncated");
        if (type == 2) {
            rc = compressed_block(z, in + pos, bsize);
            if (rc)
                return rc;
            pos += bsize;
            continue;
        }
        if (bsize > room) {
            z->err = "zstd: output buffer too small";
            return -ENOSPC;
        }
        if (type == 0) {
            memcpy(z->out + z->pos, in + pos, bsize);
            pos += bsize;
        } else {
            memset(z->out + z->pos, in[pos], bsize);
            pos += 1;
        }
        z->pos += bsize;
    }

    size_t produced = z->pos - z->frame_start;
    if (has_size && produced != size)
        return zstd_fail(z, "zstd: frame content size does not match the decoded data");
    if (checksum) {
        if (len - pos < 4)
            return zstd_fail(z, "zstd: content checksum truncated");
        if ((uint32_t)xxh64(z->out + z->frame_start, produced, 0) != get_le32(in + pos))
            return zstd_fail(z, "zstd: content checksum mismatch");
        pos += 4;
    }
    *used = pos;
    return 0;
}

/*
 * Frames and skippable frames may be concatenated. Bytes after the last frame that start no frame are
 * ignored: Linux appends the 4-byte uncompressed size to a compressed kernel.
 */
int unzstd(const void *in, size_t in_len, void *out, size_t out_cap, size_t *out_len,
           const char **err)
{
    const uint8_t *p = in;
    size_t pos = 0;
    bool any = false;
    int rc = 0;

    *err = NULL;
    *out_len = 0;
    struct zstd *z = xmalloc_bytes(sizeof(*z));
    if (!z) {
        *err = "zstd: out of memory for the decoder state";
        return -ENOMEM;
    }
    z->out = out;
    z->cap = out_cap;
    z->pos = 0;
    z->err = NULL;
    while (in_len - pos >= 4) {
        uint32_t magic = get_le32(p + pos);
        size_t used;
        if (magic == ZSTD_MAGIC) {
            rc = frame(z, p + pos, in_len - pos, &used);
            if (rc)
                break;
        } else if ((magic & ~0xfU) == ZSTD_SKIP_MAGIC) {
            if (in_len - pos < 8 || get_le32(p + pos + 4) > in_len - pos - 8) {
                rc = zstd_fail(z, "zstd: skippable frame truncated");
                break;
            }
            used = 8 + get_le32(p + pos + 4);
        } else {
            break;
        }
        pos += used;
        any = true;
    }
    if (!rc && !any)
        rc = zstd_fail(z, "zstd: no zstd frame magic");
    *err = z->err;
    if (!rc)
        *out_len = z->pos;
    xfree(z);
    return rc;
}
