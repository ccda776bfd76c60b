/* SPDX-License-Identifier: GPL-2.0-only */
/* Halt, restart and power off: stop the other CPUs, then ACPI S5, the reset register, or the fallbacks. */
#include <xen/acpi.h>
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/power.h>
#include <asm/processor.h>

extern void (*nmi_callback)(void);      /* traps.c */

#define PM1_SLP_TYP_SHIFT   10
#define PM1_SLP_TYP_MASK    (7u << PM1_SLP_TYP_SHIFT)
#define PM1_SLP_EN          (1u << 13)
#define PCI_CONF_ADDR       0xcf8
#define PCI_CONF_DATA       0xcfc

static void __noreturn stop_this_cpu(void)
{
    local_irq_disable();
    cpumask_clear_cpu(smp_processor_id(), &cpu_online_map);
    for (;;)
        halt();
}

/* An NMI gets through even to a CPU spinning with interrupts off. */
static void stop_other_cpus(void)
{
    unsigned int me = smp_processor_id();

    if (num_online_cpus() <= 1 || !cpumask_test_cpu(me, &cpu_online_map))
        return;
    nmi_callback = stop_this_cpu;
    apic_send_ipi(0, APIC_DM_NMI | APIC_DEST_ALLBUT);
    for (s_time_t end = NOW() + MILLISECS(100); num_online_cpus() > 1 && NOW() < end;)
        cpu_relax();
    console_force_unlock();             /* a stopped CPU may have been inside printk */
}

void machine_halt(void)
{
    local_irq_disable();
    stop_other_cpus();
    stop_this_cpu();
}

static void pm1_write_sleep(uint32_t port, uint8_t typ)
{
    uint16_t v = inw(port) & ~(PM1_SLP_TYP_MASK | PM1_SLP_EN);
    outw(v | (typ << PM1_SLP_TYP_SHIFT) | PM1_SLP_EN, port);
}

void machine_power_off(void)
{
    local_irq_disable();
    stop_other_cpus();
    if (acpi.have_s5 && acpi.fadt.pm1a_cnt) {
        printk("Powering off (ACPI S5)\n");
        pm1_write_sleep(acpi.fadt.pm1a_cnt, acpi.s5_typ[0]);
        if (acpi.fadt.pm1b_cnt)
            pm1_write_sleep(acpi.fadt.pm1b_cnt, acpi.s5_typ[1]);
        mdelay(1000);
        printk(XENLOG_ERR "power off: the machine is still running after the S5 request\n");
    } else {
        printk(XENLOG_ERR "power off: no ACPI S5 (FADT PM1 control or \\_S5 missing)\n");
    }
    printk(XENLOG_ERR "power off failed: halting instead\n");
    stop_this_cpu();
}

/* The FADT reset register, in whichever address space it lives. */
static void acpi_reset(void)
{
    const struct acpi_gas *r = &acpi.fadt.reset_reg;
    uint8_t v = acpi.fadt.reset_value;

    switch (r->space_id) {
    case ACPI_SPACE_IO:
        outb(v, (uint16_t)r->address);
        break;
    case ACPI_SPACE_MEM: {
        volatile uint8_t *p = ioremap(r->address, 1);
        if (p)
            *p = v;
        break;
    }
    case ACPI_SPACE_PCI: {          /* bus 0; device, function, offset packed in the address */
        uint32_t dev = (r->address >> 32) & 0x1f, fn = (r->address >> 16) & 7;
        uint32_t off = r->address & 0xff;
        outl(0x80000000u | (dev << 11) | (fn << 8) | (off & 0xfc), PCI_CONF_ADDR);
        outb(v, PCI_CONF_DATA + (off & 3));
        break;
    }
    default:
        printk(XENLOG_WARNING "reset: FADT reset register in address space %u, not supported\n",
               r->space_id);
    }
}

void machine_restart(void)
{
    local_irq_disable();
    stop_other_cpus();
    printk("Restarting the machine\n");
    if (acpi.fadt.reset_supported) {
        acpi_reset();
        mdelay(100);
    }
    /* Keyboard controller reset line, then a triple fault as the last resort. */
    for (int i = 0; i < 100; i++) {
        for (int j = 0; j < 1000 && (inb(0x64) & 2); j++)    /* wait for an empty input buffer */
            udelay(10);
        outb(0xfe, 0x64);
        udelay(50);
    }
    struct { uint16_t limit; uint64_t base; } __packed empty = { 0, 0 };
    __asm__ volatile("lidt %0; int3" :: "m"(empty));
    for (;;)
        halt();
}
