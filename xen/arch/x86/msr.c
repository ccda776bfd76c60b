/* SPDX-License-Identifier: GPL-2.0-only */
/* PV MSR policy: the few MSRs a PV kernel may read or write, each emulated; every other one is #GP. */
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/cpuid.h>
#include <asm/extable.h>
#include <asm/guest_access.h>
#include <asm/processor.h>
#include <asm/pv-mm.h>
#include <asm/pv-priv.h>
#include <public/arch-x86/xen-x86_64.h>

#define MSR_TSC 0x00000010
#define MSR_APIC_BASE 0x0000001b
#define MSR_UCODE_REV 0x0000008b
#define MSR_PLATFORM_INFO 0x000000ce
#define MSR_MISC_FEATURES 0x00000140
#define PLATFORM_INFO_CPUID_FAULTING (1UL << 31)
#define MISC_FEATURES_CPUID_FAULTING (1UL << 0)
#define MSR_MISC_ENABLE 0x000001a0
#define MSR_PAT 0x00000277
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define MSR_SHADOW_GS_BASE 0xc0000102

#define APIC_BASE_BSP (1UL << 8)
#define APIC_BASE_ENABLE (1UL << 11)
#define APIC_DEFAULT_PHYS 0xfee00000UL
#define MISC_ENABLE_FAST_STRINGS (1UL << 0)
#define MISC_ENABLE_BTS_UNAVAIL (1UL << 11)
#define MISC_ENABLE_PEBS_UNAVAIL (1UL << 12)
#define EFER_LMA (1UL << 10)
#define EFER_VISIBLE (EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE)

/* PAT entries may only hold the architectural memory types (UC, WC, WT, WP, WB, UC-). */
static bool pat_valid(uint64_t pat)
{
    for (unsigned int i = 0; i < 8; i++) {
        unsigned int t = (pat >> (i * 8)) & 0xff;
        if (t == 2 || t == 3 || t > 7)
            return false;
    }
    return true;
}

static uint64_t misc_enable_view(void)
{
    /* Intel's MSR; a PV guest sees fast strings as the host has them and no BTS/PEBS. */
    bool intel = cpuid(0).b == 0x756e6547; /* "Genu" */
    uint64_t host = intel ? rdmsr(MSR_MISC_ENABLE) : 0;
    return (host & MISC_ENABLE_FAST_STRINGS) | MISC_ENABLE_BTS_UNAVAIL | MISC_ENABLE_PEBS_UNAVAIL;
}

/* rdmsr that survives a #GP (an MSR the CPU does not have): 0 or -1. */
static int rdmsr_safe(uint32_t msr, uint64_t *val)
{
    uint32_t lo = 0, hi = 0;
    int rc = 0;
    __asm__ volatile("1: rdmsr\n"
                     "2:\n"
                     "   .pushsection .fixup, \"ax\"\n"
                     "3: movl $-1, %0\n"
                     "   jmp 2b\n"
                     "   .popsection\n" _ASM_EXTABLE(1b, 3b)
                     : "+r"(rc), "+a"(lo), "+d"(hi)
                     : "c"(msr));
    *val = lo | ((uint64_t)hi << 32);
    return rc;
}

bool cpuid_faulting_available(void)
{
    uint64_t info;
    return !rdmsr_safe(MSR_PLATFORM_INFO, &info) && (info & PLATFORM_INFO_CPUID_FAULTING);
}

void cpuid_faulting_enable(void)
{
    uint64_t v;
    if (!rdmsr_safe(MSR_MISC_FEATURES, &v))
        wrmsr(MSR_MISC_FEATURES, v | MISC_FEATURES_CPUID_FAULTING);
}

int guest_rdmsr(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    struct pv_vcpu *a = &v->arch;

    switch (msr) {
    case MSR_FS_BASE:
        *val = rdmsr(MSR_FS_BASE); /* live: a selector load may have changed it */
        return 0;
    case MSR_GS_BASE: *val = rdmsr(MSR_GS_BASE); return 0;
    case MSR_SHADOW_GS_BASE: /* the base of the other guest mode */
        *val = a->kernel_mode ? a->gs_base_user : a->gs_base_kernel;
        return 0;
    case MSR_EFER: *val = rdmsr(MSR_EFER) & EFER_VISIBLE; return 0;
    case MSR_APIC_BASE:
        *val = APIC_DEFAULT_PHYS | APIC_BASE_ENABLE | (v->vcpu_id ? 0 : APIC_BASE_BSP);
        return 0;
    case MSR_MISC_ENABLE: *val = misc_enable_view(); return 0;
    case MSR_PAT: *val = a->priv.pat; return 0;
    case MSR_TSC: *val = rdtsc(); return 0;
    case MSR_UCODE_REV:
    case MSR_PLATFORM_INFO: /* no CPUID faulting offered */
    case MSR_MISC_FEATURES: *val = 0; return 0;
    }
    return -1;
}

/* MSR XEN_MSR_BASE (CPUID 0x40000002): the frame in @val (page 0 only) becomes a hypercall page. */
static int write_hypercall_msr(struct vcpu *v, uint64_t val)
{
    unsigned long mfn = val >> PAGE_SHIFT;
    if ((val & ~PAGE_MASK) || !mfn_valid(mfn))
        return -1;
    struct page_info *pg = mfn_to_page(mfn);
    if (get_page_and_type(pg, v->domain, PGT_writable_page))
        return -1; /* not the guest's, or a page table / descriptor page */
    write_hypercall_page(mfn_to_virt(mfn));
    put_page_and_type(pg);
    return 0;
}

int guest_wrmsr(struct vcpu *v, uint32_t msr, uint64_t val)
{
    struct pv_vcpu *a = &v->arch;
    uint64_t cur;

    switch (msr) {
    case MSR_FS_BASE: return do_set_segment_base(SEGBASE_FS, val) ? -1 : 0;
    case MSR_GS_BASE:
        return do_set_segment_base(a->kernel_mode ? SEGBASE_GS_KERNEL : SEGBASE_GS_USER, val) ? -1
                                                                                              : 0;
    case MSR_SHADOW_GS_BASE:
        if (!is_canonical(val))
            return -1;
        if (a->kernel_mode)
            a->gs_base_user = val;
        else
            a->gs_base_kernel = val;
        return 0;
    case XEN_MSR_BASE: return write_hypercall_msr(v, val);
    case MSR_PAT:
        if (!pat_valid(val))
            return -1;
        a->priv.pat = val; /* PTE cache bits keep the host's meaning */
        return 0;
    case MSR_UCODE_REV: /* Linux writes 0 before reading the revision */ return val ? -1 : 0;
    case MSR_EFER:
    case MSR_MISC_ENABLE:
    case MSR_APIC_BASE:
        /* As Xen: the hardware value is the hypervisor's, a different one is ignored. */
        return 0;
    case MSR_MISC_FEATURES: /* no CPUID faulting to enable */
        if (guest_rdmsr(v, msr, &cur) || cur != val)
            return -1;
        return 0;
    }
    return -1;
}
