/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-vCPU state of privileged-operation emulation and descriptor tables (pv/emul-priv-op.c, pv/descriptor-tables.c). */
#ifndef ASM_PV_PRIV_H
#define ASM_PV_PRIV_H

#include <xen/types.h>

struct vcpu;
struct domain;
struct cpu_user_regs;

#define NR_GDT_FRAMES 14 /* FIRST_RESERVED_GDT_PAGE: the rest is the hypervisor's */

struct pv_priv_vcpu {
    unsigned long cr4;     /* guest view of CR4 */
    uint64_t pat;          /* guest view of IA32_PAT (hardware keeps the host's) */
    unsigned long iobmp;   /* PHYSDEVOP_set_iobitmap: guest virtual address */
    unsigned int iobmp_nr; /* ports it covers (0: no bitmap) */
    unsigned long dr[8];   /* debug registers as the guest set them */
    unsigned long gdt_frames[NR_GDT_FRAMES]; /* MFNs, each holding a PGT_seg_desc_page reference */
    unsigned int gdt_ents;                   /* 0: no guest GDT (only the hypervisor's selectors) */
    unsigned long ldt_frames[16]; /* MFNs of the loaded LDT (PGT_seg_desc_page references) */
    unsigned int ldt_nr;          /* frames held; 0: no LDT loaded */
    uint16_t ds, es, fs, gs;      /* data selectors while not running */
};

/* Boot, after memory and CPUs: CPUID policy, per-CPU GDT windows. */
void priv_init(void);
void vcpu_priv_init(struct vcpu *v); /* defaults for a new vCPU */

/* Descriptor tables (pv/descriptor-tables.c, pv/desc-load.c). */
void pv_load_descriptor_tables(
    struct vcpu *v);                   /* context switch in: GDTR and LDTR for v on this CPU */
void pv_load_ldt(struct vcpu *v);      /* MMUEXT_SET_LDT: take the frames, load if current */
void pv_destroy_ldt(struct vcpu *v);   /* drop the LDT frame references */
void pv_save_segments(struct vcpu *v); /* context switch out */
void pv_load_segments(struct vcpu *v); /* context switch in (null on failure) */
void pv_destroy_gdt(struct vcpu *v);   /* drop the frame references */
long pv_set_gdt(struct vcpu *v, const unsigned long *frames, unsigned int entries);

/* The guest view of CR4 a write of @wanted leaves (pv/emul-priv-op.c). */
unsigned long pv_guest_cr4(unsigned long wanted);

/* Debug registers (pv/debugreg.c). */
long set_debugreg(struct vcpu *v, unsigned int reg, unsigned long value);
long get_debugreg(const struct vcpu *v, unsigned int reg);
/* Arm @next's breakpoints in the hardware (NULL or idle: disarm). */
void pv_load_debugregs(const struct vcpu *next);
/* #DB from the guest: its status into the guest's DR6 (the trap is then bounced). */
void pv_debug_trap_from_guest(struct vcpu *v);
/* #DB in the hypervisor (a guest watchpoint on memory we touched for it): record, ignore. */
void pv_debug_trap_in_hypervisor(struct cpu_user_regs *regs);

/* MSRs (msr.c): 0, or -1 when the guest must get #GP. */
int guest_rdmsr(struct vcpu *v, uint32_t msr, uint64_t *val);
int guest_wrmsr(struct vcpu *v, uint32_t msr, uint64_t val);

/* I/O ports (ioports.c): may @d touch the hardware ports [port, port + bytes)? */
bool ioports_permitted(const struct domain *d, unsigned int port, unsigned int bytes);
uint32_t guest_io_read(const struct domain *d, unsigned int port, unsigned int bytes);
void guest_io_write(struct domain *d, unsigned int port, unsigned int bytes, uint32_t val);

#endif
