/* SPDX-License-Identifier: GPL-2.0-only */
/* Self-test "ipi": a call-function IPI reaches every online CPU; a TLB-flush IPI drops stale translations everywhere. */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/selftest.h>
#include <xen/smp.h>
#include <asm/apic.h>
#include <asm/boot-defs.h>
#include <asm/processor.h>

#define TEST_L4_SLOT    259                     /* reserved in asm/layout.h, unused at boot */
#define TEST_VA         ((volatile uint64_t *)0xffff818000000000UL)
#define MARK_A          0xa11ce0000000000aUL
#define MARK_B          0xb0b000000000000bUL

static uint32_t answer_apicid[NR_CPUS];
static cpumask_t answered;
static uint64_t seen[NR_CPUS];

/* Page tables for one 4 KiB mapping at TEST_VA, and the two pages it points at in turn. */
static uint64_t l3[512] __aligned(PAGE_SIZE), l2[512] __aligned(PAGE_SIZE), l1[512] __aligned(PAGE_SIZE);
static uint64_t page_a[512] __aligned(PAGE_SIZE), page_b[512] __aligned(PAGE_SIZE);

static void report_in(void *unused)
{
    unsigned int cpu = smp_processor_id();
    answer_apicid[cpu] = get_apic_id();
    cpumask_set_cpu(cpu, &answered);
}

static void read_test_va(void *unused)
{
    seen[smp_processor_id()] = *TEST_VA;
}

/* Every online CPU reads TEST_VA; how many saw @want? */
static unsigned int count_seen(uint64_t want)
{
    unsigned int cpu, ok = 0;
    on_selected_cpus(&cpu_online_map, read_test_va, NULL, true);
    for_each_online_cpu(cpu)
        ok += seen[cpu] == want;
    return ok;
}

static bool tlb_round(unsigned int n)
{
    uint64_t *l4 = __va(read_cr3() & PAGE_MASK);

    if (l4[TEST_L4_SLOT]) {
        printk("SELFTEST ipi FAIL: L4 slot %u is in use, cannot test TLB flushes\n", TEST_L4_SLOT);
        return false;
    }
    page_a[0] = MARK_A;
    page_b[0] = MARK_B;
    l1[0] = __pa(page_a) | PTE_TABLE;
    l2[0] = __pa(l1) | PTE_TABLE;
    l3[0] = __pa(l2) | PTE_TABLE;
    l4[TEST_L4_SLOT] = __pa(l3) | PTE_TABLE;

    unsigned int before = count_seen(MARK_A);  /* every CPU now caches TEST_VA -> page_a */
    l1[0] = __pa(page_b) | PTE_TABLE;           /* no flush yet: TLBs are stale */
    flush_tlb_mask(&cpu_online_map);
    unsigned int after = count_seen(MARK_B);

    l4[TEST_L4_SLOT] = 0;
    flush_tlb_mask(&cpu_online_map);
    printk("SELFTEST ipi TLB: %u/%u CPUs read the old page, %u/%u the new one after flush_tlb_mask\n",
           before, n, after, n);
    return before == n && after == n;
}

static void selftest_ipi(void)
{
    unsigned int cpu, n = num_online_cpus(), ok = 0;

    on_selected_cpus(&cpu_online_map, report_in, NULL, true);
    for_each_online_cpu(cpu) {
        bool good = cpumask_test_cpu(cpu, &answered) && answer_apicid[cpu] == cpu_to_apicid[cpu];
        printk("SELFTEST ipi CPU%u: %s, APIC id %u (expected %u)\n", cpu,
               cpumask_test_cpu(cpu, &answered) ? "answered" : "silent", answer_apicid[cpu],
               cpu_to_apicid[cpu]);
        ok += good;
    }
    bool tlb_ok = tlb_round(n);
    if (ok == n && tlb_ok)
        printk("SELFTEST ipi PASS: %u/%u CPUs answered\n", ok, n);
    else
        printk("SELFTEST ipi FAIL: %u/%u CPUs answered%s\n", ok, n, tlb_ok ? "" : ", TLB flush round failed");
}
SELFTEST("ipi", selftest_ipi, 10);
