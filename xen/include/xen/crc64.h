/* SPDX-License-Identifier: GPL-2.0-only */
/* CRC-64 (ECMA-182 polynomial, reflected, as xz uses it). */
#ifndef XEN_CRC64_H
#define XEN_CRC64_H

#include <xen/types.h>

/* Continue @crc over @buf; start with 0. crc64(0, "123456789", 9) == 0x995dc9bbdf1939fa. */
uint64_t crc64(uint64_t crc, const void *buf, size_t len);

#endif
