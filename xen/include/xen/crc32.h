/* SPDX-License-Identifier: GPL-2.0-only */
/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) as gzip, xz and zip use it. */
#ifndef XEN_CRC32_H
#define XEN_CRC32_H

#include <xen/types.h>

/*
 * Continue a CRC over @len bytes at @buf. @crc is a finished CRC (0 to start),
 * so crc32(crc32(0, a, n), b, m) == crc32(0, a||b, n + m).
 */
uint32_t crc32(uint32_t crc, const void *buf, size_t len);

#endif
