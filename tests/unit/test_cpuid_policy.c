/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/arch/x86/cpuid.c */
/* The PV CPUID policy built from this host's CPUID: Xen leaves, the hypervisor bit, hidden features. */
#include <test.h>
#include <asm/cpuid.h>

#define BIT(n) (1u << (n))

int main(void)
{
    cpuid_policy_init(2600000);

    struct cpuid_regs r = guest_cpuid(0, 0x40000000, 0);
    CHECK_EQ(r.a, 0x40000005);
    CHECK_EQ(r.b, 0x566e6558);
    CHECK_EQ(r.c, 0x65584d4d);
    CHECK_EQ(r.d, 0x4d4d566e);
    r = guest_cpuid(0, 0x40000001, 0);
    CHECK_EQ(r.a, (4u << 16) | 17);
    r = guest_cpuid(0, 0x40000002, 0);
    CHECK_EQ(r.a, 1);
    CHECK_EQ(r.b, 0x40000000);
    r = guest_cpuid(0, 0x40000003, 0);
    CHECK_EQ(r.c, 2600000);
    r = guest_cpuid(0, 0x40000005, 0);
    CHECK(r.b >= 32 && r.b <= 52);     /* machine address width */
    r = guest_cpuid(0, 0x40000100, 0); /* no second signature to find */
    CHECK_EQ(r.a | r.b | r.c | r.d, 0);

    r = guest_cpuid(0, 0, 0);
    CHECK(r.a >= 1 && r.a <= 0xd);
    CHECK_EQ(r.b, cpuid(0).b); /* the vendor stays the host's */
    uint32_t max_basic = r.a;
    r = guest_cpuid(3, 1, 0);
    CHECK(r.c & BIT(31)); /* hypervisor */
    CHECK(!(r.c & (BIT(3) | BIT(5) | BIT(17) | BIT(21) |
                   BIT(24)))); /* MONITOR VMX PCID x2APIC TSC-deadline */
    CHECK(!(r.c &
            (BIT(26) | BIT(27) | BIT(28) | BIT(12) | BIT(29)))); /* XSAVE OSXSAVE AVX FMA F16C */
    CHECK(!(r.d & (BIT(1) | BIT(3) | BIT(12) | BIT(13) | BIT(17)))); /* VME PSE MTRR PGE PSE36 */
    CHECK_EQ(r.b >> 24, 3);                                          /* APIC id = vCPU id */
    CHECK_EQ(r.d & BIT(24), cpuid(1).d & BIT(24));                   /* FXSR as the host */
    if (max_basic >= 7) {
        r = guest_cpuid(0, 7, 0);
        CHECK(!(r.c & BIT(16))); /* LA57 */
        CHECK(!(r.b & (BIT(0) | BIT(5) | BIT(7) | BIT(10) |
                       BIT(20)))); /* FSGSBASE AVX2 SMEP INVPCID SMAP */
        r = guest_cpuid(0, 7, 1);
        CHECK_EQ(r.a | r.b | r.c | r.d, 0);
    }
    r = guest_cpuid(0, 0xd, 0); /* XSAVE state: hidden */
    CHECK_EQ(r.a | r.b | r.c | r.d, 0);
    r = guest_cpuid(0, 0x1f, 0);
    CHECK_EQ(r.a | r.b | r.c | r.d, 0);

    r = guest_cpuid(0, 0x80000000, 0);
    CHECK(r.a >= 0x80000001 && r.a <= 0x80000008);
    r = guest_cpuid(0, 0x80000001, 0);
    CHECK(r.d & BIT(29));                /* long mode */
    CHECK(!(r.d & (BIT(26) | BIT(27)))); /* 1G pages, RDTSCP */
    CHECK(!(r.c & BIT(2)));              /* SVM */
    r = guest_cpuid(0, 0x8fffffff, 0);
    CHECK_EQ(r.a | r.b | r.c | r.d, 0);

    return test_done();
}
