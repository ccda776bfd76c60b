/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0 builds an unprivileged PV domain the way a toolstack does (createdomain, populate_physmap,
 * foreign mappings, a pinned L4, setvcpucontext), runs it, reads its verdict from its console ring,
 * destroys it, and free memory must come back exactly (also after a 16 MiB domU and a crashed
 * one). A domU told to fail must be seen failing: the verdict really comes from the domU.
 */
#include "domu.h"

const char test_title[] = "dom0 builds, runs and destroys a PV domU; its console verdict decides";

#define DOMU_PAGES 1024

static struct domu u;

/* Build, run to shutdown (with SHUTDOWN_@code), destroy; the domU's verdict (DOMU_*) or -1. */
static int run_code(const char *cmdline, unsigned long pages, unsigned int want)
{
    if (domu_build(&u, domu_image, domu_image_end - domu_image, pages, cmdline))
        return -1;
    struct xen_domctl_getdomaininfo info;
    check_rc(ctl_info(u.id, &info), 0);
    check(info.tot_pages == pages && (info.flags & XEN_DOMINF_paused) && info.nr_online_vcpus == 1,
          "built d%u: tot_pages %lu flags %#x online vCPUs %u", u.id, (unsigned long)info.tot_pages,
          info.flags, info.nr_online_vcpus);
    check_rc(domu_unpause(&u), 0);
    int v = domu_run_console(&u, 30000);
    check_rc(ctl_info(u.id, &info), 0);
    unsigned int code = (info.flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
    check((info.flags & XEN_DOMINF_shutdown) && code == want,
          "d%u flags %#x: shutdown code %u, want %u", u.id, info.flags, code, want);
    domu_destroy(&u);
    return v;
}

static int run_once(const char *cmdline, unsigned long pages)
{
    return run_code(cmdline, pages, SHUTDOWN_poweroff);
}

void test_main(void)
{
    /* Warm-up: heap pools may keep what they grew into; measure from after it, once Xen's
     * deferred free of the domain is done (bounded wait for the count from before). */
    uint64_t before = ctl_free_pages();
    int v = run_once("role=hello warmup=1", DOMU_PAGES);
    check(v == DOMU_SUCCESS, "warm-up domU verdict %d, want SUCCESS", v);
    ctl_wait_free(before);
    uint64_t base = ctl_free_pages();

    v = run_once("role=hello", DOMU_PAGES);
    check(v == DOMU_SUCCESS, "domU verdict %d, want SUCCESS", v);
    uint64_t now = ctl_wait_free(base);
    check(now == base, "free pages %lu after destroy, %lu before build", (unsigned long)now,
          (unsigned long)base);

    v = run_once("role=hello big=1", DOMU_MAX_PAGES); /* 16 MiB: eight L1 tables */
    check(v == DOMU_SUCCESS, "16 MiB domU verdict %d, want SUCCESS", v);
    now = ctl_wait_free(base);
    check(now == base, "free pages %lu after the 16 MiB domU, %lu before", (unsigned long)now,
          (unsigned long)base);

    /* A crashing domU is only a shutdown code to dom0, which carries on. */
    v = run_code("role=crash", DOMU_PAGES, SHUTDOWN_crash);
    check(v == DOMU_NONE, "a crashed domU reported verdict %d", v);
    now = ctl_wait_free(base);
    check(now == base, "free pages %lu after the crashed domU, %lu before", (unsigned long)now,
          (unsigned long)base);

    v = run_once("role=fail", DOMU_PAGES);
    check(v == DOMU_FAILURE, "a failing domU reported verdict %d, want FAILURE", v);
    now = ctl_wait_free(base);
    check(now == base, "free pages %lu after the second destroy, %lu before", (unsigned long)now,
          (unsigned long)base);
    printf("free pages back to %lu after each domU\n", (unsigned long)base);
}
