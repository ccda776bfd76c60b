/* SPDX-License-Identifier: GPL-2.0-only */
/* Raw DEFLATE (RFC 1951) decoder, shared by the gzip container. */
#ifndef DECOMPRESS_INFLATE_H
#define DECOMPRESS_INFLATE_H

#include <xen/types.h>

/*
 * Decode the DEFLATE stream at @in into @out. On success returns 0 with *@in_used the bytes up to
 * and including the one holding the final block's last bit, and *@out_len the bytes produced.
 * Errors as for decompress(): -EINVAL, -ENOSPC, -ENOMEM with *@err set.
 */
int inflate(const uint8_t *in, size_t in_len, size_t *in_used, uint8_t *out, size_t out_cap,
            size_t *out_len, const char **err);

#endif
