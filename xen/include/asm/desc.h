/* SPDX-License-Identifier: GPL-2.0-only */
/* Descriptor tables: per-CPU GDT and TSS, the shared IDT. */
#ifndef ASM_DESC_H
#define ASM_DESC_H

#include <xen/types.h>

void traps_init(void);                  /* boot CPU: build the IDT, load tables for CPU 0 */
/* On a freshly started CPU, running on its own stack block: GDT, TSS with IST stacks, IDT. */
void load_cpu_tables(unsigned int cpu);
/* SYSCALL MSRs and this CPU's LSTAR/CSTAR stubs (part of load_cpu_tables). */
void syscall_init_cpu(unsigned int cpu);

#endif
