/* SPDX-License-Identifier: GPL-2.0-only */
/* SMP bring-up: every usable CPU in the MADT started with INIT-SIPI-SIPI onto its own stack and per-CPU area. */
#include <xen/acpi.h>
#include <xen/bootinfo.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/processor.h>

extern struct boot_info boot_info;                      /* setup.c */
extern const char ap_trampoline_start[], ap_trampoline_end[];
extern char __per_cpu_start[], __per_cpu_end[];
extern uint64_t idle_pg_table[512];

cpumask_t cpu_online_map = { .bits = { 1 } };           /* the boot CPU is CPU 0 */
unsigned int nr_cpu_ids = 1;
uint32_t cpu_to_apicid[NR_CPUS];

/* Read by the AP start code (boot/trampoline.S). */
uint32_t ap_boot_cr3, ap_boot_efer;
unsigned long ap_boot_stack;
static unsigned long ap_boot_cr4;

/* How long a CPU gets to answer INIT-SIPI-SIPI, then to finish its own setup. */
#define AP_START_TIMEOUT    MILLISECS(2000)

static bool overlaps(paddr_t a, size_t alen, paddr_t b, paddr_t bend)
{
    return a < bend && b < a + alen;
}

/* A RAM page below 640 KiB that neither the loader's info nor a module occupies. */
static paddr_t pick_trampoline(const struct boot_info *bi, size_t size)
{
    for (paddr_t pa = 0x8000; pa + size <= 0x9f000; pa += PAGE_SIZE) {
        bool ram = false, busy = overlaps(pa, size, bi->info_start, bi->info_end);
        for (unsigned int i = 0; i < bi->map.nr; i++) {
            const struct memmap_entry *e = &bi->map.e[i];
            if (e->type == E820_RAM && e->addr <= pa && pa + size <= e->addr + e->size)
                ram = true;
        }
        for (unsigned int i = 0; i < bi->nr_modules; i++)
            busy |= overlaps(pa, size, bi->mods[i].start, bi->mods[i].start + bi->mods[i].size);
        if (ram && !busy)
            return pa;
    }
    return 0;
}

static unsigned int pages_order(size_t bytes)
{
    unsigned int order = 0;
    while ((PAGE_SIZE << order) < bytes)
        order++;
    return order;
}

void __noreturn start_secondary(void)
{
    unsigned int cpu = smp_processor_id();

    write_cr4(ap_boot_cr4);
    load_cpu_tables(cpu);
    apic_init();
    timer_init_cpu();
    cpumask_set_cpu(cpu, &cpu_online_map);
    start_scheduling();
}

/* Wait until @cpu is online or @deadline passes. */
static bool wait_online(unsigned int cpu, s_time_t deadline)
{
    while (!cpumask_test_cpu(cpu, &cpu_online_map))
        if (NOW() > deadline)
            return false;
        else
            cpu_relax();
    return true;
}

static bool boot_one_cpu(unsigned int cpu, uint32_t apicid, unsigned int sipi_vector)
{
    size_t pcpu_size = __per_cpu_end - __per_cpu_start;
    unsigned int pcpu_order = pages_order(pcpu_size);
    char *stack = alloc_xenheap_pages(STACK_ORDER);
    char *pcpu = alloc_xenheap_pages(pcpu_order);

    if (!stack || !pcpu || ((unsigned long)stack & (STACK_SIZE - 1))) {
        printk(XENLOG_WARNING "SMP: no memory for CPU%u (APIC id %u), skipped\n", cpu, apicid);
        if (stack)
            free_xenheap_pages(stack, STACK_ORDER);
        if (pcpu)
            free_xenheap_pages(pcpu, pcpu_order);
        return false;
    }
    memset(pcpu, 0, PAGE_SIZE << pcpu_order);
    __per_cpu_offset[cpu] = pcpu - __per_cpu_start;
    struct cpu_info *ci = stack_cpu_info(stack);
    memset(ci, 0, CPUINFO_SIZE);
    ci->processor_id = cpu;
    ci->apic_id = apicid;
    ci->per_cpu_offset = __per_cpu_offset[cpu];
    cpu_to_apicid[cpu] = apicid;
    __atomic_store_n(&ap_boot_stack, (unsigned long)ci, __ATOMIC_SEQ_CST);

    /* INIT, 10 ms, then two STARTUPs 200 us apart (Intel SDM, MP initialisation). */
    apic_send_ipi(apicid, APIC_DM_INIT | APIC_INT_ASSERT | APIC_INT_LEVELTRIG);
    mdelay(10);
    for (int i = 0; i < 2 && !cpumask_test_cpu(cpu, &cpu_online_map); i++) {
        apic_send_ipi(apicid, APIC_DM_STARTUP | sipi_vector);
        udelay(200);
    }
    if (wait_online(cpu, NOW() + AP_START_TIMEOUT))
        return true;
    /* Take the stack back; if the AP already claimed it, it is running: give it more time. */
    if (__atomic_exchange_n(&ap_boot_stack, 0, __ATOMIC_SEQ_CST)) {
        printk(XENLOG_WARNING "SMP: CPU with APIC id %u did not answer INIT-SIPI-SIPI, skipped\n",
               apicid);
        free_xenheap_pages(stack, STACK_ORDER);
        free_xenheap_pages(pcpu, pcpu_order);
        __per_cpu_offset[cpu] = 0;
        return false;
    }
    if (wait_online(cpu, NOW() + AP_START_TIMEOUT))
        return true;
    printk(XENLOG_WARNING "SMP: CPU with APIC id %u started but never came online, skipped\n",
           apicid);
    return false;                       /* its memory stays: the CPU may still be using it */
}

/* Slot 0 (identity map of low memory) was only for starting CPUs: drop it so NULL faults. */
static void remove_identity_map(void)
{
    __atomic_store_n(&idle_pg_table[0], 0, __ATOMIC_SEQ_CST);
    flush_tlb_mask(&cpu_online_map);
}

void smp_prepare_cpus(void)
{
    const struct madt_info *m = &acpi.madt;
    uint32_t bsp = get_apic_id();
    size_t tsize = ap_trampoline_end - ap_trampoline_start;
    paddr_t tramp = pick_trampoline(&boot_info, tsize);

    smp_ipi_init();
    cpu_to_apicid[0] = bsp;
    nr_cpu_ids = acpi.have_madt && m->nr_cpus ? m->nr_cpus : 1;
    if (acpi.have_madt && m->nr_cpus > 1 && !tramp)
        printk(XENLOG_WARNING "SMP: no free RAM page below 640 KiB for the AP trampoline, "
               "running on the boot CPU only\n");
    if (tramp && nr_cpu_ids > 1) {
        memcpy(__va(tramp), ap_trampoline_start, tsize);
        ap_boot_cr3 = (uint32_t)read_cr3();
        ap_boot_efer = (uint32_t)rdmsr(MSR_EFER) & (EFER_SCE | EFER_LME | EFER_NXE);
        ap_boot_cr4 = read_cr4();
        printk("SMP: AP trampoline at %#llx, %u CPUs in the MADT, boot CPU APIC id %u\n",
               (unsigned long long)tramp, m->nr_cpus, bsp);
        unsigned int next = 1;
        for (unsigned int i = 0; i < m->nr_cpus && tramp; i++) {
            uint32_t id = m->cpu_apicid[i];
            if (id == bsp)
                continue;
            if (id > 0xff && !x2apic_enabled) {
                printk(XENLOG_WARNING "SMP: APIC id %u needs x2APIC mode, CPU skipped\n", id);
                continue;
            }
            if (boot_one_cpu(next, id, tramp >> PAGE_SHIFT))
                printk("SMP: CPU%u (APIC id %u) is online\n", next++, id);
        }
    }
    remove_identity_map();
}
