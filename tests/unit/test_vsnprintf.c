/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/vsnprintf.c */
/* The hypervisor's printf formatting: conversions, flags, widths, lengths, truncation, %pS. */
#pragma GCC diagnostic ignored "-Wformat-truncation"  /* NULL %s and truncation are tested on purpose */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#include <limits.h>
#include <string.h>
#include <test.h>
#include <xen/lib.h>

/* A fake symbol table: one function at 0x1000, 0x40 bytes long. */
const char *symbol_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
    if (addr < 0x1000 || addr >= 0x1040)
        return NULL;
    *offset = addr - 0x1000;
    *size = 0x40;
    return "do_thing";
}

static char buf[256];

#define FMT(want, ...) do {                                                 \
        int n_ = snprintf(buf, sizeof(buf), __VA_ARGS__);                   \
        CHECK_STR(buf, want);                                               \
        CHECK_EQ(n_, strlen(want));                                         \
    } while (0)

static void test_integers(void)
{
    FMT("42 -42 0", "%d %i %d", 42, -42, 0);
    FMT("4294967295", "%u", UINT_MAX);
    FMT("-2147483648", "%d", INT_MIN);
    FMT("-9223372036854775808", "%ld", LONG_MIN);
    FMT("18446744073709551615", "%llu", ULLONG_MAX);
    FMT("ff FF 0xff 0XFF 377", "%x %X %#x %#X %o", 255, 255, 255, 255, 255);
    FMT("0", "%x", 0);
    FMT("ff -1 65535", "%hhx %hhd %hu", 0x1ff, 0xff, 0x1ffff);
    FMT("123 -5", "%zu %td", (size_t)123, (ptrdiff_t)-5);
}

static void test_flags_and_widths(void)
{
    FMT("[   42][42   ][00042]", "[%5d][%-5d][%05d]", 42, 42, 42);
    FMT("[+42][ 42][-0042]", "[%+d][% d][%05d]", 42, 42, -42);
    FMT("[  007][007]", "[%5.3d][%.3d]", 7, 7);
    FMT("[0x00ff]", "[%#06x]", 255);
    FMT("[    7][7    ]", "[%*d][%*d]", 5, 7, -5, 7);
    FMT("[0000000000001000]", "[%016lx]", 0x1000UL);
}

static void test_strings_and_chars(void)
{
    FMT("a hello (null)", "%c %s %s", 'a', "hello", (char *)NULL);
    FMT("[he][   hi][hi   ]", "[%.2s][%5s][%-5s]", "hello", "hi", "hi");
    FMT("[abc]", "[%.*s]", 3, "abcdef");
    FMT("100%", "100%%");
    const char *unknown = "%q";                     /* a variable: gcc would reject the literal */
    FMT("%q", unknown);                             /* unknown: shown, not swallowed */
}

static void test_pointers(void)
{
    FMT("0xffff82d080200000", "%p", (void *)0xffff82d080200000UL);
    FMT("do_thing+0x10/0x40", "%pS", (void *)0x1010);
    FMT("0x2000", "%pS", (void *)0x2000);           /* not a symbol: the address */
    FMT("at do_thing+0x0/0x40.", "at %pS.", (void *)0x1000);
}

static void test_truncation(void)
{
    memset(buf, 'z', sizeof(buf));
    CHECK_EQ(snprintf(buf, 5, "hello world"), 11);
    CHECK_STR(buf, "hell");
    CHECK_EQ(buf[5], 'z');                          /* nothing past the size */
    CHECK_EQ(snprintf(buf, 0, "%d", 12345), 5);
    CHECK_EQ(buf[0], 'h');                          /* size 0 writes nothing */
    CHECK_EQ(snprintf(buf, 1, "x"), 1);
    CHECK_STR(buf, "");
}

int main(void)
{
    test_integers();
    test_flags_and_widths();
    test_strings_and_chars();
    test_pointers();
    test_truncation();
    return test_done();
}
