/* SPDX-License-Identifier: GPL-2.0-only */
/* xxHash32 (lz4 checksums) and xxHash64 (zstd content checksum), one-shot over a buffer. */
#ifndef XEN_XXHASH_H
#define XEN_XXHASH_H

#include <xen/types.h>

uint32_t xxh32(const void *data, size_t len, uint32_t seed);
uint64_t xxh64(const void *data, size_t len, uint64_t seed);

#endif
