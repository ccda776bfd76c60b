/* SPDX-License-Identifier: GPL-2.0-only */
/* CRC-32 (IEEE 802.3, reflected, as gzip and xz use it). */
#ifndef XEN_CRC32_H
#define XEN_CRC32_H

#include <xen/types.h>

/* Continue @crc over @buf; start with 0. crc32(0, "123456789", 9) == 0xcbf43926. */
uint32_t crc32(uint32_t crc, const void *buf, size_t len);

#endif
