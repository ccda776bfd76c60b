/* SPDX-License-Identifier: MIT */
/* Xen PV ABI, x86 common part: guest handles, trap table, vCPU context, shared arch state. */
#ifndef XEN_PUBLIC_ARCH_X86_XEN_H
#define XEN_PUBLIC_ARCH_X86_XEN_H

#ifndef __ASSEMBLY__
#include <stdint.h>

/* A guest pointer inside a structure or as an argument. */
#define DEFINE_XEN_GUEST_HANDLE_NAMED(name, type) \
    typedef struct { type *p; } xen_guest_handle_##name##_t
#define DEFINE_XEN_GUEST_HANDLE(name) DEFINE_XEN_GUEST_HANDLE_NAMED(name, name)
#define XEN_GUEST_HANDLE(name) xen_guest_handle_##name##_t
#define set_xen_guest_handle(hnd, val) do { (hnd).p = (val); } while (0)

typedef uint64_t xen_pfn_t;
typedef uint64_t xen_ulong_t;
#endif

#include "xen-x86_64.h"

/* GDT frames 14 and 15 belong to the hypervisor. */
#define FIRST_RESERVED_GDT_PAGE  14
#define FIRST_RESERVED_GDT_BYTE  (FIRST_RESERVED_GDT_PAGE * 4096)
#define FIRST_RESERVED_GDT_ENTRY (FIRST_RESERVED_GDT_BYTE / 8)

#define XEN_LEGACY_MAX_VCPUS 32

/* ud2a; "xen" -- forces emulation of the following cpuid. */
#ifdef __ASSEMBLY__
#define XEN_EMULATE_PREFIX .byte 0x0f, 0x0b, 0x78, 0x65, 0x6e;
#else
#define XEN_EMULATE_PREFIX ".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e; "
#endif

/* trap_info.flags: bits 0-1 DPL allowed to use `int n`, bit 2 masks events. */
#define TI_GET_DPL(ti) ((ti)->flags & 3)
#define TI_GET_IF(ti)  ((ti)->flags & 4)
#define TI_SET_DPL(ti, dpl) ((ti)->flags |= (dpl))
#define TI_SET_IF(ti, i)    ((ti)->flags |= ((!!(i)) << 2))

#define VGCF_i387_valid               (1 << 0)
#define VGCF_in_kernel                (1 << 2)
#define VGCF_failsafe_disables_events (1 << 3)
#define VGCF_syscall_disables_events  (1 << 4)
#define VGCF_online                   (1 << 5)

#ifndef __ASSEMBLY__

/* set_trap_table() takes an array terminated by address == 0. */
struct trap_info {
    uint8_t vector;   /* IN: exception/interrupt vector */
    uint8_t flags;    /* IN: TI_* (DPL, event mask) */
    uint16_t cs;      /* IN: code selector (RPL ignored, ring 3 used) */
    uint64_t address; /* IN: handler */
};
DEFINE_XEN_GUEST_HANDLE_NAMED(trap_info, struct trap_info);

/* Whole vCPU state for VCPUOP_initialise. */
struct vcpu_guest_context {
    struct { char x[512]; } fpu_ctxt;  /* IN: FXSAVE image */
    uint64_t flags;                    /* IN: VGCF_* */
    struct cpu_user_regs user_regs;    /* IN */
    struct trap_info trap_ctxt[256];   /* IN: virtual IDT */
    uint64_t ldt_base, ldt_ents;       /* IN */
    uint64_t gdt_frames[16], gdt_ents; /* IN */
    uint64_t kernel_ss, kernel_sp;     /* IN: stack_switch() state */
    uint64_t ctrlreg[8];               /* IN: cr3 in [3], user cr3 in [1] */
    uint64_t debugreg[8];              /* IN */
    uint64_t event_callback_eip;       /* IN */
    uint64_t failsafe_callback_eip;    /* IN */
    uint64_t syscall_callback_eip;     /* IN */
    uint64_t vm_assist;                /* IN: VMASST_TYPE_* bitmap */
    uint64_t fs_base;                  /* IN */
    uint64_t gs_base_kernel;           /* IN */
    uint64_t gs_base_user;             /* IN */
};

/* Architecture part of shared_info, written by the guest for the toolstack. */
struct arch_shared_info {
    uint64_t max_pfn;
    xen_pfn_t pfn_to_mfn_frame_list_list;
    uint64_t nmi_reason;
    uint64_t p2m_cr3;
    uint64_t p2m_vaddr;
    uint64_t p2m_generation;
};

#endif /* __ASSEMBLY__ */

#endif
