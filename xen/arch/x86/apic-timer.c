/* SPDX-License-Identifier: GPL-2.0-only */
/* The local APIC timer as each CPU's one-shot event source: TSC-deadline mode, or a count calibrated against the TSC. */
#include <xen/calibrate.h>
#include <xen/lib.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/time.h>

#define APIC_TDR_DIV_1  0x0b
#define CAL_WINDOW_MS   10
#define CAL_RUNS        3

static bool use_tsc_deadline;
static uint64_t apic_khz;               /* APIC timer ticks at divide-by-1 */

static void timer_interrupt(struct cpu_user_regs *regs)
{
    apic_eoi();
    raise_softirq(TIMER_SOFTIRQ);
}

/* The current count as an up-counter, for calibration. */
static uint64_t read_apic_count(void *ctx)
{
    return ~apic_read(APIC_TMCCT);
}

static uint64_t read_tsc(void *ctx)
{
    return rdtsc_ordered();
}

static void calibrate_apic_timer(void)
{
    const struct calib_counter apic = { read_apic_count, NULL, 0xffffffff };
    const struct calib_counter tsc = { read_tsc, NULL, ~0ULL };
    uint64_t dapic, dtsc;

    apic_write(APIC_LVTT, APIC_LVT_MASKED | APIC_LVT_TIMER_ONESHOT | LOCAL_TIMER_VECTOR);
    apic_write(APIC_TDCR, APIC_TDR_DIV_1);
    apic_write(APIC_TMICT, 0xffffffff);
    if (calibrate_counters(&apic, &tsc, cpu_khz * CAL_WINDOW_MS, CAL_RUNS, &dapic, &dtsc))
        apic_khz = calib_khz(dapic, dtsc, cpu_khz * 1000);
    apic_write(APIC_TMICT, 0);
    if (!apic_khz)
        panic("the local APIC timer does not count; the hypervisor needs it for timers");
}

void apic_timer_init(void)
{
    use_tsc_deadline = cpu_has_tsc_deadline();
    set_vector_handler(LOCAL_TIMER_VECTOR, timer_interrupt);
    if (use_tsc_deadline) {
        printk("Time: APIC timer in TSC-deadline mode\n");
        return;
    }
    calibrate_apic_timer();
    printk("Time: APIC timer one-shot, %llu.%03llu MHz\n", (unsigned long long)apic_khz / 1000,
           (unsigned long long)apic_khz % 1000);
}

void apic_timer_init_cpu(void)
{
    if (use_tsc_deadline) {
        apic_write(APIC_LVTT, APIC_LVT_TIMER_TSCDEADLINE | LOCAL_TIMER_VECTOR);
        /* The LVT write must reach the APIC before the first deadline MSR write. */
        __asm__ volatile("mfence" ::: "memory");
        wrmsr(MSR_IA32_TSC_DEADLINE, 0);
        return;
    }
    apic_write(APIC_TDCR, APIC_TDR_DIV_1);
    apic_write(APIC_TMICT, 0);
    apic_write(APIC_LVTT, APIC_LVT_TIMER_ONESHOT | LOCAL_TIMER_VECTOR);
}

void reprogram_timer(s_time_t deadline)
{
    if (use_tsc_deadline) {
        wrmsr(MSR_IA32_TSC_DEADLINE, deadline ? ns_to_tsc(deadline) : 0);
        return;
    }
    if (!deadline) {
        apic_write(APIC_TMICT, 0);
        return;
    }
    s_time_t delta = deadline - NOW();
    uint64_t ticks = 1;                 /* already due: interrupt at once */
    if (delta > 0) {
        /* Rounded up so it never fires early; an over-long wait simply fires early and rearms. */
        uint64_t ns = MIN((uint64_t)delta, (uint64_t)SECONDS(1));
        ticks = MAX((ns * apic_khz + 999999) / 1000000, 1ULL);
    }
    apic_write(APIC_TMICT, (uint32_t)MIN(ticks, 0xffffffffULL));
}
