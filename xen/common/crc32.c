/* SPDX-License-Identifier: GPL-2.0-only */
/* CRC-32 (IEEE, reflected), slicing by 8: tables built on first use so no 8 KiB literal sits in the source. */
#include <xen/crc32.h>

#define CRC32_POLY 0xedb88320u      /* 0x04c11db7 bit-reversed */

static uint32_t table[8][256];
static bool table_ready;

static void crc32_init(void)
{
    for (unsigned int i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (CRC32_POLY & -(c & 1));
        table[0][i] = c;
    }
    for (unsigned int i = 0; i < 256; i++)
        for (int t = 1; t < 8; t++)
            table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xff];
    table_ready = true;     /* racing CPUs would only write the same values */
}

uint32_t crc32(uint32_t crc, const void *buf, size_t len)
{
    const uint8_t *p = buf;

    if (!table_ready)
        crc32_init();
    crc = ~crc;
    for (; len && ((uintptr_t)p & 7); len--)
        crc = (crc >> 8) ^ table[0][(crc ^ *p++) & 0xff];
    for (; len >= 8; len -= 8, p += 8) {
        uint32_t lo = crc ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
        uint32_t hi = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
        crc = table[7][lo & 0xff] ^ table[6][(lo >> 8) & 0xff] ^ table[5][(lo >> 16) & 0xff] ^
              table[4][lo >> 24] ^ table[3][hi & 0xff] ^ table[2][(hi >> 8) & 0xff] ^
              table[1][(hi >> 16) & 0xff] ^ table[0][hi >> 24];
    }
    while (len--)
        crc = (crc >> 8) ^ table[0][(crc ^ *p++) & 0xff];
    return ~crc;
}
