/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: MSR accesses passed through to the hardware. A PV guest must not
 * read host MSRs it is not offered or write the hypervisor's own (LSTAR, the
 * SYSENTER and SYSCALL entry points): unknown MSRs give the guest #GP (Linux's
 * _safe accessors expect it), writes never reach the hardware, and user mode
 * gets #GP for every MSR.
 */
#include "priv.h"

const char test_title[] = "unknown and hypervisor MSRs: #GP, never the hardware";

#define MSR_LSTAR 0xc0000082
#define MSR_SYSENTER_EIP 0x00000176
#define MSR_GS_BASE 0xc0000101

static volatile unsigned int user_rc;

static void user_fn(void)
{
    uint64_t v;
    user_rc = probe_rdmsr(MSR_GS_BASE, &v);
}

void test_main(void)
{
    uint64_t v = 0;
    static const uint32_t bogus[] = {0x0000dead, 0x40001234, 0xc0011234, 0xffffffff};

    for (size_t i = 0; i < ARRAY_SIZE(bogus); i++) {
        unsigned int rc = probe_rdmsr(bogus[i], &v);
        check(rc == (0x100 | 13), "rdmsr %#x: %#x (want #GP)", bogus[i], rc);
        if (rc == (0x100 | 13))
            check(last_trap.error_code == 0, "rdmsr %#x: #GP error code %#lx", bogus[i],
                  last_trap.error_code);
        rc = probe_wrmsr(bogus[i], 0x1234);
        check(rc == (0x100 | 13), "wrmsr %#x: %#x (want #GP)", bogus[i], rc);
    }

    /* The hypervisor's syscall entry: a write is refused or ignored, and hypercalls still work. */
    unsigned int rc = probe_wrmsr(MSR_LSTAR, 0xffffffff80100000UL);
    printf("wrmsr LSTAR: %#x\n", rc);
    rc = probe_wrmsr(MSR_SYSENTER_EIP, 0xffffffff80100000UL);
    printf("wrmsr SYSENTER_EIP: %#x\n", rc);
    check(hc_xen_version(XENVER_version, 0) > 0, "hypercalls broken after LSTAR/SYSENTER writes");

    /* From guest user mode even the emulated ones fault. */
    run_in_user(user_fn);
    check(user_rc == (0x100 | 13), "user-mode rdmsr GS_BASE: %#x (want #GP)", user_rc);
}
