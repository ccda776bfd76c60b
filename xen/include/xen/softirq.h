/* SPDX-License-Identifier: GPL-2.0-only */
/* Softirqs: per-CPU deferred work run with interrupts on, before returning to idle or a guest. */
#ifndef XEN_SOFTIRQ_H
#define XEN_SOFTIRQ_H

enum {
    TIMER_SOFTIRQ,
    SCHEDULE_SOFTIRQ,
    NR_SOFTIRQS
};

typedef void (*softirq_handler)(void);
void open_softirq(unsigned int nr, softirq_handler fn);
void raise_softirq(unsigned int nr);                    /* this CPU */
void cpu_raise_softirq(unsigned int cpu, unsigned int nr);   /* may IPI */
void do_softirq(void);
bool softirq_pending(unsigned int cpu);

#endif
