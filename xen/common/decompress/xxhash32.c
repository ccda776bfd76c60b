/* SPDX-License-Identifier: GPL-2.0-only */
/* xxHash32 as specified in the xxHash spec (doc/xxhash_spec.md), used by the lz4 frame format. */
#include <xen/unaligned.h>
#include <xen/xxhash.h>

#define P32_1 2654435761U
#define P32_2 2246822519U
#define P32_3 3266489917U
#define P32_4 668265263U
#define P32_5 374761393U

static inline uint32_t rotl32(uint32_t x, unsigned int r) { return (x << r) | (x >> (32 - r)); }

static inline uint32_t round32(uint32_t acc, uint32_t lane)
{
    return rotl32(acc + lane * P32_2, 13) * P32_1;
}

uint32_t xxh32(const void *data, size_t len, uint32_t seed)
{
    const uint8_t *p = data, *end = p + len;
    uint32_t h;

    if (len >= 16) {
        uint32_t v1 = seed + P32_1 + P32_2, v2 = seed + P32_2, v3 = seed, v4 = seed - P32_1;
        for (; end - p >= 16; p += 16) {
            v1 = round32(v1, get_le32(p));
            v2 = round32(v2, get_le32(p + 4));
            v3 = round32(v3, get_le32(p + 8));
            v4 = round32(v4, get_le32(p + 12));
        }
        h = rotl32(v1, 1) + rotl32(v2, 7) + rotl32(v3, 12) + rotl32(v4, 18);
    } else {
        h = seed + P32_5;
    }
    h += (uint32_t)len;
    for (; end - p >= 4; p += 4)
        h = rotl32(h + get_le32(p) * P32_3, 17) * P32_4;
    for (; p < end; p++)
        h = rotl32(h + *p * P32_5, 11) * P32_1;
    h ^= h >> 15;
    h *= P32_2;
    h ^= h >> 13;
    h *= P32_3;
    h ^= h >> 16;
    return h;
}
