/* SPDX-License-Identifier: GPL-2.0-only */
/* PV CPUID policy: what a 64-bit PV guest may see of the host, and the Xen leaves at 0x40000000. */
#include <xen/config.h>
#include <xen/lib.h>
#include <asm/cpuid.h>
#include <public/arch-x86/cpuid.h>

/*
 * Keep masks per register, from Xen's PV featureset. Hidden on purpose:
 * VMX/SVM/SMX, MONITOR/MWAIT, x2APIC, TSC-deadline, PCID/INVPCID, PSE/PGE/
 * PSE36/VME/MTRR (the MMU is paravirtual), DS/PDCM/ACPI/TM/PBE, MCE/MCA (no
 * virtual MCE), SMEP/SMAP/UMIP/PKU (meaningless at CPL3), LA57 (PV is
 * 4-level), FSGSBASE (CR4.FSGSBASE stays off), RDTSCP/RDPID (TSC_AUX is not
 * virtualised), speculation-control bits (their MSRs are not emulated), and
 * XSAVE/OSXSAVE with everything that needs XSAVE state (AVX*, FMA, F16C,
 * XOP, FMA4, AVX-512): the hypervisor does not enable XSAVE for guests yet.
 */
#define B(n) (1u << (n))
#define KEEP_1_ECX (B(0) | B(1) | B(9) | B(13) | B(19) | B(20) | B(22) | B(23) | B(25) | B(30))
#define KEEP_1_EDX                                                                            \
    (B(0) | B(2) | B(4) | B(5) | B(6) | B(8) | B(9) | B(11) | B(15) | B(16) | B(19) | B(23) | \
     B(24) | B(25) | B(26) | B(27) | B(28))
#define KEEP_7_EBX (B(3) | B(8) | B(9) | B(18) | B(19) | B(23) | B(24) | B(29))
#define KEEP_7_EDX (B(4) | B(10))
#define KEEP_81_ECX (B(0) | B(1) | B(5) | B(6) | B(7) | B(8) | B(21))
#define KEEP_81_EDX \
    ((KEEP_1_EDX & 0x0183f3ff) | B(11) | B(20) | B(22) | B(25) | B(29) | B(30) | B(31))
#define HYPERVISOR_BIT B(31)

#define BASIC_MAX 0xd
#define EXT_MAX 0x80000008

static struct cpuid_regs basic[BASIC_MAX + 1], ext[EXT_MAX - 0x80000000 + 1];
static uint32_t tsc_khz_leaf, maddr_bits;

void cpuid_policy_init(uint64_t tsc_khz)
{
    struct cpuid_regs r = cpuid(0);
    uint32_t max = MIN(r.a, (uint32_t)BASIC_MAX);

    for (uint32_t l = 0; l <= max; l++)
        basic[l] = cpuid(l);
    basic[0].a = max;
    basic[1].c = (basic[1].c & KEEP_1_ECX) | HYPERVISOR_BIT;
    basic[1].d &= KEEP_1_EDX;
    basic[3] = basic[5] = basic[6] = (struct cpuid_regs){0};
    basic[7] = (struct cpuid_regs){.b = basic[7].b & KEEP_7_EBX, .d = basic[7].d & KEEP_7_EDX};
    for (uint32_t l = 8; l <= BASIC_MAX; l++)
        basic[l] = (struct cpuid_regs){0}; /* PMU, topology, XSAVE: not virtualised */

    r = cpuid(0x80000000);
    uint32_t emax = r.a >= 0x80000000 ? MIN(r.a, (uint32_t)EXT_MAX) : 0x80000000;
    for (uint32_t l = 0x80000000; l <= emax; l++)
        ext[l - 0x80000000] = cpuid(l);
    ext[0].a = emax;
    ext[1].c &= KEEP_81_ECX;
    ext[1].d &= KEEP_81_EDX;
    ext[7] = (struct cpuid_regs){0};
    ext[8].b = ext[8].c = ext[8].d = 0; /* only the address sizes */
    maddr_bits = emax >= 0x80000008 ? (ext[8].a & 0xff) : 36;
    tsc_khz_leaf = (uint32_t)tsc_khz;
}

static struct cpuid_regs xen_leaf(uint32_t idx, uint32_t subleaf)
{
    switch (idx) {
    case 0:
        return (struct cpuid_regs){XEN_CPUID_LEAF(XEN_CPUID_MAX_NUM_LEAVES),
                                   XEN_CPUID_SIGNATURE_EBX, XEN_CPUID_SIGNATURE_ECX,
                                   XEN_CPUID_SIGNATURE_EDX};
    case 1: return (struct cpuid_regs){.a = (XENOLITH_XEN_MAJOR << 16) | XENOLITH_XEN_MINOR};
    case 2:
        /* One hypercall page, written through MSR XEN_MSR_BASE; mmu_update preserve-AD works. */
        return (struct cpuid_regs){
            .a = 1, .b = XEN_MSR_BASE, .c = XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD};
    case 3:
        /* Native TSC (no emulation, tsc_mode 0 "default"), at the calibrated frequency. */
        return subleaf == 0 ? (struct cpuid_regs){.c = tsc_khz_leaf} : (struct cpuid_regs){0};
    case 5: return (struct cpuid_regs){.b = maddr_bits & XEN_CPUID_MACHINE_ADDRESS_WIDTH_MASK};
    }
    return (struct cpuid_regs){0}; /* leaf 4 is HVM-only */
}

struct cpuid_regs guest_cpuid(unsigned int vcpu_id, uint32_t leaf, uint32_t subleaf)
{
    struct cpuid_regs r = {0};

    if (leaf <= basic[0].a) {
        r = basic[leaf];
        if (leaf == 1) /* initial APIC id: cosmetic for PV, but distinct */
            r.b = (r.b & 0x00ffffff) | (vcpu_id << 24);
        else if (leaf == 4) /* cache descriptors, one per subleaf */
            r = cpuid_count(4, subleaf);
        else if (leaf == 7 && subleaf)
            r = (struct cpuid_regs){0};
    } else if (leaf >= XEN_CPUID_FIRST_LEAF && leaf <= XEN_CPUID_LEAF(XEN_CPUID_MAX_NUM_LEAVES)) {
        r = xen_leaf(leaf - XEN_CPUID_FIRST_LEAF, subleaf);
    } else if (leaf >= 0x80000000 && leaf <= ext[0].a) {
        r = ext[leaf - 0x80000000];
    }
    return r; /* everything else: all zeroes, as an absent leaf */
}
