/* SPDX-License-Identifier: GPL-2.0-only */
/* The CPUID a PV guest sees: the host's leaves filtered once at boot, plus the Xen leaves. */
#ifndef ASM_CPUID_H
#define ASM_CPUID_H

#include <xen/types.h>
#include <asm/processor.h>

/* Xen MSRs (hypercall page) start here, as CPUID 0x40000002 EBX says. */
#define XEN_MSR_BASE 0x40000000

/* Boot: read the host's leaves and build the PV policy (tsc_khz for leaf 0x40000003). */
void cpuid_policy_init(uint64_t tsc_khz);

/* CPUID faulting (msr.c): a cpuid at CPL > 0 then raises #GP and is emulated too. */
bool cpuid_faulting_available(void);
void cpuid_faulting_enable(void); /* this CPU; the hypervisor (CPL 0) is not affected */

/* The guest's view of CPUID(@leaf, @subleaf) for vCPU @vcpu_id. */
struct cpuid_regs guest_cpuid(unsigned int vcpu_id, uint32_t leaf, uint32_t subleaf);

#endif
