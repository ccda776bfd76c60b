/* SPDX-License-Identifier: GPL-2.0-only */
/* xxHash64 as specified in the xxHash spec (doc/xxhash_spec.md), used by zstd's content checksum. */
#include <xen/unaligned.h>
#include <xen/xxhash.h>

#define P64_1 11400714785074694791ULL
#define P64_2 14029467366897019727ULL
#define P64_3 1609587929392839161ULL
#define P64_4 9650029242287828579ULL
#define P64_5 2870177450012600261ULL

static inline uint64_t rotl64(uint64_t x, unsigned int r) { return (x << r) | (x >> (64 - r)); }

static inline uint64_t round64(uint64_t acc, uint64_t lane)
{
    return rotl64(acc + lane * P64_2, 31) * P64_1;
}

static inline uint64_t merge64(uint64_t h, uint64_t v)
{
    return (h ^ round64(0, v)) * P64_1 + P64_4;
}

uint64_t xxh64(const void *data, size_t len, uint64_t seed)
{
    const uint8_t *p = data, *end = p + len;
    uint64_t h;

    if (len >= 32) {
        uint64_t v1 = seed + P64_1 + P64_2, v2 = seed + P64_2, v3 = seed, v4 = seed - P64_1;
        for (; end - p >= 32; p += 32) {
            v1 = round64(v1, get_le64(p));
            v2 = round64(v2, get_le64(p + 8));
            v3 = round64(v3, get_le64(p + 16));
            v4 = round64(v4, get_le64(p + 24));
        }
        h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
        h = merge64(merge64(merge64(merge64(h, v1), v2), v3), v4);
    } else {
        h = seed + P64_5;
    }
    h += len;
    for (; end - p >= 8; p += 8)
        h = rotl64(h ^ round64(0, get_le64(p)), 27) * P64_1 + P64_4;
    if (end - p >= 4) {
        h = rotl64(h ^ get_le32(p) * P64_1, 23) * P64_2 + P64_3;
        p += 4;
    }
    for (; p < end; p++)
        h = rotl64(h ^ *p * P64_5, 11) * P64_1;
    h ^= h >> 33;
    h *= P64_2;
    h ^= h >> 29;
    h *= P64_3;
    h ^= h >> 32;
    return h;
}
