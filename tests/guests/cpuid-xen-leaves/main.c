/* SPDX-License-Identifier: GPL-2.0-only */
/* CPUID through the forced-emulation prefix: the Xen leaves, the hypervisor bit, and what PV hides. */
#include "priv.h"

const char test_title[] = "forced-emulation CPUID and the Xen leaves";

#define XEN_SIG_EBX 0x566e6558 /* "XenV" */
#define XEN_SIG_ECX 0x65584d4d /* "MMXe" */
#define XEN_SIG_EDX 0x4d4d566e /* "nVMM" */

static volatile uint32_t user_sig;

static void user_fn(void)
{
    user_sig = xen_cpuid(0x40000000, 0).b; /* the prefix works from guest user mode too */
}

void test_main(void)
{
    struct cpuid_res r = xen_cpuid(0x40000000, 0);
    printf("leaf 0x40000000: max %#x sig %#x %#x %#x\n", r.a, r.b, r.c, r.d);
    check(r.b == XEN_SIG_EBX && r.c == XEN_SIG_ECX && r.d == XEN_SIG_EDX,
          "no XenVMMXenVMM signature: %#x %#x %#x", r.b, r.c, r.d);
    check(r.a >= 0x40000002 && r.a < 0x40000100, "max Xen leaf %#x", r.a);

    long ver = hc_xen_version(XENVER_version, 0);
    r = xen_cpuid(0x40000001, 0);
    check((long)r.a == ver, "leaf 0x40000001 says %#x, xen_version says %#lx", r.a, ver);

    r = xen_cpuid(0x40000002, 0);
    check(r.a >= 1, "hypercall pages: %u", r.a);
    check(r.b == 0x40000000, "hypercall MSR base %#x", r.b);

    /* The standard leaves as a 64-bit PV guest sees them. */
    r = xen_cpuid(0, 0);
    check(r.a >= 1, "max basic leaf %#x", r.a);
    r = xen_cpuid(1, 0);
    printf("leaf 1: ecx %#x edx %#x\n", r.c, r.d);
    check(r.c & (1u << 31), "hypervisor bit clear");
    check(!(r.c & (1u << 5)), "VMX visible");
    check(!(r.c & (1u << 3)), "MONITOR visible");
    check(!(r.c & (1u << 24)), "TSC-deadline visible");
    check(!(r.c & (1u << 17)), "PCID visible");
    /* XSAVE without OSXSAVE (or the reverse) would mislead the guest's FPU code. */
    check(!(r.c & (1u << 27)) || (r.c & (1u << 26)), "OSXSAVE without XSAVE");
    check(r.d & (1u << 24), "FXSR hidden");
    r = xen_cpuid(0x80000000, 0);
    check(r.a >= 0x80000001, "max extended leaf %#x", r.a);
    r = xen_cpuid(0x80000001, 0);
    check(r.d & (1u << 29), "long mode hidden");
    check(r.d & (1u << 11), "SYSCALL hidden");
    check(!(r.c & (1u << 2)), "SVM visible");
    r = xen_cpuid(7, 0);
    check(!(r.c & (1u << 16)), "LA57 visible (PV is 4-level)");
    check(!(r.b & (1u << 10)), "INVPCID visible");

    /* No second hypervisor signature a few bases up (Linux scans every 0x100). */
    r = xen_cpuid(0x40000100, 0);
    check(r.b != XEN_SIG_EBX, "second Xen signature at 0x40000100");

    run_in_user(user_fn);
    check(user_sig == XEN_SIG_EBX, "user-mode forced CPUID returned %#x", user_sig);
}
