/* SPDX-License-Identifier: GPL-2.0-only */
/* Runs the boot self-tests named on the command line, lowest order first (debug builds only). */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/selftest.h>

extern const struct selftest __selftest_start[], __selftest_end[];

static char opt_selftest[128];
string_param("selftest", opt_selftest);

static bool wanted(const char *name)
{
    if (!strcmp(opt_selftest, "all"))
        return strcmp(name, "fault") != 0;      /* "fault" kills the boot: only when named */
    size_t n = strlen(name);
    for (const char *p = opt_selftest; (p = strstr(p, name)); p += n)
        if ((p == opt_selftest || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
            return true;
    return false;
}

void selftests_run(void)
{
    if (!opt_selftest[0])
        return;
    for (int order = 0; order <= 100; order++)
        for (const struct selftest *t = __selftest_start; t < __selftest_end; t++)
            if (t->order == order && wanted(t->name)) {
                printk("SELFTEST %s start\n", t->name);
                t->fn();
            }
    for (const char *p = opt_selftest; *p;) {   /* name unknown tests, so a typo cannot pass */
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        bool known = !strncmp(p, "all", n) && n == 3;
        for (const struct selftest *t = __selftest_start; !known && t < __selftest_end; t++)
            known = strlen(t->name) == n && !strncmp(t->name, p, n);
        if (!known)
            printk("SELFTEST %.*s FAIL: no such self-test in this build\n", (int)n, p);
        p += n + (e ? 1 : 0);
    }
}
