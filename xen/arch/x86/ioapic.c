/* SPDX-License-Identifier: GPL-2.0-only */
/* IO-APICs from the MADT: mapped, described on the console, every redirection entry masked. */
#include <xen/acpi.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <asm/io.h>
#include <asm/ioapic.h>

#define IOAPIC_REGSEL   0x00
#define IOAPIC_WIN      0x10
#define IOAPIC_REG_ID   0x00
#define IOAPIC_REG_VER  0x01
#define IOAPIC_REG_RTE  0x10            /* two registers per pin: low, high */

struct ioapic ioapics[MAX_IOAPICS];
unsigned int nr_ioapics;

static uint32_t ioapic_reg_read(const struct ioapic *io, unsigned int reg)
{
    writel(reg, (volatile char *)io->mmio + IOAPIC_REGSEL);
    return readl((volatile char *)io->mmio + IOAPIC_WIN);
}

static void ioapic_reg_write(const struct ioapic *io, unsigned int reg, uint32_t v)
{
    writel(reg, (volatile char *)io->mmio + IOAPIC_REGSEL);
    writel(v, (volatile char *)io->mmio + IOAPIC_WIN);
}

uint64_t ioapic_read_rte(const struct ioapic *io, unsigned int pin)
{
    uint32_t lo = ioapic_reg_read(io, IOAPIC_REG_RTE + 2 * pin);
    return lo | (uint64_t)ioapic_reg_read(io, IOAPIC_REG_RTE + 2 * pin + 1) << 32;
}

void ioapic_write_rte(const struct ioapic *io, unsigned int pin, uint64_t rte)
{
    /* Mask first so the entry is never live with half of its new contents. */
    ioapic_reg_write(io, IOAPIC_REG_RTE + 2 * pin, IOAPIC_RTE_MASKED);
    ioapic_reg_write(io, IOAPIC_REG_RTE + 2 * pin + 1, rte >> 32);
    ioapic_reg_write(io, IOAPIC_REG_RTE + 2 * pin, (uint32_t)rte);
}

void ioapic_set_masked(const struct ioapic *io, unsigned int pin, bool masked)
{
    uint32_t lo = ioapic_reg_read(io, IOAPIC_REG_RTE + 2 * pin);
    lo = masked ? lo | IOAPIC_RTE_MASKED : lo & ~IOAPIC_RTE_MASKED;
    ioapic_reg_write(io, IOAPIC_REG_RTE + 2 * pin, lo);
}

uint32_t ioapic_read_reg(const struct ioapic *io, unsigned int reg)
{
    return ioapic_reg_read(io, reg);
}

void ioapic_init(void)
{
    for (unsigned int i = 0; i < acpi.madt.nr_ioapics; i++) {
        const struct madt_ioapic *m = &acpi.madt.ioapic[i];
        struct ioapic *io = &ioapics[nr_ioapics];

        io->mmio = ioremap(m->addr, PAGE_SIZE);
        if (!io->mmio) {
            printk(XENLOG_WARNING "IO-APIC id %u at %#llx cannot be mapped, ignored\n", m->id,
                   (unsigned long long)m->addr);
            continue;
        }
        io->id = m->id;
        io->addr = m->addr;
        io->gsi_base = m->gsi_base;
        uint32_t ver = ioapic_reg_read(io, IOAPIC_REG_VER);
        if (ver == 0xffffffff) {        /* nothing answers at that address */
            printk(XENLOG_WARNING "IO-APIC id %u at %#llx does not respond, ignored\n", m->id,
                   (unsigned long long)m->addr);
            continue;
        }
        io->nr_pins = ((ver >> 16) & 0xff) + 1;
        for (unsigned int pin = 0; pin < io->nr_pins; pin++)
            ioapic_write_rte(io, pin, IOAPIC_RTE_MASKED);
        printk("IO-APIC %u: id %u, address %#llx, version %#x, GSI %u-%u (%u pins), all masked\n",
               nr_ioapics, io->id, (unsigned long long)io->addr, ver & 0xff, io->gsi_base,
               io->gsi_base + io->nr_pins - 1, io->nr_pins);
        nr_ioapics++;
    }
    if (!nr_ioapics)
        printk(XENLOG_WARNING "No IO-APIC: external interrupts cannot be routed\n");
}
