/* SPDX-License-Identifier: GPL-2.0-only */
/* Linux bzImage container (x86 boot protocol >= 2.08): find the compressed kernel payload. */
#ifndef XEN_BZIMAGE_H
#define XEN_BZIMAGE_H

#include <xen/types.h>

struct bzimage {
    const uint8_t *payload;         /* compressed ELF (gzip, xz, lz4, zstd ...) inside the image */
    size_t payload_len;             /* including the 4-byte size trailer */
    uint32_t uncompressed_size;     /* the trailer: bytes the payload decompresses to */
    uint16_t version;               /* boot protocol, e.g. 0x020f */
    char err[128];                  /* one-line reason when bzimage_parse() fails */
};

/* True if @img carries the "HdrS" setup header, i.e. should be parsed as a bzImage, not an ELF. */
bool bzimage_probe(const void *img, size_t len);

/* Locate the payload of bzImage @img (@len bytes); @name starts error lines ("kernel"). 0 or -EINVAL. */
int bzimage_parse(const char *name, const void *img, size_t len, struct bzimage *bz);

#endif
