/* SPDX-License-Identifier: MIT */
/* The hypervisor CPUID leaves a Xen guest finds at 0x40000000 (Xen's numbers and layout). */
#ifndef XEN_PUBLIC_ARCH_X86_CPUID_H
#define XEN_PUBLIC_ARCH_X86_CPUID_H

/* The leaves start at the first free 0x100-aligned base from 0x40000000. */
#define XEN_CPUID_FIRST_LEAF 0x40000000
#define XEN_CPUID_LEAF(i) (XEN_CPUID_FIRST_LEAF + (i))

/* Leaf 0: EAX = highest Xen leaf; EBX, ECX, EDX = "XenVMMXenVMM". */
#define XEN_CPUID_SIGNATURE_EBX 0x566e6558 /* "XenV" */
#define XEN_CPUID_SIGNATURE_ECX 0x65584d4d /* "MMXe" */
#define XEN_CPUID_SIGNATURE_EDX 0x4d4d566e /* "nVMM" */

/* Leaf 1: EAX = major << 16 | minor. */
/* Leaf 2: EAX = hypercall pages, EBX = base of the Xen MSRs, ECX = features 1. */
#define XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD (1u << 0)
/* Leaf 3: TSC information (subleaf 0: EAX flags, EBX tsc_mode, ECX guest kHz, EDX incarnation). */
/* Leaf 4: HVM features (zero for PV). */
/* Leaf 5: PV features; EBX[7:0] = machine address width. */
#define XEN_CPUID_MACHINE_ADDRESS_WIDTH_MASK 0xffu

#define XEN_CPUID_MAX_NUM_LEAVES 5

#endif
