/* SPDX-License-Identifier: GPL-2.0-only */
/* PV architectural state of a vCPU and a domain. */
#ifndef ASM_DOMAIN_H
#define ASM_DOMAIN_H

#include <xen/spinlock.h>
#include <xen/types.h>
#include <asm/regs.h>
#include <asm/pv-priv.h>
#include <public/xen.h>

struct pv_vcpu {
    struct cpu_user_regs user_regs;     /* registers while not running */
    bool kernel_mode;                   /* guest kernel (true) or guest user (false) */
    unsigned long guest_table;          /* MFN of the kernel L4 (0: none) */
    unsigned long guest_table_user;     /* MFN of the user L4 (0: none) */
    unsigned long kernel_sp, kernel_ss; /* stack_switch */
    unsigned long fs_base, gs_base_kernel, gs_base_user;
    struct trap_info trap_ctxt[256];    /* set_trap_table; address 0 = no handler */
    unsigned long event_callback, failsafe_callback, syscall_callback, syscall32_callback;
    bool syscall_disables_events, failsafe_disables_events;
    unsigned int iopl;                  /* virtual IOPL (physdev set_iopl) */
    unsigned long ctrlreg0_ts;          /* virtual CR0.TS (fpu_taskswitch) */
    uint8_t fpu_state[512] __attribute__((aligned(16)));   /* FXSAVE image */
    bool fpu_initialised;
    unsigned long ldt_base;             /* MMUEXT_SET_LDT: guest linear address, page aligned */
    unsigned int ldt_ents;              /* 0: no LDT */
    struct pv_priv_vcpu priv;           /* privileged ops and descriptor tables */
};

struct pv_domain {
    unsigned long vm_assist;            /* VMASST_TYPE_* bits */
    bool writable_pagetables;
    spinlock_t mm_lock;                 /* serialises this domain's page-table updates */
    unsigned int relmem_step;           /* pv_mm_relinquish() progress: 0 start, 1 frames, 2 done */
    uint32_t relmem_cursor;             /* the frame it holds and resumes from */
    uint32_t pci_cf8;                   /* the privileged domain's virtual PCI address latch */
};

#endif
