/* SPDX-License-Identifier: GPL-2.0-only */
/* TSC calibration against the PIT and NOW() in nanoseconds. */
#include <xen/lib.h>
#include <xen/time.h>
#include <asm/io.h>
#include <asm/processor.h>

uint64_t cpu_khz;
static uint64_t tsc_mul;                /* ns = (ticks * tsc_mul) >> 32 */

#define PIT_HZ 1193182

/* Count TSC ticks across @ms milliseconds of PIT channel 2 (gate via port 0x61). */
static uint64_t pit_measure_tsc(unsigned int ms)
{
    unsigned int count = PIT_HZ * ms / 1000;
    outb((inb(0x61) & ~0x02) | 0x01, 0x61);     /* gate on, speaker off */
    outb(0xb0, 0x43);                           /* ch2, lo/hi, mode 0 */
    outb(count & 0xff, 0x42);
    outb(count >> 8, 0x42);
    uint64_t start = rdtsc_ordered();
    while (!(inb(0x61) & 0x20))
        ;
    return rdtsc_ordered() - start;
}

void early_time_init(void)
{
    /* Several short windows; the shortest is the one least disturbed (e.g. by the host). */
    uint64_t best = ~0ULL;
    for (int i = 0; i < 5; i++) {
        uint64_t t = pit_measure_tsc(10);
        if (t < best)
            best = t;
    }
    cpu_khz = best / 10;
    tsc_mul = (1000000ULL << 32) / cpu_khz;
}

uint64_t tsc_to_ns(uint64_t ticks)
{
    return (uint64_t)(((unsigned __int128)ticks * tsc_mul) >> 32);
}

s_time_t NOW(void)
{
    if (!cpu_khz)
        return 0;
    return tsc_to_ns(rdtsc_ordered() - boot_tsc_start);
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
