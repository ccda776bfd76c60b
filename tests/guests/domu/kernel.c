/* SPDX-License-Identifier: GPL-2.0-only */
/* The domU test kernel the builder tests (domu-*) build and run; its role comes from role=... on its command line. */
#include "domu.h"

const char test_title[] = "domU built by a dom0 test kernel";

/* What a builder must have given us: unprivileged start_info, a P2M that the M2P agrees with,
 * page tables where start_info says, a hypercall page, a console ring. */
static void check_boot_state(void)
{
    const struct start_info *si = start_info;

    check(!(si->flags & (SIF_PRIVILEGED | SIF_INITDOMAIN)), "start_info flags %#x", si->flags);
    check(si->nr_pages >= 256 && si->nr_pages <= 4096, "nr_pages %lu", (unsigned long)si->nr_pages);
    check(si->console.domU.mfn && si->console.domU.evtchn && si->store_mfn && si->store_evtchn,
          "console %#lx/%u store %#lx/%u", (unsigned long)si->console.domU.mfn,
          si->console.domU.evtchn, (unsigned long)si->store_mfn, si->store_evtchn);
    unsigned long bad = 0;
    for (unsigned long pfn = 0; pfn < si->nr_pages; pfn++)
        bad += m2p[p2m[pfn]] != pfn;
    check(!bad, "%lu P2M entries disagree with the M2P", bad);
    check(m2p[p2m[virt_to_pfn((void *)si->pt_base)]] == virt_to_pfn((void *)si->pt_base) &&
              pt_mfn((void *)si->pt_base, 4) == p2m[virt_to_pfn((void *)si->pt_base)],
          "pt_base %#lx is not the L4 in use", (unsigned long)si->pt_base);
    check(hc_console_io(CONSOLEIO_write, 1, "x") == -XEN_EPERM,
          "console_io is not refused to a domU");
    long v = hypercall_via_page(__HYPERVISOR_xen_version, XENVER_version, 0, 0, 0, 0);
    check(v > 0 && v == hc_xen_version(XENVER_version, 0),
          "xen_version through the hypercall page: %ld", v);
    printf("domU: %lu pages, pt_base %#lx (%lu frames), command line '%s'\n",
           (unsigned long)si->nr_pages, (unsigned long)si->pt_base, (unsigned long)si->nr_pt_frames,
           (const char *)si->cmd_line);
}

void test_main(void)
{
    char role[16] = "hello";

    cmdline_get("role", role, sizeof(role));
    check_boot_state();
    if (!strcmp(role, "hello"))
        return;
    if (!strcmp(role, "pingpong")) {
        domu_pingpong();
        return;
    }
    if (!strcmp(role, "idle")) {
        domu_idle();
        return;
    }
    if (!strcmp(role, "unpriv")) {
        domu_unpriv();
        return;
    }
    if (!strcmp(role, "crash")) {
        printf("stopping with SHUTDOWN_crash\n");
        shutdown(SHUTDOWN_crash);
    }
    if (!strcmp(role, "fail")) {
        test_fail("asked to fail (role=fail)");
        return;
    }
    test_error("unknown role '%s'", role);
}
