/* SPDX-License-Identifier: GPL-2.0-only */
/* Timer queues: one heap per CPU under its lock; TIMER_SOFTIRQ runs what expired and rearms the APIC. */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <xen/timer-heap.h>
#include <asm/time.h>

struct timer_queue {
    spinlock_t lock;
    struct timer_heap heap;
    struct timer *running;      /* callback in progress (kill_timer waits for it) */
};
static DEFINE_PER_CPU(struct timer_queue, timer_queue);

void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu)
{
    BUG_ON(cpu >= NR_CPUS);
    t->expires = 0;
    t->fn = fn;
    t->data = data;
    t->cpu = cpu;
    t->heap_index = 0;
}

bool timer_is_active(const struct timer *t)
{
    return READ_ONCE(t->heap_index) != 0;
}

void set_timer(struct timer *t, s_time_t expires)
{
    struct timer_queue *q = &per_cpu(timer_queue, t->cpu);
    bool local = t->cpu == smp_processor_id();
    unsigned long flags = spin_lock_irqsave(&q->lock);

    if (t->heap_index)
        timer_heap_remove(&q->heap, t);
    t->expires = expires;
    if (!timer_heap_add(&q->heap, t))
        panic("CPU %u has more than %u timers queued", t->cpu, TIMER_HEAP_MAX);
    bool first = timer_heap_first(&q->heap) == t;
    if (first && local)
        reprogram_timer(MAX(expires, (s_time_t)1));     /* 0 would mean "disarm" */
    spin_unlock_irqrestore(&q->lock, flags);
    /* The owner CPU rearms its own APIC timer when its softirq runs. */
    if (first && !local)
        cpu_raise_softirq(t->cpu, TIMER_SOFTIRQ);
}

void stop_timer(struct timer *t)
{
    struct timer_queue *q = &per_cpu(timer_queue, t->cpu);
    unsigned long flags = spin_lock_irqsave(&q->lock);

    /* The APIC stays armed for it; the softirq then finds nothing due and rearms. */
    if (t->heap_index)
        timer_heap_remove(&q->heap, t);
    spin_unlock_irqrestore(&q->lock, flags);
}

void kill_timer(struct timer *t)
{
    struct timer_queue *q = &per_cpu(timer_queue, t->cpu);

    /* A callback running elsewhere may re-arm its timer: stop until it is idle and unqueued. */
    for (;;) {
        stop_timer(t);
        while (READ_ONCE(q->running) == t && t->cpu != smp_processor_id())
            cpu_relax();
        unsigned long flags = spin_lock_irqsave(&q->lock);
        bool done = !t->heap_index && q->running != t;
        spin_unlock_irqrestore(&q->lock, flags);
        if (done || t->cpu == smp_processor_id())
            return;
    }
}

static void timer_softirq(void)
{
    struct timer_queue *q = &this_cpu(timer_queue);
    unsigned long flags = spin_lock_irqsave(&q->lock);
    struct timer *t;

    while ((t = timer_heap_first(&q->heap)) && t->expires <= NOW()) {
        timer_heap_remove(&q->heap, t);
        /* Unlocked, so the callback may set this or any other timer. */
        q->running = t;
        spin_unlock_irqrestore(&q->lock, flags);
        t->fn(t->data);
        flags = spin_lock_irqsave(&q->lock);
        q->running = NULL;
    }
    reprogram_timer(t ? t->expires : 0);
    spin_unlock_irqrestore(&q->lock, flags);
}

void timer_init_cpu(void)
{
    apic_timer_init_cpu();
}

void timer_init(void)
{
    platform_time_init();
    wallclock_init();
    open_softirq(TIMER_SOFTIRQ, timer_softirq);
    apic_timer_init();
    timer_init_cpu();
}
