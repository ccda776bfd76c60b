/* SPDX-License-Identifier: GPL-2.0-only */
/* Copying to and from guest virtual addresses: range-checked, fault-tolerant. */
#ifndef ASM_GUEST_ACCESS_H
#define ASM_GUEST_ACCESS_H

#include <xen/types.h>
#include <asm/layout.h>

/* Guest-owned virtual space: the lower half, and the upper half above the hypervisor hole. */
static inline bool guest_range_ok(unsigned long addr, size_t len)
{
    unsigned long end = addr + len;
    if (end < addr)
        return false;
    if (end <= 0x0000800000000000UL)
        return true;
    return addr >= HV_HOLE_END;
}

static inline bool is_canonical(unsigned long a)
{
    return (unsigned long)(((long)a << 16) >> 16) == a;
}

/* Both return the number of bytes NOT copied (0 on success). */
unsigned long raw_copy_to_guest(void *to, const void *from, size_t len);
unsigned long raw_copy_from_guest(void *to, const void *from, size_t len);

static inline unsigned long copy_to_guest(unsigned long gva, const void *src, size_t len)
{
    return guest_range_ok(gva, len) ? raw_copy_to_guest((void *)gva, src, len) : len;
}
static inline unsigned long copy_from_guest(void *dst, unsigned long gva, size_t len)
{
    return guest_range_ok(gva, len) ? raw_copy_from_guest(dst, (const void *)gva, len) : len;
}

#endif
