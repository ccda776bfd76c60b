/* SPDX-License-Identifier: MIT */
/* Xen PV ABI, x86_64 specifics: flat selectors, hypervisor hole, iret frame, register file. */
#ifndef XEN_PUBLIC_ARCH_X86_XEN_X86_64_H
#define XEN_PUBLIC_ARCH_X86_XEN_X86_64_H

#ifndef __ASSEMBLY__
#include <stdint.h>
#endif

/*
 * Hypercalls: number in %rax, arguments in %rdi %rsi %rdx %r10 %r8 %r9,
 * result in %rax; `syscall` clobbers %rcx and %r11. The hypercall page
 * holds 32-byte stubs: call hypercall_page + 32 * number.
 */

/* Flat selectors in the hypervisor-reserved tail of every GDT. */
#define FLAT_RING3_CS32 0xe023 /* GDT entry 260 */
#define FLAT_RING3_CS64 0xe033 /* GDT entry 261 */
#define FLAT_RING3_DS32 0xe02b /* GDT entry 262 */
#define FLAT_RING3_DS64 0x0000 /* null selector */
#define FLAT_RING3_SS32 0xe02b
#define FLAT_RING3_SS64 0xe02b

#define FLAT_KERNEL_DS64 FLAT_RING3_DS64
#define FLAT_KERNEL_DS32 FLAT_RING3_DS32
#define FLAT_KERNEL_DS   FLAT_KERNEL_DS64
#define FLAT_KERNEL_CS64 FLAT_RING3_CS64
#define FLAT_KERNEL_CS32 FLAT_RING3_CS32
#define FLAT_KERNEL_CS   FLAT_KERNEL_CS64
#define FLAT_KERNEL_SS64 FLAT_RING3_SS64
#define FLAT_KERNEL_SS32 FLAT_RING3_SS32
#define FLAT_KERNEL_SS   FLAT_KERNEL_SS64

#define FLAT_USER_DS64 FLAT_RING3_DS64
#define FLAT_USER_DS32 FLAT_RING3_DS32
#define FLAT_USER_DS   FLAT_USER_DS64
#define FLAT_USER_CS64 FLAT_RING3_CS64
#define FLAT_USER_CS32 FLAT_RING3_CS32
#define FLAT_USER_CS   FLAT_USER_CS64
#define FLAT_USER_SS64 FLAT_RING3_SS64
#define FLAT_USER_SS32 FLAT_RING3_SS32
#define FLAT_USER_SS   FLAT_USER_SS64

/* The hypervisor hole: L4 slots 256..271. The M2P table starts it. */
#define HYPERVISOR_VIRT_START 0xFFFF800000000000UL
#define HYPERVISOR_VIRT_END   0xFFFF880000000000UL
#define MACH2PHYS_VIRT_START  0xFFFF800000000000UL
#define MACH2PHYS_VIRT_END    0xFFFF804000000000UL
#define MACH2PHYS_NR_ENTRIES  ((MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START) >> 3)

/* set_segment_base(which, value) */
#define SEGBASE_FS          0
#define SEGBASE_GS_USER     1
#define SEGBASE_GS_KERNEL   2
#define SEGBASE_GS_USER_SEL 3 /* value[15:0] is a user %gs selector */

/* iret hypercall flags: return as if from syscall (rcx/r11 not restored). */
#define VGCF_in_syscall (1 << 8)

#ifndef __ASSEMBLY__

/* Frame at %rsp when the guest issues the iret hypercall (lowest first). */
struct iret_context {
    uint64_t rax;    /* IN: restored into %rax */
    uint64_t r11;    /* IN */
    uint64_t rcx;    /* IN */
    uint64_t flags;  /* IN: VGCF_in_syscall or 0 */
    uint64_t rip;    /* IN */
    uint64_t cs;     /* IN: RPL 3 selects guest user mode */
    uint64_t rflags; /* IN: IF becomes !evtchn_upcall_mask */
    uint64_t rsp;    /* IN */
    uint64_t ss;     /* IN */
};

/* Full register file (vcpu_guest_context.user_regs). */
struct cpu_user_regs {
    uint64_t r15;
    uint64_t r14;
    uint64_t r13;
    uint64_t r12;
    uint64_t rbp;
    uint64_t rbx;
    uint64_t r11;
    uint64_t r10;
    uint64_t r9;
    uint64_t r8;
    uint64_t rax;
    uint64_t rcx;
    uint64_t rdx;
    uint64_t rsi;
    uint64_t rdi;
    uint32_t error_code;   /* private to the hypervisor */
    uint32_t entry_vector; /* private to the hypervisor */
    uint64_t rip;
    uint16_t cs, _pad0[1];
    uint8_t saved_upcall_mask;
    uint8_t _pad1[3];
    uint64_t rflags;
    uint64_t rsp;
    uint16_t ss, _pad2[3];
    uint16_t es, _pad3[3];
    uint16_t ds, _pad4[3];
    uint16_t fs, _pad5[3];
    uint16_t gs, _pad6[3];
};

#define xen_pfn_to_cr3(pfn) ((unsigned long)(pfn) << 12)
#define xen_cr3_to_pfn(cr3) ((unsigned long)(cr3) >> 12)

/* Per-vCPU architectural state in vcpu_info. */
struct arch_vcpu_info {
    uint64_t cr2; /* OUT: faulting address of the last #PF bounced */
    uint64_t pad;
};

typedef uint64_t xen_callback_t;

#endif /* __ASSEMBLY__ */

#endif
