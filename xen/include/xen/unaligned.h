/* SPDX-License-Identifier: GPL-2.0-only */
/* Little-endian loads from unaligned addresses (x86 allows them; the builtin keeps UBSan quiet). */
#ifndef XEN_UNALIGNED_H
#define XEN_UNALIGNED_H

#include <xen/types.h>

static inline uint16_t get_le16(const void *p)
{
    uint16_t v;
    __builtin_memcpy(&v, p, sizeof(v));
    return v;
}

static inline uint32_t get_le32(const void *p)
{
    uint32_t v;
    __builtin_memcpy(&v, p, sizeof(v));
    return v;
}

static inline uint64_t get_le64(const void *p)
{
    uint64_t v;
    __builtin_memcpy(&v, p, sizeof(v));
    return v;
}

#endif
