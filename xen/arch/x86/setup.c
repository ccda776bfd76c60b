/* SPDX-License-Identifier: GPL-2.0-only */
/* The boot CPU's path from long mode to a running machine. */
#include <xen/bootinfo.h>
#include <xen/config.h>
#include <xen/console.h>
#include <xen/acpi.h>
#include <xen/init.h>
#include <asm/pv-priv.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/selftest.h>
#include <asm/image.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/dom0_build.h>
#include <asm/pv-mm.h>
#include <asm/ioapic.h>
#include <asm/iomem.h>
#include <asm/irq.h>
#include <asm/layout.h>
#include <asm/power.h>
#include <asm/processor.h>

extern const struct kernel_param __setup_start[], __setup_end[];

unsigned long __per_cpu_offset[NR_CPUS];
struct boot_info boot_info;

const char *hypervisor_cmdline(void)
{
    return boot_info.cmdline;
}

/* Until the full direct map exists, the boot tables map 0-4 GiB there. */
static const void *boot_phys_reader(paddr_t pa)
{
    return (const void *)(DIRECTMAP_VIRT_START + pa);
}

static void print_banner(const struct boot_info *bi)
{
    static const char *const types[] = { "?", "RAM", "reserved", "ACPI data", "ACPI NVS", "unusable" };
    printk("Xenolith " XENOLITH_VERSION " (built " __DATE__ " " __TIME__ ", gcc " __VERSION__ ")\n");
    printk("Boot loader: %s\n", bi->loader[0] ? bi->loader : "(unnamed)");
    printk("Command line: %s\n", bi->cmdline);
    printk("Memory map from the boot loader:\n");
    for (unsigned i = 0; i < bi->map.nr; i++) {
        const struct memmap_entry *e = &bi->map.e[i];
        printk(" %016llx - %016llx (%s)\n", (unsigned long long)e->addr,
               (unsigned long long)(e->addr + e->size),
               e->type < ARRAY_SIZE(types) ? types[e->type] : "other");
    }
    for (unsigned i = 0; i < bi->nr_modules; i++)
        printk("Module %u: %#llx-%#llx '%s'\n", i, (unsigned long long)bi->mods[i].start,
               (unsigned long long)(bi->mods[i].start + bi->mods[i].size), bi->mods[i].cmdline);
}

void __noreturn start_xenolith(uint32_t magic, uint32_t info)
{
    const char *err;
    get_cpu_info()->processor_id = 0;

    early_time_init();
    int rc = multiboot_parse(magic, info, boot_phys_reader, &boot_info, &err);
    cmdline_parse(boot_info.cmdline, __setup_start, __setup_end);
    serial_init();
    if (rc)
        panic("Bad boot information: %s", err);
    print_banner(&boot_info);

    memory_init(&boot_info);
    image_protect();
    cpu_harden_init();
    traps_init();
    apic_init();
    /* (memory_init goes before acpi_init, timers before smp_prepare_cpus) */
    acpi_init();
    ioapic_init();
    iomem_init();
    irq_init();
    timer_init();
    scheduler_init();
    smp_prepare_cpus();
    m2p_init();
    printk("%u CPUs online, %lu MiB RAM\n", num_online_cpus(), total_ram_pages() >> (20 - PAGE_SHIFT));

    priv_init();
    selftests_run();
    mm_print_footprint();
    printk("Boot took %llu ms of TSC since the first instruction\n",
           (unsigned long long)(tsc_to_ns(rdtsc() - boot_tsc_start) / 1000000));
    if (boot_fdt_given(&boot_info)) {
        construct_boot_domains(&boot_info);
        start_scheduling();
    }
    if (!boot_info.nr_modules) {
        printk("No dom0 kernel given (no multiboot module): nothing to run, %s\n",
               opt_noreboot ? "idling (noreboot)" : "powering off");
        if (opt_noreboot)
            machine_halt();
        machine_power_off();
    }
    if (!construct_initial_domain(&boot_info)) {
        printk("No initial domain: nothing to run, %s\n", opt_noreboot ? "idling (noreboot)" : "powering off");
        if (opt_noreboot)
            machine_halt();
        machine_power_off();
    }
    start_scheduling();
}
