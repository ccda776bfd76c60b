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

/* Device interrupts passed to guests (arch/x86/irq.c): irq == GSI below nr_irqs_gsi, MSIs above. */
#define NR_HW_IRQS  (LAST_DYNAMIC_VECTOR - 0x30 + 1)

struct domain;
struct msi_target;
struct ioapic;
extern unsigned int nr_irqs_gsi;

void irq_init(void);                    /* after ioapic_init() */
/* PHYSDEVOP_setup_gsi: -EINVAL out of range, -EEXIST if already set (ISA pins from firmware). */
int irq_gsi_configure(unsigned int gsi, bool level, bool active_low);
int irq_create_msi(const struct msi_target *t);     /* the new irq, or -errno */
bool irq_is_msi(unsigned int irq);
/* @d's @pirq now owns @irq (d NULL: unmapped; an MSI irq is then freed). */
int irq_set_guest(unsigned int irq, struct domain *d, unsigned int pirq);
void irq_guest_bind(unsigned int irq, bool bind);
void irq_guest_eoi(unsigned int irq);
const struct ioapic *ioapic_by_address(paddr_t base);

/* Raise @pirq's event channel in @d (common to all irq kinds; xen/arch/x86/pirq.c). */
void pirq_deliver(struct domain *d, unsigned int pirq, bool needs_eoi);

#endif
