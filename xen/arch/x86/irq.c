/* SPDX-License-Identifier: GPL-2.0-only */
/* Device interrupts the hypervisor passes to a guest: IO-APIC pins (GSIs) and MSIs, one vector each. */
#include <xen/acpi.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <asm/apic.h>
#include <asm/ioapic.h>
#include <asm/irq.h>
#include <asm/msi.h>

/*
 * irq n uses vector IRQ_VECTOR_BASE + n on the boot CPU; irqs below nr_irqs_gsi are the GSIs
 * (irq == GSI, as Xen numbers them), the rest are MSIs. A level-triggered pin is masked at the
 * IO-APIC when it fires and unmasked when the guest EOIs (Xen's ACKTYPE_UNMASK); edge pins
 * and MSIs are acknowledged at once.
 */
#define IRQ_VECTOR_BASE 0x30

enum irq_kind { IRQ_UNUSED, IRQ_GSI, IRQ_MSI };

struct irq_desc {
    uint8_t kind;
    bool level, active_low;             /* GSI: trigger and polarity */
    bool configured;                    /* GSI: trigger/polarity set (setup_gsi or firmware) */
    bool eoi_pending;                   /* level GSI masked until the guest's EOI */
    bool bound;                         /* a guest event channel is bound: unmasked */
    struct domain *guest;               /* mapped to @guest's @pirq */
    unsigned int pirq;
    struct msi_target msi;              /* MSI: where its address/data live */
};

static struct irq_desc irq_desc[NR_HW_IRQS];
static DEFINE_SPINLOCK(irq_lock);
unsigned int nr_irqs_gsi;

static const struct ioapic *gsi_ioapic(unsigned int gsi, unsigned int *pin)
{
    for (unsigned int i = 0; i < nr_ioapics; i++)
        if (gsi >= ioapics[i].gsi_base && gsi < ioapics[i].gsi_base + ioapics[i].nr_pins) {
            *pin = gsi - ioapics[i].gsi_base;
            return &ioapics[i];
        }
    return NULL;
}

const struct ioapic *ioapic_by_address(paddr_t base)
{
    for (unsigned int i = 0; i < nr_ioapics; i++)
        if (ioapics[i].addr == base)
            return &ioapics[i];
    return NULL;
}

static void gsi_set_masked(unsigned int gsi, bool masked)
{
    unsigned int pin;
    const struct ioapic *io = gsi_ioapic(gsi, &pin);
    if (io)
        ioapic_set_masked(io, pin, masked);
}

/* Route the pin to our vector on the boot CPU, masked. */
static void gsi_program(unsigned int gsi)
{
    unsigned int pin;
    const struct ioapic *io = gsi_ioapic(gsi, &pin);
    const struct irq_desc *desc = &irq_desc[gsi];
    if (!io)
        return;
    uint64_t rte = (IRQ_VECTOR_BASE + gsi) | IOAPIC_RTE_MASKED |
                   (desc->level ? IOAPIC_RTE_LEVEL : 0) | (desc->active_low ? IOAPIC_RTE_LOW : 0) |
                   (uint64_t)cpu_to_apicid[0] << 56;
    ioapic_write_rte(io, pin, rte);
}

static void hw_irq_interrupt(struct cpu_user_regs *regs)
{
    unsigned int irq = regs->entry_vector - IRQ_VECTOR_BASE;
    struct irq_desc *desc = &irq_desc[irq];
    bool level = false;

    spin_lock(&irq_lock);
    struct domain *d = desc->bound ? desc->guest : NULL;
    unsigned int pirq = desc->pirq;
    if (desc->kind == IRQ_GSI && desc->level) {
        gsi_set_masked(irq, true);      /* before the EOI, or the still-asserted line refires */
        desc->eoi_pending = true;
        level = true;
    }
    spin_unlock(&irq_lock);
    apic_eoi();
    if (d)
        pirq_deliver(d, pirq, level);
}

/* Firmware defaults: ISA IRQs edge/high unless the MADT overrides them, PCI GSIs level/low. */
void irq_init(void)
{
    for (unsigned int i = 0; i < nr_ioapics; i++)
        nr_irqs_gsi = MAX(nr_irqs_gsi, ioapics[i].gsi_base + ioapics[i].nr_pins);
    if (nr_irqs_gsi > NR_HW_IRQS / 2)
        nr_irqs_gsi = NR_HW_IRQS / 2;   /* keep half of the vectors for MSIs */
    for (unsigned int gsi = 0; gsi < nr_irqs_gsi; gsi++) {
        struct irq_desc *desc = &irq_desc[gsi];
        desc->kind = IRQ_GSI;
        desc->level = desc->active_low = gsi >= 16;
        desc->configured = gsi < 16;
    }
    for (unsigned int i = 0; i < acpi.madt.nr_overrides; i++) {
        const struct madt_override *o = &acpi.madt.override[i];
        if (o->gsi >= nr_irqs_gsi)
            continue;
        unsigned int pol = o->flags & 3, trig = (o->flags >> 2) & 3;
        /* MPS INTI flags: 0 = the bus default (ISA: edge, high), 1 = high/edge, 3 = low/level. */
        irq_desc[o->gsi].active_low = pol == 3;
        irq_desc[o->gsi].level = trig == 3;
    }
    for (unsigned int v = IRQ_VECTOR_BASE; v < IRQ_VECTOR_BASE + NR_HW_IRQS; v++)
        set_vector_handler(v, hw_irq_interrupt);
    printk("IRQ: %u GSIs through the IO-APIC, %u MSI vectors, delivered to CPU 0 (APIC id %u)\n",
           nr_irqs_gsi, NR_HW_IRQS - nr_irqs_gsi, cpu_to_apicid[0]);
}

int irq_gsi_configure(unsigned int gsi, bool level, bool active_low)
{
    if (gsi >= nr_irqs_gsi)
        return -EINVAL;
    unsigned long f = spin_lock_irqsave(&irq_lock);
    struct irq_desc *desc = &irq_desc[gsi];
    int rc = desc->configured ? -EEXIST : 0;
    if (!rc) {
        desc->level = level;
        desc->active_low = active_low;
        desc->configured = true;
        if (desc->bound)
            gsi_program(gsi);
        if (desc->bound && !desc->eoi_pending)
            gsi_set_masked(gsi, false);
    }
    spin_unlock_irqrestore(&irq_lock, f);
    return rc;
}

int irq_create_msi(const struct msi_target *t)
{
    unsigned long f = spin_lock_irqsave(&irq_lock);
    int irq = -ENOSPC;
    for (unsigned int i = nr_irqs_gsi; i < NR_HW_IRQS; i++)
        if (irq_desc[i].kind == IRQ_UNUSED) {
            irq_desc[i] = (struct irq_desc){ .kind = IRQ_MSI, .msi = *t };
            irq = i;
            break;
        }
    spin_unlock_irqrestore(&irq_lock, f);
    if (irq < 0)
        return irq;
    int rc = msi_program(&irq_desc[irq].msi, IRQ_VECTOR_BASE + irq, cpu_to_apicid[0]);
    if (rc) {
        irq_desc[irq].kind = IRQ_UNUSED;
        return rc;
    }
    return irq;
}

bool irq_is_msi(unsigned int irq)
{
    return irq < NR_HW_IRQS && irq_desc[irq].kind == IRQ_MSI;
}

/* Map or unmap: which guest pirq @irq belongs to. -EBUSY if another domain has it. */
int irq_set_guest(unsigned int irq, struct domain *d, unsigned int pirq)
{
    if (irq >= NR_HW_IRQS || irq_desc[irq].kind == IRQ_UNUSED)
        return -EINVAL;
    unsigned long f = spin_lock_irqsave(&irq_lock);
    struct irq_desc *desc = &irq_desc[irq];
    int rc = 0;
    if (d && desc->guest && (desc->guest != d || desc->pirq != pirq)) {
        rc = -EBUSY;
    } else if (d) {
        desc->guest = d;
        desc->pirq = pirq;
    } else {
        if (desc->kind == IRQ_GSI)
            gsi_set_masked(irq, true);
        else
            msi_mask(&desc->msi, true);
        desc->bound = desc->eoi_pending = false;
        desc->guest = NULL;
        if (desc->kind == IRQ_MSI) {
            msi_release(&desc->msi);
            desc->kind = IRQ_UNUSED;
        }
    }
    spin_unlock_irqrestore(&irq_lock, f);
    return rc;
}

/* EVTCHNOP_bind_pirq / close: start or stop delivering. */
void irq_guest_bind(unsigned int irq, bool bind)
{
    unsigned long f = spin_lock_irqsave(&irq_lock);
    struct irq_desc *desc = &irq_desc[irq];
    if (desc->kind == IRQ_GSI) {
        if (bind && !desc->bound)
            gsi_program(irq);
        desc->bound = bind;
        desc->eoi_pending = false;
        gsi_set_masked(irq, !bind);
    } else if (desc->kind == IRQ_MSI) {
        desc->bound = bind;
        msi_mask(&desc->msi, !bind);
    }
    spin_unlock_irqrestore(&irq_lock, f);
}

/* PHYSDEVOP_eoi: a level pin masked at delivery is unmasked (it refires if still asserted). */
void irq_guest_eoi(unsigned int irq)
{
    unsigned long f = spin_lock_irqsave(&irq_lock);
    struct irq_desc *desc = &irq_desc[irq];
    if (irq < NR_HW_IRQS && desc->kind == IRQ_GSI && desc->eoi_pending) {
        desc->eoi_pending = false;
        if (desc->bound)
            gsi_set_masked(irq, false);
    }
    spin_unlock_irqrestore(&irq_lock, f);
}
