/* SPDX-License-Identifier: GPL-2.0-only */
/* One boot-time domain crashes; the other carries on to its verdict, and the machine then stops. */
#include "guest.h"

const char test_title[] = "boot-time domains: a crash of one leaves the others running";

#define SURVIVE_NS 300000000ull         /* well after the crasher is gone */

void test_main(void)
{
    char role[12];

    if (!cmdline_get("role", role, sizeof(role))) {
        test_error("no role= on the command line");
        return;
    }
    if (!strcmp(role, "crasher")) {
        printf("crasher: stopping with SHUTDOWN_crash\n");
        shutdown(SHUTDOWN_crash);
    }
    uint64_t end = pvclock_now() + SURVIVE_NS;
    while (pvclock_now() < end)
        hc_sched_op(SCHEDOP_yield, NULL);
    printf("survivor: still running %lu ms later\n", (unsigned long)(SURVIVE_NS / 1000000));
}
