/* SPDX-License-Identifier: GPL-2.0-only */
/* IO-APICs: found in the MADT, every pin masked until someone routes it. */
#ifndef ASM_IOAPIC_H
#define ASM_IOAPIC_H

#include <xen/acpi.h>
#include <xen/types.h>

struct ioapic {
    uint32_t id;
    paddr_t addr;
    volatile void *mmio;
    uint32_t gsi_base;
    unsigned int nr_pins;
};

extern struct ioapic ioapics[MAX_IOAPICS];
extern unsigned int nr_ioapics;

void ioapic_init(void);                 /* boot CPU, after acpi_init() */
/* Redirection entry of @pin (64 bits: vector, delivery, polarity, trigger, mask, destination). */
uint64_t ioapic_read_rte(const struct ioapic *io, unsigned int pin);
void ioapic_write_rte(const struct ioapic *io, unsigned int pin, uint64_t rte);

void ioapic_set_masked(const struct ioapic *io, unsigned int pin, bool masked);
uint32_t ioapic_read_reg(const struct ioapic *io, unsigned int reg);

#define IOAPIC_RTE_MASKED   (1u << 16)
#define IOAPIC_RTE_LEVEL    (1u << 15)
#define IOAPIC_RTE_LOW      (1u << 13)

#endif
