/* SPDX-License-Identifier: GPL-2.0-only */
/* Halt, restart and power off the machine. */
#include <xen/lib.h>
#include <xen/time.h>
#include <asm/io.h>
#include <asm/power.h>
#include <asm/processor.h>

void machine_halt(void)
{
    local_irq_disable();
    for (;;)
        halt();
}

void machine_restart(void)
{
    local_irq_disable();
    /* Keyboard controller reset line, then a triple fault as the last resort. */
    for (int i = 0; i < 100; i++) {
        outb(0xfe, 0x64);
        udelay(50);
    }
    struct { uint16_t limit; uint64_t base; } __packed empty = { 0, 0 };
    __asm__ volatile("lidt %0; int3" :: "m"(empty));
    for (;;)
        halt();
}

void machine_power_off(void)
{
    printk(XENLOG_ERR "power off: no ACPI support yet, halting instead\n");
    machine_halt();
}
