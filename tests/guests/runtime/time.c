/* SPDX-License-Identifier: GPL-2.0-only */
/* pvclock: system time from vcpu_time_info and the TSC. */
#include "guest.h"

uint64_t pvclock_now(void)
{
    volatile struct vcpu_time_info *t = &vcpu0()->time;
    uint32_t version;
    uint64_t now;

    do {
        version = t->version;
        asm volatile("lfence" ::: "memory");
        uint64_t delta = rdtsc() - t->tsc_timestamp;
        int8_t shift = t->tsc_shift;

        if (shift >= 0)
            delta <<= shift;
        else
            delta >>= -shift;
        now = t->system_time + (uint64_t)(((unsigned __int128)delta * t->tsc_to_system_mul) >> 32);
        asm volatile("lfence" ::: "memory");
    } while ((version & 1) || version != t->version);
    return now;
}

bool wait_for_byte(const volatile uint8_t *p, uint8_t v, uint64_t timeout_ns)
{
    uint64_t deadline = pvclock_now() + timeout_ns;
    while (*p != v) {
        if (pvclock_now() > deadline)
            return false;
        hc_sched_op(SCHEDOP_yield, NULL);
    }
    return true;
}
