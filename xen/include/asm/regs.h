/* SPDX-License-Identifier: GPL-2.0-only */
/* The register frame built by every interrupt/exception entry (same order as Xen's cpu_user_regs). */
#ifndef ASM_REGS_H
#define ASM_REGS_H

#ifndef __ASSEMBLY__
#include <xen/types.h>
#endif

/* Exceptions for which the CPU pushes an error code: #DF #TS #NP #SS #GP #PF #AC #CP #VC #SX. */
#define EXC_HAS_ERRCODE_MASK 0x60227d00
#define exc_has_error_code(v) (((v) < 32) && ((EXC_HAS_ERRCODE_MASK >> (v)) & 1))

/* Pseudo-vectors in entry_vector for entries that are not IDT vectors. */
#define TRAP_syscall    0x100
#define TRAP_syscall32  0x101

#ifndef __ASSEMBLY__
/* The frame is the public struct cpu_user_regs (ABI layout); hardware fills rip..ss,
 * the entry code the rest; es..gs are never pushed in long mode. */
#include <public/xen.h>

static inline bool regs_from_guest(const struct cpu_user_regs *r) { return (r->cs & 3) != 0; }

void show_registers(const struct cpu_user_regs *regs);
void show_stack_trace(unsigned long rbp, unsigned long rip);
#endif

/* Offsets used by assembly; checked against the struct in arch/x86/pv/entry-checks.c. */
#define UREGS_rax           80
#define UREGS_error_code    120
#define UREGS_rip           128
#define UREGS_cs            136
#define UREGS_rflags        144
#define UREGS_rsp           152
#define UREGS_ss            160
#define UREGS_size          200
/* From &guest_regs to cpu_info fields. */
#define CPUINFO_guest_regs      8
#define CPUINFO_syscall_scratch 232

#endif
