/* SPDX-License-Identifier: GPL-2.0-only */
/* Number parsing with base detection (0x, 0 prefixes), as command lines and ACPI need. */
#include <xen/string.h>

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

unsigned long long simple_strtoull(const char *s, const char **end, unsigned int base)
{
    unsigned long long v = 0;
    if (!base) {
        base = 10;
        if (s[0] == '0') {
            base = 8;
            if ((s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16) {
                base = 16;
                s += 2;
            }
        }
    } else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
    }
    for (int d; (d = digit_value(*s)) < (int)base; s++)
        v = v * base + d;
    if (end)
        *end = s;
    return v;
}

long long simple_strtoll(const char *s, const char **end, unsigned int base)
{
    if (*s == '-')
        return -(long long)simple_strtoull(s + 1, end, base);
    return simple_strtoull(s, end, base);
}
