/* SPDX-License-Identifier: GPL-2.0-only */
/* Local APIC, in xAPIC (MMIO) or x2APIC (MSR) mode behind one accessor pair. */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <xen/types.h>

/* Register offsets in xAPIC MMIO units; x2APIC uses MSR 0x800 + (offset >> 4). */
#define APIC_ID         0x020
#define APIC_LVR        0x030
#define APIC_TASKPRI    0x080
#define APIC_EOI        0x0b0
#define APIC_LDR        0x0d0
#define APIC_DFR        0x0e0
#define APIC_SPIV       0x0f0
#define APIC_ESR        0x280
#define APIC_ICR        0x300
#define APIC_ICR2       0x310
#define APIC_LVTT       0x320
#define APIC_LVTTHMR    0x330
#define APIC_LVTPC      0x340
#define APIC_LVT0       0x350
#define APIC_LVT1       0x360
#define APIC_LVTERR     0x370
#define APIC_TMICT      0x380
#define APIC_TMCCT      0x390
#define APIC_TDCR       0x3e0

#define APIC_LVT_MASKED         (1u << 16)
#define APIC_LVT_TIMER_ONESHOT  (0u << 17)
#define APIC_LVT_TIMER_PERIODIC (1u << 17)
#define APIC_LVT_TIMER_TSCDEADLINE (2u << 17)
#define MSR_IA32_TSC_DEADLINE   0x6e0

#define APIC_DM_FIXED   0x000
#define APIC_DM_NMI     0x400
#define APIC_DM_INIT    0x500
#define APIC_DM_STARTUP 0x600
#define APIC_INT_ASSERT 0x4000
#define APIC_INT_LEVELTRIG 0x8000
#define APIC_DEST_SELF      0x40000
#define APIC_DEST_ALLBUT    0xc0000

extern bool x2apic_enabled;

void apic_init(void);                   /* this CPU: enable, x2APIC if possible, LVTs masked */
uint32_t apic_read(unsigned int reg);
void apic_write(unsigned int reg, uint32_t v);
uint32_t get_apic_id(void);
void apic_eoi(void);
/* Send @icr_low (vector | delivery mode | shorthand) to @dest (APIC id; ignored with shorthands). */
void apic_send_ipi(uint32_t dest, uint32_t icr_low);

#endif
