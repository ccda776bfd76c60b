/* SPDX-License-Identifier: GPL-2.0-only */
/* System time: the TSC calibrated against a platform timer (PIT, ACPI PM timer), NOW() in ns, delays. */
#include <xen/acpi.h>
#include <xen/calibrate.h>
#include <xen/lib.h>
#include <xen/time.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/time.h>

/*
 * NOW() = ns_base + (tsc - tsc_base) * tsc_mul / 2^32. The TSC is assumed constant-rate and
 * synchronised across CPUs (true under QEMU and on invariant-TSC hardware), so every CPU
 * may use the same scale. Only the boot CPU writes these, before other CPUs are started.
 */
uint64_t cpu_khz;
static uint64_t tsc_mul;                /* ns per tick, 32.32 fixed point */
static uint64_t ns_to_tsc_mul;          /* ticks per ns, 32.32 fixed point */
static uint64_t tsc_base;
static s_time_t ns_base;

#define PIT_HZ          1193182
#define PM_TIMER_HZ     3579545
#define CAL_WINDOW_MS   10
#define CAL_RUNS        5

static uint64_t read_tsc(void *ctx)
{
    return rdtsc_ordered();
}

/* PIT channel 2 as an up-counter: latch it and return the complement of the down-count. */
static uint64_t read_pit(void *ctx)
{
    outb(0x80, 0x43);                   /* latch channel 2 */
    uint8_t lo = inb(0x42);
    uint8_t hi = inb(0x42);
    return (uint16_t)~(lo | (hi << 8));
}

static void pit_start(void)
{
    outb((inb(0x61) & ~0x02) | 0x01, 0x61);     /* channel 2 gate on, speaker off */
    outb(0xb4, 0x43);                           /* channel 2, lo/hi, mode 2, binary */
    outb(0, 0x42);                              /* reload 0: the full 65536 period */
    outb(0, 0x42);
}

static uint64_t read_pm_timer(void *ctx)
{
    return inl((uint16_t)acpi_pm_tmr_port);
}

/* TSC kHz against @ref (counting at @ref_hz), 0 if the reference does not count. */
static uint64_t tsc_khz_against(const struct calib_counter *ref, uint64_t ref_hz)
{
    const struct calib_counter tsc = { read_tsc, NULL, ~0ULL };
    uint64_t dtsc, dref;

    if (!calibrate_counters(&tsc, ref, ref_hz * CAL_WINDOW_MS / 1000, CAL_RUNS, &dtsc, &dref))
        return 0;
    return calib_khz(dtsc, dref, ref_hz);
}

uint64_t tsc_to_ns(uint64_t ticks)
{
    return (uint64_t)(((unsigned __int128)ticks * tsc_mul) >> 32);
}

s_time_t tsc_to_now(uint64_t tsc)
{
    return ns_base + (s_time_t)tsc_to_ns(tsc - tsc_base);
}

s_time_t NOW(void)
{
    if (!cpu_khz)
        return 0;
    return tsc_to_now(rdtsc_ordered());
}

uint64_t ns_to_tsc(s_time_t ns)
{
    if (ns <= ns_base)
        return tsc_base;
    return tsc_base + (uint64_t)(((unsigned __int128)(ns - ns_base) * ns_to_tsc_mul) >> 32) + 1;
}

/* Switch to @khz without NOW() jumping: rebase at the current TSC. */
static void set_tsc_khz(uint64_t khz)
{
    uint64_t now_tsc = rdtsc_ordered();

    if (cpu_khz) {
        ns_base = tsc_to_now(now_tsc);
        tsc_base = now_tsc;
    } else {
        ns_base = 0;
        tsc_base = boot_tsc_start;
    }
    tsc_mul = (1000000ULL << 32) / khz;
    ns_to_tsc_mul = (khz << 32) / 1000000;
    cpu_khz = khz;
}

static const char *time_source = "PIT";

void early_time_init(void)
{
    const struct calib_counter pit = { read_pit, NULL, 0xffff };

    pit_start();
    uint64_t khz = tsc_khz_against(&pit, PIT_HZ);
    if (!khz) {
        /* No counting PIT: trust CPUID's base frequency, else guess; the PM timer may fix it later. */
        khz = cpuid(0).a >= 0x16 && cpuid(0x16).a ? cpuid(0x16).a * 1000ULL : 2000000;
        time_source = "nothing (the PIT does not count; CPUID/guess)";
    }
    set_tsc_khz(khz);
}

void platform_time_init(void)
{
    if (acpi_pm_tmr_port && acpi_pm_tmr_port <= 0xffff) {
        const struct calib_counter pm = { read_pm_timer, NULL, 0xffffff };   /* 24 or 32 bits */
        uint64_t khz = tsc_khz_against(&pm, PM_TIMER_HZ);
        if (khz) {
            uint64_t diff = khz > cpu_khz ? khz - cpu_khz : cpu_khz - khz;
            /* Both count the same crystal-derived time; a big gap means one of them is broken. */
            printk("%sTime: PIT said %llu kHz, ACPI PM timer says %llu kHz\n",
                   diff * 100 > khz ? XENLOG_WARNING : XENLOG_DEBUG,
                   (unsigned long long)cpu_khz, (unsigned long long)khz);
            set_tsc_khz(khz);
            time_source = "ACPI PM timer";
        } else {
            printk(XENLOG_WARNING "Time: ACPI PM timer at port %#x does not count, ignored\n",
                   acpi_pm_tmr_port);
        }
    } else if (acpi_pm_tmr_port) {
        printk(XENLOG_WARNING "Time: ACPI PM timer port %#x is not an I/O port, ignored\n",
               acpi_pm_tmr_port);
    }
    printk("Time: TSC %llu.%03llu MHz, calibrated against %s\n", (unsigned long long)cpu_khz / 1000,
           (unsigned long long)cpu_khz % 1000, time_source);
    if (!cpu_has_invariant_tsc())
        printk(XENLOG_DEBUG "Time: no invariant TSC; assuming it is constant and synchronised "
               "across CPUs (true under QEMU)\n");
}

void udelay(unsigned long us)
{
    if (!cpu_khz) {                     /* before calibration: ~1 us per port read */
        while (us--)
            inb(0x80);
        return;
    }
    uint64_t end = rdtsc_ordered() + us * cpu_khz / 1000;
    while (rdtsc_ordered() < end)
        cpu_relax();
}

void mdelay(unsigned long ms)
{
    while (ms--)
        udelay(1000);
}
