/* SPDX-License-Identifier: GPL-2.0-only */
/* The LZ77 match copy shared by the lz4 and zstd decoders: overlapping, fast where slack allows. */
#ifndef DECOMPRESS_LZ_COPY_H
#define DECOMPRESS_LZ_COPY_H

#include <xen/string.h>
#include <xen/types.h>

/*
 * Copy @len bytes from @dist bytes back to @op (the caller checked both ends). With @slack, at least
 * 16 bytes past op + len are ours to overwrite, so the copy may go in fixed-size chunks.
 */
static inline void lz_copy_match(uint8_t *op, size_t dist, size_t len, bool slack)
{
    uint8_t *end = op + len;

    if (dist == 1) {
        memset(op, op[-1], len);
        return;
    }
    if (!slack) {
        for (size_t i = 0; i < len; i++)
            op[i] = op[i - dist];
        return;
    }
    if (dist >= 16) {
        for (const uint8_t *m = op - dist; op < end; op += 16, m += 16)
            __builtin_memcpy(op, m, 16);
        return;
    }
    /* A short period: extend the pattern to a multiple of it that is >= 8, then copy 8 at a time. */
    size_t period = dist >= 8 ? dist : dist * ((8 + dist - 1) / dist);
    for (size_t i = 0; i < period - dist && op < end; i++, op++)
        *op = op[-(ptrdiff_t)dist];
    for (const uint8_t *m = op - period; op < end; op += 8, m += 8)
        __builtin_memcpy(op, m, 8);
}

#endif
