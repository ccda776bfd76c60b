/* SPDX-License-Identifier: GPL-2.0-only */
/* Command-line parsing: "name", "no-name", "name=value", quoted values; never fatal. */
#include <xen/lib.h>
#include <xen/param.h>

#define MAX_TOKEN 256

unsigned long long parse_size_and_unit(const char *s, const char **end)
{
    const char *p;
    unsigned long long v = simple_strtoull(s, &p, 0);
    int shift = 10;                     /* no unit means KiB */
    switch (*p) {
    case 'T': case 't': shift = 40; p++; break;
    case 'G': case 'g': shift = 30; p++; break;
    case 'M': case 'm': shift = 20; p++; break;
    case 'K': case 'k': shift = 10; p++; break;
    case 'B': case 'b': shift = 0; p++; break;
    }
    if (p == s)
        shift = 0;
    if (end)
        *end = p;
    return v << shift;
}

int parse_bool(const char *s, const char *end)
{
    static const char *const yes[] = { "1", "yes", "on", "true", "enable" };
    static const char *const no[] = { "0", "no", "off", "false", "disable" };
    size_t len = end ? (size_t)(end - s) : strlen(s);
    for (unsigned i = 0; i < ARRAY_SIZE(yes); i++) {
        if (strlen(yes[i]) == len && !strncmp(s, yes[i], len))
            return 1;
        if (strlen(no[i]) == len && !strncmp(s, no[i], len))
            return 0;
    }
    return -1;
}

static void store_uint(const struct kernel_param *p, unsigned long long v)
{
    switch (p->len) {
    case 1: *(uint8_t *)p->par.var = v; break;
    case 2: *(uint16_t *)p->par.var = v; break;
    case 4: *(uint32_t *)p->par.var = v; break;
    default: *(uint64_t *)p->par.var = v; break;
    }
}

/* Apply one option; returns false (after warning) when the value is unusable. */
static bool apply(const struct kernel_param *p, const char *val, bool negated)
{
    const char *end;
    switch (p->type) {
    case PARAM_BOOL: {
        int b = val ? parse_bool(val, NULL) : 1;
        if (b < 0)
            return false;
        *(bool *)p->par.var = negated ? !b : b;
        return true;
    }
    case PARAM_UINT:
    case PARAM_SIZE: {
        if (!val || !*val)
            return false;
        unsigned long long v = p->type == PARAM_UINT ? simple_strtoull(val, &end, 0)
                                                     : parse_size_and_unit(val, &end);
        if (*end)
            return false;                   /* trailing junk: keep the default, as the warning says */
        store_uint(p, v);
        return true;
    }
    case PARAM_STRING:
        if (!val)
            return false;
        if (strlcpy(p->par.var, val, p->len) >= p->len)
            printk(XENLOG_WARNING "cmdline: value of '%s' truncated to %u characters\n",
                   p->name, p->len - 1);
        return true;
    case PARAM_CUSTOM:
        return p->par.func(val ? val : "") == 0;
    }
    return false;
}

static void parse_one(char *tok, const struct kernel_param *start, const struct kernel_param *end)
{
    char *val = strchr(tok, '=');
    if (val)
        *val++ = '\0';

    bool found = false;
    for (const struct kernel_param *p = start; p < end; p++) {
        bool negated = false;
        if (strcmp(tok, p->name)) {
            if (p->type != PARAM_BOOL || val || strncmp(tok, "no", 2))
                continue;
            const char *base = tok[2] == '-' ? tok + 3 : tok + 2;
            if (strcmp(base, p->name))
                continue;
            negated = true;
        }
        found = true;
        if (!apply(p, val, negated))
            printk(XENLOG_WARNING "cmdline: bad value '%s' for option '%s', default kept\n",
                   val ? val : "", p->name);
    }
    if (!found)
        printk(XENLOG_WARNING "cmdline: unknown option '%s' ignored\n", tok);
}

void cmdline_parse(const char *cmdline, const struct kernel_param *start,
                   const struct kernel_param *end)
{
    char tok[MAX_TOKEN];
    const char *s = cmdline;

    while (s && *s) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        size_t n = 0;
        bool quoted = false, overlong = false;
        for (; *s && (quoted || (*s != ' ' && *s != '\t')); s++) {
            if (*s == '"') {
                quoted = !quoted;
                continue;
            }
            if (n + 1 < sizeof(tok))
                tok[n++] = *s;
            else
                overlong = true;
        }
        tok[n] = '\0';
        if (overlong) {
            printk(XENLOG_WARNING "cmdline: option '%.32s...' longer than %d characters ignored\n",
                   tok, MAX_TOKEN - 1);
            continue;
        }
        parse_one(tok, start, end);
    }
}
