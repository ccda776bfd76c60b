/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot self-tests, chosen with selftest=all|name[,name...]; bodies live in selftest-*.c (debug builds only). */
#ifndef XEN_SELFTEST_H
#define XEN_SELFTEST_H

#include <xen/compiler.h>

/*
 * Output protocol, read by tests/boot: each test prints exactly one verdict line
 *     SELFTEST <name> PASS[: detail]     or     SELFTEST <name> FAIL: reason
 * and may print progress lines starting with "SELFTEST <name> " before it.
 * A test that never returns (e.g. "fault", which panics on purpose) runs last.
 */
struct selftest {
    const char *name;
    void (*fn)(void);
    int order;          /* lower runs first; tests that never return use 100 */
};

#define SELFTEST(nm, f, ord) \
    static const struct selftest __selftest_##f __used __aligned(8) \
        __section(".selftest") = { .name = nm, .fn = f, .order = ord }

void selftests_run(void);      /* no-op unless selftest= was given (or a release build) */

#endif
