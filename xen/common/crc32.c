/* SPDX-License-Identifier: GPL-2.0-only */
/* CRC-32 (IEEE, reflected) with a byte table the compiler computes, so no init call is needed. */
#include <xen/crc32.h>

#define CRC32_POLY 0xEDB88320u

/* One bit of the reflected shift register; eight of them give a byte's table entry. */
#define CRC_BIT(c)  (((c) >> 1) ^ ((0u - ((c) & 1u)) & CRC32_POLY))
#define CRC_BYTE(c) CRC_BIT(CRC_BIT(CRC_BIT(CRC_BIT(CRC_BIT(CRC_BIT(CRC_BIT(CRC_BIT(c))))))))

#define ROW4(n)  CRC_BYTE((n) + 0u), CRC_BYTE((n) + 1u), CRC_BYTE((n) + 2u), CRC_BYTE((n) + 3u)
#define ROW16(n) ROW4(n), ROW4((n) + 4u), ROW4((n) + 8u), ROW4((n) + 12u)
#define ROW64(n) ROW16(n), ROW16((n) + 16u), ROW16((n) + 32u), ROW16((n) + 48u)

static const uint32_t crc_table[256] = { ROW64(0u), ROW64(64u), ROW64(128u), ROW64(192u) };

uint32_t crc32(uint32_t crc, const void *buf, size_t len)
{
    const uint8_t *p = buf;

    crc = ~crc;
    while (len--)
        crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}
