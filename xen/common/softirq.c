/* SPDX-License-Identifier: GPL-2.0-only */
/* Softirqs: per-CPU pending bits, raised from anywhere, run by do_softirq() lowest number first. */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/softirq.h>

static softirq_handler handlers[NR_SOFTIRQS];
static DEFINE_PER_CPU(unsigned long, pending_softirqs);

void open_softirq(unsigned int nr, softirq_handler fn)
{
    BUG_ON(nr >= NR_SOFTIRQS);
    handlers[nr] = fn;
}

void raise_softirq(unsigned int nr)
{
    __atomic_fetch_or(&this_cpu(pending_softirqs), 1UL << nr, __ATOMIC_SEQ_CST);
}

void cpu_raise_softirq(unsigned int cpu, unsigned int nr)
{
    unsigned long old = __atomic_fetch_or(&per_cpu(pending_softirqs, cpu), 1UL << nr,
                                          __ATOMIC_SEQ_CST);
    /* A remote CPU may be halted: the event-check IPI wakes it. Already pending: already woken. */
    if (cpu != smp_processor_id() && !(old & (1UL << nr)))
        smp_send_event_check(cpu);
}

bool softirq_pending(unsigned int cpu)
{
    return __atomic_load_n(&per_cpu(pending_softirqs, cpu), __ATOMIC_SEQ_CST) != 0;
}

void do_softirq(void)
{
    unsigned long *pending = &this_cpu(pending_softirqs);
    unsigned long p;

    while ((p = __atomic_load_n(pending, __ATOMIC_SEQ_CST))) {
        unsigned int nr = __builtin_ctzl(p);
        __atomic_fetch_and(pending, ~(1UL << nr), __ATOMIC_SEQ_CST);
        if (handlers[nr])
            handlers[nr]();
    }
}
