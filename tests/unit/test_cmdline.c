/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/cmdline.c xen/common/strtoull.c */
/* Command-line parsing against a private option table: every type, negation, quoting, bad input. */
#include <string.h>
#include <test.h>
#include <xen/errno.h>
#include <xen/param.h>

static bool flag, other = true;
static uint32_t count = 7;
static uint8_t small;
static uint64_t mem = 99;
static char name[8] = "dflt";
static char mode[8] = "slow";

static int parse_mode(const char *s)
{
    if (strcmp(s, "fast") && strcmp(s, "slow"))
        return -EINVAL;
    strcpy(mode, s);
    return 0;
}

static const struct kernel_param table[] = {
    { .name = "flag", .type = PARAM_BOOL, .len = sizeof(flag), .par.var = &flag },
    { .name = "other", .type = PARAM_BOOL, .len = sizeof(other), .par.var = &other },
    { .name = "count", .type = PARAM_UINT, .len = sizeof(count), .par.var = &count },
    { .name = "small", .type = PARAM_UINT, .len = sizeof(small), .par.var = &small },
    { .name = "mem", .type = PARAM_SIZE, .len = sizeof(mem), .par.var = &mem },
    { .name = "name", .type = PARAM_STRING, .len = sizeof(name), .par.var = name },
    { .name = "mode", .type = PARAM_CUSTOM, .par.func = parse_mode },
};

static void parse(const char *s)
{
    test_log_clear();
    cmdline_parse(s, table, table + ARRAY_SIZE(table));
}

static void test_good_values(void)
{
    parse("flag count=42 small=0x10 mem=512M name=abc mode=fast");
    CHECK_STR(test_log(), "");
    CHECK(flag);
    CHECK_EQ(count, 42);
    CHECK_EQ(small, 16);
    CHECK_EQ(mem, 512ULL << 20);
    CHECK_STR(name, "abc");
    CHECK_STR(mode, "fast");
    parse("  \tcount=010\t mem=1G  ");              /* leading zero: octal, as Xen */
    CHECK_EQ(count, 8);
    CHECK_EQ(mem, 1ULL << 30);
    parse("mem=1024");                              /* no unit: KiB */
    CHECK_EQ(mem, 1ULL << 20);
    parse("mem=4k");
    CHECK_EQ(mem, 4096);
    parse("");
    parse(NULL);
    CHECK_STR(test_log(), "");
}

static void test_booleans(void)
{
    flag = true;
    parse("no-flag");
    CHECK(!flag);
    parse("flag=on");
    CHECK(flag);
    parse("noflag");
    CHECK(!flag);
    parse("flag=yes other=0");
    CHECK(flag);
    CHECK(!other);
    parse("no-other=1");                            /* a value after no- is not a negation */
    CHECK_LOG("unknown option 'no-other' ignored");
    parse("flag=maybe");
    CHECK(flag);
    CHECK_LOG("bad value 'maybe' for option 'flag', default kept");
}

static void test_bad_numbers(void)
{
    count = 5;
    parse("count=");
    CHECK_LOG("bad value '' for option 'count'");
    parse("count");
    CHECK_LOG("bad value '' for option 'count'");
    parse("count=12abc");
    CHECK_LOG("bad value '12abc' for option 'count', default kept");
    CHECK_EQ(count, 5);
    mem = 77;
    parse("mem=2Q");
    CHECK_LOG("bad value '2Q' for option 'mem', default kept");
    CHECK_EQ(mem, 77);
    parse("no-count");                              /* only booleans negate */
    CHECK_LOG("unknown option 'no-count' ignored");
}

static void test_strings_and_quotes(void)
{
    parse("name=abcdefghij");
    CHECK_STR(name, "abcdefg");
    CHECK_LOG("value of 'name' truncated to 7 characters");
    parse("name=\"a b\" flag");
    CHECK_STR(name, "a b");
    parse("name");
    CHECK_LOG("bad value '' for option 'name'");
    CHECK_STR(name, "a b");
}

static void test_custom_and_unknown(void)
{
    strcpy(mode, "slow");
    parse("mode=bogus");
    CHECK_LOG("bad value 'bogus' for option 'mode', default kept");
    CHECK_STR(mode, "slow");
    parse("frobnicate=1 count=3");
    CHECK_LOG("unknown option 'frobnicate' ignored");
    CHECK_EQ(count, 3);
}

static void test_overlong_token(void)
{
    char line[400];
    memset(line, 'x', 300);
    strcpy(line + 300, " count=9");
    parse(line);
    CHECK_LOG("longer than 255 characters ignored");
    CHECK_EQ(count, 9);                             /* the next option still counts */
}

static void test_helpers(void)
{
    const char *end;
    CHECK_EQ(parse_size_and_unit("3T", &end), 3ULL << 40);
    CHECK_EQ(*end, '\0');
    CHECK_EQ(parse_size_and_unit("100b", NULL), 100);
    CHECK_EQ(parse_bool("enable", NULL), 1);
    CHECK_EQ(parse_bool("off", NULL), 0);
    CHECK_EQ(parse_bool("nope", NULL), -1);
    const char *s = "true,more";
    CHECK_EQ(parse_bool(s, s + 4), 1);
}

int main(void)
{
    test_good_values();
    test_booleans();
    test_bad_numbers();
    test_strings_and_quotes();
    test_custom_and_unknown();
    test_overlong_token();
    test_helpers();
    return test_done();
}
