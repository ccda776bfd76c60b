/* SPDX-License-Identifier: GPL-2.0-only */
/* CRC-64 (ECMA-182, reflected, the xz check), slicing by 8 with tables built on first use. */
#include <xen/crc64.h>

#define CRC64_POLY 0xc96c5795d7870f42ull /* 0x42f0e1eba9ea3693 bit-reversed */

static uint64_t table[8][256];
static bool table_ready;

static void crc64_init(void)
{
    for (unsigned int i = 0; i < 256; i++) {
        uint64_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (CRC64_POLY & -(c & 1));
        table[0][i] = c;
    }
    for (unsigned int i = 0; i < 256; i++)
        for (int t = 1; t < 8; t++)
            table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xff];
    table_ready = true; /* racing CPUs would only write the same values */
}

uint64_t crc64(uint64_t crc, const void *buf, size_t len)
{
    const uint8_t *p = buf;

    if (!table_ready)
        crc64_init();
    crc = ~crc;
    for (; len && ((uintptr_t)p & 7); len--)
        crc = (crc >> 8) ^ table[0][(crc ^ *p++) & 0xff];
    for (; len >= 8; len -= 8, p += 8) {
        uint64_t v = crc;
        for (int i = 0; i < 8; i++)
            v ^= (uint64_t)p[i] << (8 * i);
        crc = table[7][v & 0xff] ^ table[6][(v >> 8) & 0xff] ^ table[5][(v >> 16) & 0xff] ^
              table[4][(v >> 24) & 0xff] ^ table[3][(v >> 32) & 0xff] ^ table[2][(v >> 40) & 0xff] ^
              table[1][(v >> 48) & 0xff] ^ table[0][v >> 56];
    }
    while (len--)
        crc = (crc >> 8) ^ table[0][(crc ^ *p++) & 0xff];
    return ~crc;
}
