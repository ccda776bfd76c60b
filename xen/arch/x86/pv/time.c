/* SPDX-License-Identifier: GPL-2.0-only */
/* pvclock and wallclock for PV guests: vcpu_info.time and shared_info.wc_* from the hypervisor's clock. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/vtime.h>
#include <asm/processor.h>

/*
 * The guest computes system_time + ((tsc - tsc_timestamp) << shift) * mul >> 32.
 * NOW() is ns_base + (tsc - tsc_base) * tsc_mul >> 32 with the same truncation, so
 * using tsc_mul itself as the guest's mul (shift 0) makes the guest clock lag NOW()
 * by at most 1 ns between refreshes and never step backwards at one. A TSC below
 * 1 GHz needs a positive shift; mul rounds down so the guest still only lags.
 */
static void pvclock_scale(uint32_t *mul, int8_t *shift)
{
    uint64_t ns_per_tick_32_32 = tsc_to_ns(1ULL << 32);     /* exactly time.c's tsc_mul */
    int8_t s = 0;

    while (ns_per_tick_32_32 >> 32) {
        ns_per_tick_32_32 >>= 1;
        s++;
    }
    *mul = (uint32_t)ns_per_tick_32_32;
    *shift = s;
}

void vcpu_time_update(struct vcpu *v)
{
    struct vcpu_time_info *t = &v->vcpu_info->time;
    uint32_t mul;
    int8_t shift;

    pvclock_scale(&mul, &shift);
    uint64_t tsc = rdtsc_ordered();
    s_time_t now = tsc_to_now(tsc);
    /* Odd while updating: the guest retries a read that saw an odd or changed version. */
    uint32_t version = (READ_ONCE(t->version) + 1) | 1;
    WRITE_ONCE(t->version, version);
    barrier();                          /* x86 keeps stores in order; the compiler must too */
    t->tsc_timestamp = tsc;
    t->system_time = now;
    t->tsc_to_system_mul = mul;
    t->tsc_shift = shift;
    t->flags = 0;                       /* no TSC_STABLE_BIT: Xen's default clocksource does not set it */
    barrier();
    WRITE_ONCE(t->version, version + 1);
}

void wallclock_publish(struct domain *d)
{
    struct shared_info *s = d->shared_info;
    uint32_t version = (READ_ONCE(s->wc_version) + 1) | 1;

    WRITE_ONCE(s->wc_version, version);
    barrier();
    s->wc_sec = (uint32_t)boot_wallclock_sec;
    s->wc_sec_hi = (uint32_t)(boot_wallclock_sec >> 32);
    s->wc_nsec = boot_wallclock_nsec;
    barrier();
    WRITE_ONCE(s->wc_version, version + 1);
}

void domain_time_init(struct domain *d)
{
    static bool reported;
    uint32_t mul;
    int8_t shift;

    wallclock_publish(d);
    if (!reported) {
        reported = true;
        pvclock_scale(&mul, &shift);
        printk("Guest time: pvclock mul %#x shift %d (TSC %llu kHz), wallclock %llu.%09u at system time 0\n",
               mul, shift, (unsigned long long)cpu_khz, (unsigned long long)boot_wallclock_sec,
               boot_wallclock_nsec);
    }
}
