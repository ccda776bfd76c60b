/* SPDX-License-Identifier: GPL-2.0-only */
/* Cross-CPU function calls, TLB-flush and event-check IPIs, and the idle loop. */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/processor.h>

/*
 * One request in flight per vector, serialised by its lock. The sender sets
 * a bit in @pending for each target and IPIs it; a target clears its bit when
 * it has read the request (or, with @wait, when @fn has returned). Anyone
 * spinning here also runs requests addressed to itself, so two CPUs calling
 * each other with interrupts off cannot deadlock.
 */
struct ipi_call {
    spinlock_t lock;
    unsigned int vector;
    void (*fn)(void *);
    void *info;
    bool wait;
    cpumask_t pending;
};

static struct ipi_call call_function = { .vector = CALL_FUNCTION_VECTOR };
static struct ipi_call tlb_flush = { .vector = INVALIDATE_TLB_VECTOR };
static DEFINE_PER_CPU(bool, in_ipi_call);

static void ipi_call_run(struct ipi_call *c)
{
    unsigned long flags = local_irq_save();
    unsigned int cpu = smp_processor_id();

    if (cpumask_test_cpu(cpu, &c->pending)) {
        void (*fn)(void *) = c->fn;
        void *info = c->info;
        bool wait = c->wait;
        if (!wait)
            cpumask_clear_cpu(cpu, &c->pending);
        this_cpu(in_ipi_call) = true;
        fn(info);
        this_cpu(in_ipi_call) = false;
        if (wait)
            cpumask_clear_cpu(cpu, &c->pending);
    }
    local_irq_restore(flags);
}

static void ipi_poll(void)
{
    ipi_call_run(&call_function);
    ipi_call_run(&tlb_flush);
    cpu_relax();
}

static void ipi_call_send(struct ipi_call *c, const cpumask_t *mask, void (*fn)(void *),
                          void *info, bool wait)
{
    unsigned int me = smp_processor_id(), cpu;

    BUG_ON(this_cpu(in_ipi_call));      /* a cross-CPU function must not call other CPUs */
    while (!spin_trylock(&c->lock))
        ipi_poll();
    c->fn = fn;
    c->info = info;
    c->wait = wait;
    for_each_online_cpu(cpu)
        if (cpu != me && cpumask_test_cpu(cpu, mask))
            cpumask_set_cpu(cpu, &c->pending);
    for_each_cpu(cpu, &c->pending)
        apic_send_ipi(cpu_to_apicid[cpu], APIC_DM_FIXED | c->vector);
    if (cpumask_test_cpu(me, mask)) {
        unsigned long flags = local_irq_save();
        fn(info);
        local_irq_restore(flags);
    }
    while (!cpumask_empty(&c->pending))
        ipi_poll();
    spin_unlock(&c->lock);
}

void on_selected_cpus(const cpumask_t *mask, void (*fn)(void *), void *info, bool wait)
{
    ipi_call_send(&call_function, mask, fn, info, wait);
}

void smp_call_function(void (*fn)(void *), void *info, bool wait)
{
    cpumask_t others = cpu_online_map;
    cpumask_clear_cpu(smp_processor_id(), &others);
    on_selected_cpus(&others, fn, info, wait);
}

void flush_tlb_local(void)
{
    write_cr3(read_cr3());              /* drops every non-global translation */
}

static void flush_tlb_fn(void *unused)
{
    flush_tlb_local();
}

void flush_tlb_mask(const cpumask_t *mask)
{
    ipi_call_send(&tlb_flush, mask, flush_tlb_fn, NULL, true);
}

void smp_send_event_check(unsigned int cpu)
{
    apic_send_ipi(cpu_to_apicid[cpu], APIC_DM_FIXED | EVENT_CHECK_VECTOR);
}

static void call_function_interrupt(struct cpu_user_regs *regs)
{
    apic_eoi();
    ipi_call_run(&call_function);
}

static void invalidate_interrupt(struct cpu_user_regs *regs)
{
    apic_eoi();
    ipi_call_run(&tlb_flush);
}

/* Nothing to do: waking the CPU is the point, its idle loop then runs the softirqs. */
static void event_check_interrupt(struct cpu_user_regs *regs)
{
    apic_eoi();
}

void smp_ipi_init(void)
{
    set_vector_handler(CALL_FUNCTION_VECTOR, call_function_interrupt);
    set_vector_handler(INVALIDATE_TLB_VECTOR, invalidate_interrupt);
    set_vector_handler(EVENT_CHECK_VECTOR, event_check_interrupt);
}

void __noreturn idle_loop(void)
{
    unsigned int cpu = smp_processor_id();

    for (;;) {
        do_softirq();
        local_irq_disable();
        if (softirq_pending(cpu))
            local_irq_enable();
        else
            safe_halt();                /* sti;hlt: a wakeup between check and halt is not lost */
    }
}
