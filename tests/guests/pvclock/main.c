/* SPDX-License-Identifier: GPL-2.0-only */
/* pvclock: vcpu_time_info is consistent, monotonic, and tsc_to_system_mul gives a sane TSC rate. */
#include "guest.h"

const char test_title[] = "pvclock monotonicity and scale";

void test_main(void)
{
    volatile struct vcpu_time_info *t = &vcpu0()->time;

    check(!(t->version & 1), "time version %u is odd at rest", t->version);
    check(t->tsc_to_system_mul != 0, "tsc_to_system_mul is 0");
    check(t->tsc_shift >= -32 && t->tsc_shift <= 32, "tsc_shift %d out of range", t->tsc_shift);

    /* TSC frequency implied by the scale: ((10^9 << 32) / mul) >> shift (or << -shift). */
    uint64_t hz = (uint64_t)(((unsigned __int128)1000000000UL << 32) / t->tsc_to_system_mul);
    if (t->tsc_shift >= 0)
        hz >>= t->tsc_shift;
    else
        hz <<= -t->tsc_shift;
    printf("mul %u shift %d => TSC %lu kHz, system_time %lu\n", t->tsc_to_system_mul,
           t->tsc_shift, hz / 1000, t->system_time);
    check(hz > 100000000UL && hz < 20000000000UL, "implied TSC rate %lu Hz is not plausible", hz);

    uint64_t prev = pvclock_now(), first = prev;
    check(prev > 0, "system time is 0");
    for (int i = 0; i < 200000; i++) {
        uint64_t now = pvclock_now();

        if (now < prev) {
            test_fail("time went backwards by %lu ns at iteration %d", prev - now, i);
            break;
        }
        prev = now;
    }
    check(prev > first, "time did not advance over 200000 reads");

    /* Time keeps up across a yield and a timer wait. */
    uint64_t a = pvclock_now();
    hc_sched_op(SCHEDOP_yield, NULL);
    uint64_t b = pvclock_now();
    check(b >= a, "time went backwards across a yield");

    /* Wallclock protocol: even version, plausible seconds (after 2020). */
    uint32_t wv = shared->wc_version;
    uint64_t sec = ((uint64_t)shared->wc_sec_hi << 32) | shared->wc_sec;
    printf("wallclock version %u sec %lu nsec %u\n", wv, sec, shared->wc_nsec);
    check(!(wv & 1), "wallclock version %u odd", wv);
    check(shared->wc_nsec < 1000000000u, "wc_nsec %u >= 1e9", shared->wc_nsec);
}
