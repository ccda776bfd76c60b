/* SPDX-License-Identifier: GPL-2.0-only */
/* A round-robin vCPU scheduler with per-CPU run queues (the credit scheduler replaces the policy). */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/timer.h>

#define TIME_SLICE MILLISECS(30)

struct runq {
    spinlock_t lock;
    struct vcpu *head, *tail;
    struct vcpu *idle;
    struct timer slice_timer;
};
static DEFINE_PER_CPU(struct runq, runq);

static void runq_append(struct runq *rq, struct vcpu *v)
{
    if (v->on_runq)
        return;
    v->on_runq = true;
    v->next_in_runq = NULL;
    if (rq->tail)
        rq->tail->next_in_runq = v;
    else
        rq->head = v;
    rq->tail = v;
}

static struct vcpu *runq_pop_runnable(struct runq *rq)
{
    while (rq->head) {
        struct vcpu *v = rq->head;
        rq->head = v->next_in_runq;
        if (!rq->head)
            rq->tail = NULL;
        v->on_runq = false;
        if (vcpu_runnable(v))
            return v;
    }
    return NULL;
}

void vcpu_wake(struct vcpu *v)
{
    struct runq *rq = &per_cpu(runq, v->processor);
    vcpu_runstate_wake(v);
    unsigned long f = spin_lock_irqsave(&rq->lock);
    if (vcpu_runnable(v) && !v->is_running)
        runq_append(rq, v);
    spin_unlock_irqrestore(&rq->lock, f);
    if (vcpu_runnable(v))
        cpu_raise_softirq(v->processor, SCHEDULE_SOFTIRQ);
}

void vcpu_sleep_nosync(struct vcpu *v)
{
    /* Not runnable any more: a running vCPU leaves at its next exit; a queued one is skipped. */
    if (v->is_running)
        cpu_raise_softirq(v->processor, SCHEDULE_SOFTIRQ);
}

void sched_destroy_vcpu(struct vcpu *v)
{
    struct runq *rq = &per_cpu(runq, v->processor);
    unsigned long f = spin_lock_irqsave(&rq->lock);
    if (v->on_runq) {
        struct vcpu **pp = &rq->head, *prev = NULL;
        while (*pp && *pp != v) {
            prev = *pp;
            pp = &(*pp)->next_in_runq;
        }
        if (*pp) {
            *pp = v->next_in_runq;
            if (rq->tail == v)
                rq->tail = prev;
        }
        v->on_runq = false;
    }
    spin_unlock_irqrestore(&rq->lock, f);
}

void vcpu_kick(struct vcpu *v)
{
    if (v->is_running && v->processor != smp_processor_id())
        smp_send_event_check(v->processor);
}

void vcpu_block(void)
{
    struct vcpu *v = current;
    __atomic_fetch_or(&v->pause_flags, VPF_blocked, __ATOMIC_SEQ_CST);
    /* An event that arrived before the flag was set must not be slept through. */
    if (v->vcpu_info && v->vcpu_info->evtchn_upcall_pending) {
        __atomic_fetch_and(&v->pause_flags, ~VPF_blocked, __ATOMIC_SEQ_CST);
        return;
    }
    raise_softirq(SCHEDULE_SOFTIRQ);
}

void vcpu_yield(void)
{
    raise_softirq(SCHEDULE_SOFTIRQ);
}

static void slice_expired(void *data)
{
    raise_softirq(SCHEDULE_SOFTIRQ);
}

/* SCHEDULE_SOFTIRQ: pick the next vCPU on this CPU. Runs only from idle or the guest exit path. */
static void schedule(void)
{
    unsigned int cpu = smp_processor_id();
    struct runq *rq = &per_cpu(runq, cpu);
    struct vcpu *prev = current;

    unsigned long f = spin_lock_irqsave(&rq->lock);
    struct vcpu *next = runq_pop_runnable(rq);
    if (!next)
        next = (!is_idle_vcpu(prev) && vcpu_runnable(prev)) ? prev : rq->idle;
    else if (!is_idle_vcpu(prev) && vcpu_runnable(prev))
        runq_append(rq, prev);          /* round robin */
    prev->is_running = false;
    next->is_running = true;
    spin_unlock_irqrestore(&rq->lock, f);

    if (!is_idle_vcpu(next))
        set_timer(&rq->slice_timer, NOW() + TIME_SLICE);
    if (next != prev)
        context_switch(prev, next);
}

void scheduler_init(void)
{
    open_softirq(SCHEDULE_SOFTIRQ, schedule);
    idle_domain = domain_create(DOMID_IDLE_INTERNAL, NR_CPUS, false, "idle");
    BUG_ON(!idle_domain);
}

void start_scheduling(void)
{
    unsigned int cpu = smp_processor_id();
    struct runq *rq = &per_cpu(runq, cpu);

    spin_lock_init(&rq->lock);
    rq->idle = vcpu_create(idle_domain, cpu, cpu);
    BUG_ON(!rq->idle);
    rq->idle->pause_flags = 0;
    rq->idle->is_running = true;
    init_timer(&rq->slice_timer, slice_expired, NULL, cpu);
    current = rq->idle;
    raise_softirq(SCHEDULE_SOFTIRQ);
    idle_loop();
}
