/* SPDX-License-Identifier: GPL-2.0-only */
/* Single-call decompressors for kernel and initrd images: gzip, xz, lz4, zstd. */
#ifndef XEN_DECOMPRESS_H
#define XEN_DECOMPRESS_H

#include <xen/types.h>

/*
 * Decode @in (@in_len bytes) into @out (capacity @out_cap). On success returns 0 and sets *@out_len.
 * On failure returns -EINVAL (corrupt), -ENOSPC (output would exceed @out_cap), -ENOMEM, or -EOPNOTSUPP,
 * and sets *@err to a one-line reason such as "xz: CRC32 mismatch in block 0". Never reads past
 * @in+@in_len, never writes past @out+@out_cap, never loops forever on any input.
 */
int gunzip(const void *in, size_t in_len, void *out, size_t out_cap, size_t *out_len,
           const char **err);
int unxz(const void *in, size_t in_len, void *out, size_t out_cap, size_t *out_len,
         const char **err);
int unlz4(const void *in, size_t in_len, void *out, size_t out_cap, size_t *out_len,
          const char **err);
int unzstd(const void *in, size_t in_len, void *out, size_t out_cap, size_t *out_len,
           const char **err);

/* By magic: gzip 1f 8b, xz fd 37 7a 58 5a 00, lz4 frame 04 22 4d 18 (and the legacy Linux lz4
 * format 02 21 4c 18), zstd 28 b5 2f fd. */
int decompress(const void *in, size_t in_len, void *out, size_t out_cap, size_t *out_len,
               const char **err);
const char *decompress_format(const void *in, size_t in_len); /* "gzip"/"xz"/"lz4"/"zstd" or NULL */

#endif
