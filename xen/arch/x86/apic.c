/* SPDX-License-Identifier: GPL-2.0-only */
/* Local APIC: x2APIC (MSRs) when the CPU has it, xAPIC (MMIO) otherwise; spurious and error vectors. */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/smp.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/processor.h>

#define MSR_APIC_BASE       0x1b
#define APIC_BASE_ENABLE    (1UL << 11)
#define APIC_BASE_EXTD      (1UL << 10)
#define APIC_BASE_ADDR_MASK 0x000ffffffffff000UL
#define MSR_X2APIC_FIRST    0x800
#define MSR_X2APIC_ICR      0x830
#define ICR_BUSY            (1u << 12)

bool x2apic_enabled;
static volatile void *apic_mmio;

uint32_t apic_read(unsigned int reg)
{
    if (x2apic_enabled)
        return (uint32_t)rdmsr(MSR_X2APIC_FIRST + (reg >> 4));
    return readl((const volatile char *)apic_mmio + reg);
}

void apic_write(unsigned int reg, uint32_t v)
{
    if (x2apic_enabled)
        wrmsr(MSR_X2APIC_FIRST + (reg >> 4), v);
    else
        writel(v, (volatile char *)apic_mmio + reg);
}

uint32_t get_apic_id(void)
{
    return x2apic_enabled ? apic_read(APIC_ID) : apic_read(APIC_ID) >> 24;
}

void apic_eoi(void)
{
    apic_write(APIC_EOI, 0);
}

void apic_send_ipi(uint32_t dest, uint32_t icr_low)
{
    unsigned long f = local_irq_save();
    if (x2apic_enabled) {
        wrmsr(MSR_X2APIC_ICR, ((uint64_t)dest << 32) | icr_low);
    } else {
        while (apic_read(APIC_ICR) & ICR_BUSY)
            cpu_relax();
        apic_write(APIC_ICR2, dest << 24);
        apic_write(APIC_ICR, icr_low);
    }
    local_irq_restore(f);
}

static void spurious_interrupt(struct cpu_user_regs *regs)
{
    /* No EOI for spurious interrupts: the APIC did not set an ISR bit. */
}

static void error_interrupt(struct cpu_user_regs *regs)
{
    apic_write(APIC_ESR, 0);
    uint32_t esr = apic_read(APIC_ESR);
    apic_eoi();
    printk(XENLOG_WARNING "APIC error on CPU %u: ESR %#x\n", smp_processor_id(), esr);
}

void apic_init(void)
{
    bool bsp = smp_processor_id() == 0;
    uint64_t base = rdmsr(MSR_APIC_BASE);

    if (cpu_has_x2apic()) {
        wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);      /* xAPIC first: EXTD needs EN */
        wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE | APIC_BASE_EXTD);
        x2apic_enabled = true;
    } else {
        BUG_ON(x2apic_enabled);         /* CPUs must agree on the mode */
        wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
        if (!apic_mmio)
            apic_mmio = ioremap(base & APIC_BASE_ADDR_MASK, PAGE_SIZE);
        if (!apic_mmio)
            panic("cannot map the local APIC at %#lx", (unsigned long)(base & APIC_BASE_ADDR_MASK));
    }
    if (bsp) {
        outb(0xff, 0x21);               /* mask the legacy 8259 PICs: the APICs take over */
        outb(0xff, 0xa1);
        set_vector_handler(SPURIOUS_APIC_VECTOR, spurious_interrupt);
        set_vector_handler(ERROR_APIC_VECTOR, error_interrupt);
    }
    if (!x2apic_enabled) {
        apic_write(APIC_DFR, 0xffffffff);               /* flat model */
        apic_write(APIC_LDR, (1u << (smp_processor_id() % 8)) << 24);
    }
    apic_write(APIC_TASKPRI, 0);
    apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
    apic_write(APIC_LVTTHMR, APIC_LVT_MASKED);
    apic_write(APIC_LVTPC, APIC_LVT_MASKED);
    apic_write(APIC_LVT0, APIC_LVT_MASKED);
    apic_write(APIC_LVT1, bsp ? APIC_DM_NMI : APIC_LVT_MASKED);     /* LINT1 carries NMI on PCs */
    apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
    apic_write(APIC_ESR, 0);
    apic_write(APIC_ESR, 0);
    apic_write(APIC_SPIV, 0x100 | SPURIOUS_APIC_VECTOR);    /* software enable */
    apic_eoi();
    get_cpu_info()->apic_id = get_apic_id();
    if (bsp)
        printk("APIC: %s mode, BSP APIC id %u\n", x2apic_enabled ? "x2APIC" : "xAPIC",
               get_cpu_info()->apic_id);
}
