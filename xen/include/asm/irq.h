/* SPDX-License-Identifier: GPL-2.0-only */
/* Interrupt vectors and their handlers. */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

#include <asm/regs.h>

/* Fixed high-priority vectors (same numbers as Xen uses). */
#define SPURIOUS_APIC_VECTOR    0xff
#define ERROR_APIC_VECTOR       0xfe
#define INVALIDATE_TLB_VECTOR   0xfd
#define EVENT_CHECK_VECTOR      0xfc
#define CALL_FUNCTION_VECTOR    0xfb
#define LOCAL_TIMER_VECTOR      0xfa
#define FIRST_DYNAMIC_VECTOR    0x20
#define LAST_DYNAMIC_VECTOR     0xdf

typedef void (*vector_handler_t)(struct cpu_user_regs *regs);

/* Route @vector (>= 0x20) to @fn on every CPU; the handler runs with interrupts off, EOI is its job. */
void set_vector_handler(unsigned int vector, vector_handler_t fn);

#endif
