/* SPDX-License-Identifier: GPL-2.0-only */
/* Timers: callbacks at an absolute NOW() time, run from TIMER_SOFTIRQ on their CPU. */
#ifndef XEN_TIMER_H
#define XEN_TIMER_H

#include <xen/types.h>

struct timer {
    s_time_t expires;
    void (*fn)(void *data);
    void *data;
    unsigned int cpu;
    unsigned int heap_index;    /* 0: not queued */
};

void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu);
void set_timer(struct timer *t, s_time_t expires);
void stop_timer(struct timer *t);
/* Stop @t for good: also waits for a callback running on another CPU (the memory may go next). */
void kill_timer(struct timer *t);
bool timer_is_active(const struct timer *t);

/* Boot CPU, after apic_init() and acpi_init(): final TSC rate, wallclock, its own APIC timer. */
void timer_init(void);
void timer_init_cpu(void);      /* every other CPU, after its apic_init(): its APIC timer */

#endif
