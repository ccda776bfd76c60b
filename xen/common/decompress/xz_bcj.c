/* SPDX-License-Identifier: GPL-2.0-only */
/* The x86 BCJ filter's decoder: CALL/JMP rel32 operands stored absolute by the encoder turn relative again. */
#include "xz.h"

/* An operand whose top byte is 00 or FF is a plausible near target, so the encoder converted it. */
static inline bool near_byte(uint8_t b) { return b == 0x00 || b == 0xff; }

/*
 * @mask remembers which of the three bytes before an E8/E9 opcode were themselves unconverted E8/E9
 * bytes (bit 0 = one byte back). The encoder skipped some patterns of those to avoid converting
 * opcode bytes that sit inside another operand; these tables say which patterns, and which operand
 * byte the overlap touches.
 */
static const bool mask_ok[8] = {true, true, true, false, true, false, false, false};
static const uint8_t mask_byte[8] = {0, 1, 2, 2, 3, 3, 3, 3};

/* The first E8/E9 byte in @buf[@i .. @end), or @end; eight bytes per step, most of the input has none. */
static size_t next_opcode(const uint8_t *buf, size_t i, size_t end)
{
    const uint64_t ones = 0x0101010101010101ull;

    for (; i + 8 <= end; i += 8) {
        uint64_t v;
        __builtin_memcpy(&v, buf + i, 8);
        v = (v | ones) ^ (ones * 0xe9); /* E8 and E9 bytes become zero */
        if ((v - ones) & ~v & (ones * 0x80))
            break;
    }
    for (; i < end; i++)
        if ((buf[i] & 0xfe) == 0xe8)
            break;
    return i;
}

void bcj_x86_decode(uint8_t *buf, size_t size, uint32_t start)
{
    uint32_t mask = 0;
    size_t last = (size_t)-1; /* where the previous E8/E9 was; -1: none yet */
    size_t end = size - 4;    /* an opcode needs its four operand bytes */

    if (size < 5)
        return;
    for (size_t i = next_opcode(buf, 0, end); i < end; i = next_opcode(buf, i + 1, end)) {
        size_t gap;
        uint32_t val, dest;

        gap = i - last;
        if (gap > 3) {
            mask = 0;
        } else {
            mask = (mask << (gap - 1)) & 7;
            if (mask && (!mask_ok[mask] || near_byte(buf[i + 4 - mask_byte[mask]]))) {
                last = i;
                mask = (mask << 1) | 1;
                continue;
            }
        }
        last = i;
        if (!near_byte(buf[i + 4])) {
            mask = (mask << 1) | 1;
            continue;
        }

        val = (uint32_t)buf[i + 1] | (uint32_t)buf[i + 2] << 8 | (uint32_t)buf[i + 3] << 16 |
              (uint32_t)buf[i + 4] << 24;
        for (;;) {
            unsigned int shift;
            dest = val - (start + (uint32_t)i + 5); /* relative to the next instruction */
            if (!mask)
                break;
            shift = mask_byte[mask] * 8;
            if (!near_byte((uint8_t)(dest >> (24 - shift))))
                break;
            val = dest ^ ((1u << (32 - shift)) - 1);
        }
        /* Only 25 bits survive the round trip; bit 24 is the sign. */
        dest &= 0x01ffffff;
        dest |= 0u - (dest & 0x01000000);
        buf[i + 1] = (uint8_t)dest;
        buf[i + 2] = (uint8_t)(dest >> 8);
        buf[i + 3] = (uint8_t)(dest >> 16);
        buf[i + 4] = (uint8_t)(dest >> 24);
        i += 4;
    }
}
