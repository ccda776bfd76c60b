/* SPDX-License-Identifier: GPL-2.0-only */
/* gzip container (RFC 1952): header fields, then DEFLATE, then the CRC32 and length trailer. */
#include <xen/crc32.h>
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/string.h>
#include "inflate.h"

#define GZ_FTEXT    0x01
#define GZ_FHCRC    0x02
#define GZ_FEXTRA   0x04
#define GZ_FNAME    0x08
#define GZ_FCOMMENT 0x10
#define GZ_FRESERVED 0xe0
#define GZ_HEADER   10
#define GZ_TRAILER  8
#define GZ_DEFLATE  8

static uint32_t le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Skip a NUL-terminated header string; false if it runs off the input. */
static bool skip_string(const uint8_t *in, size_t in_len, size_t *pos)
{
    for (size_t i = *pos; i < in_len; i++)
        if (!in[i]) {
            *pos = i + 1;
            return true;
        }
    return false;
}

static int bad(const char **err, const char *why)
{
    *err = why;
    return -EINVAL;
}

/*
 * Decodes the first gzip member only. Whatever follows its trailer is ignored: a bzImage payload
 * carries its 4-byte uncompressed size there, which is not a second member.
 */
int gunzip(const void *in, size_t in_len, void *out, size_t out_cap, size_t *out_len, const char **err)
{
    const uint8_t *p = in;
    size_t pos = GZ_HEADER, used;
    uint8_t flags;
    int rc;

    *out_len = 0;
    if (in_len < GZ_HEADER)
        return bad(err, "gzip: header is truncated");
    if (p[0] != 0x1f || p[1] != 0x8b)
        return bad(err, "gzip: bad magic (not a gzip stream)");
    if (p[2] != GZ_DEFLATE)
        return bad(err, "gzip: compression method is not deflate");
    flags = p[3];
    if (flags & GZ_FRESERVED)
        return bad(err, "gzip: reserved header flags are set");

    if (flags & GZ_FEXTRA) {
        size_t xlen;

        if (in_len - pos < 2)
            return bad(err, "gzip: extra field is truncated");
        xlen = p[pos] | p[pos + 1] << 8;
        if (in_len - pos - 2 < xlen)
            return bad(err, "gzip: extra field is truncated");
        pos += 2 + xlen;
    }
    if ((flags & GZ_FNAME) && !skip_string(p, in_len, &pos))
        return bad(err, "gzip: file name runs past the end of the input");
    if ((flags & GZ_FCOMMENT) && !skip_string(p, in_len, &pos))
        return bad(err, "gzip: comment runs past the end of the input");
    if (flags & GZ_FHCRC) {
        if (in_len - pos < 2)
            return bad(err, "gzip: header CRC is truncated");
        if ((crc32(0, p, pos) & 0xffff) != (uint32_t)(p[pos] | p[pos + 1] << 8))
            return bad(err, "gzip: header CRC mismatch");
        pos += 2;
    }

    rc = inflate(p + pos, in_len - pos, &used, out, out_cap, out_len, err);
    if (rc)
        return rc;
    pos += used;
    if (in_len - pos < GZ_TRAILER)
        return bad(err, "gzip: trailer (CRC32 and length) is truncated");
    if (crc32(0, out, *out_len) != le32(p + pos))
        return bad(err, "gzip: CRC32 mismatch (data corrupt)");
    if ((uint32_t)*out_len != le32(p + pos + 4))
        return bad(err, "gzip: length in trailer does not match the data");
    return 0;
}
