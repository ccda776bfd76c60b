/* SPDX-License-Identifier: GPL-2.0-only */
/* The vCPU scheduler: per-CPU run queues, locking, timers and context switches around the credit policy (sched_credit.c). */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/timer.h>

struct sched_cpu {
    spinlock_t lock;                    /* rq, curr, and the queued/is_running state of its vCPUs */
    struct csched_rq rq;
    struct vcpu *idle, *curr;
    s_time_t start;                     /* when curr was picked */
    struct timer timer;
    bool online;
};
static DEFINE_PER_CPU(struct sched_cpu, sched_cpu);

#define SC(cpu) (&per_cpu(sched_cpu, cpu))

static struct vcpu *unit_vcpu(struct csched_unit *u)
{
    return (struct vcpu *)((char *)u - offsetof(struct vcpu, sched_unit));
}

/* Lock the run queue of @v's CPU; @v->processor only changes under that lock. */
static struct sched_cpu *lock_vcpu(struct vcpu *v, unsigned long *flags)
{
    for (;;) {
        unsigned int cpu = READ_ONCE(v->processor);
        struct sched_cpu *sc = SC(cpu);
        *flags = spin_lock_irqsave(&sc->lock);
        if (READ_ONCE(v->processor) == cpu)
            return sc;
        spin_unlock_irqrestore(&sc->lock, *flags);
    }
}

static bool cpu_is_idle(unsigned int cpu)
{
    struct vcpu *c = READ_ONCE(SC(cpu)->curr);
    return SC(cpu)->online && (!c || is_idle_vcpu(c));
}

/* @v was queued on @cpu: make that CPU decide if @v beats what it runs, else wake an idle CPU to steal it. */
static void tickle(unsigned int cpu, struct vcpu *v)
{
    struct vcpu *cur = READ_ONCE(SC(cpu)->curr);

    if (!cur || is_idle_vcpu(cur) ||
        csched_preempts(&v->sched_unit, &cur->sched_unit, NOW())) {
        cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
        return;
    }
    unsigned int c;
    for_each_online_cpu(c)
        if (c != cpu && csched_allowed(&v->sched_unit, c) && cpu_is_idle(c)) {
            cpu_raise_softirq(c, SCHEDULE_SOFTIRQ);
            return;
        }
}

/* Queue a runnable vCPU whose state is saved; the caller holds its CPU's lock. */
static void enqueue(struct sched_cpu *sc, struct vcpu *v, bool from_block)
{
    if (!vcpu_runnable(v) || v->is_running || v->sched_unit.queued)
        return;
    csched_wake(&sc->rq, &v->sched_unit, from_block, NOW());
    csched_rq_insert(&sc->rq, &v->sched_unit);
    tickle(v->processor, v);
}

static unsigned int first_allowed_cpu(const struct vcpu *v)
{
    unsigned int c;
    for_each_online_cpu(c)
        if (csched_allowed(&v->sched_unit, c))
            return c;
    return v->processor;
}

/* Move a vCPU that is neither running nor queued to @cpu (we hold its current CPU's lock). */
static void set_processor(struct vcpu *v, unsigned int cpu)
{
    WRITE_ONCE(v->processor, cpu);
}

void vcpu_wake(struct vcpu *v)
{
    unsigned long f;

    vcpu_runstate_wake(v);
    struct sched_cpu *sc = lock_vcpu(v, &f);
    enqueue(sc, v, true);
    spin_unlock_irqrestore(&sc->lock, f);
}

void vcpu_sleep_nosync(struct vcpu *v)
{
    unsigned long f;
    struct sched_cpu *sc = lock_vcpu(v, &f);

    /* Not runnable any more: a queued vCPU leaves its queue, a running one leaves at its next exit. */
    if (!vcpu_runnable(v) && v->sched_unit.queued) {
        csched_rq_remove(&sc->rq, &v->sched_unit);
        vcpu_runstate_sleep(v);         /* it leaves "runnable" without a switch */
    }
    if (v->is_running)
        cpu_raise_softirq(v->processor, SCHEDULE_SOFTIRQ);
    spin_unlock_irqrestore(&sc->lock, f);
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
    current->sched_unit.yielded = true;
    raise_softirq(SCHEDULE_SOFTIRQ);
}

/* Called by context_switch() once @prev's state is saved: from now on another CPU may run it. */
void sched_context_saved(struct vcpu *prev)
{
    unsigned long f;

    if (is_idle_vcpu(prev))
        return;
    struct sched_cpu *sc = lock_vcpu(prev, &f);
    prev->is_running = false;
    if (vcpu_runnable(prev) && !csched_allowed(&prev->sched_unit, prev->processor)) {
        /* Its affinity no longer includes this CPU: continue on one it allows. */
        set_processor(prev, first_allowed_cpu(prev));
        spin_unlock_irqrestore(&sc->lock, f);
        sc = lock_vcpu(prev, &f);
        csched_migrated(&sc->rq, &prev->sched_unit, NOW());
    }
    enqueue(sc, prev, false);
    spin_unlock_irqrestore(&sc->lock, f);
}

/*
 * Load balancing: take a queued vCPU from another CPU when this one would idle, or when
 * that vCPU is owed clearly more time than @mine (trylock, so no lock order). Never one
 * whose affinity keeps it elsewhere. @mine, if taken from our queue, goes back into it.
 */
static struct csched_unit *balance(struct sched_cpu *sc, unsigned int cpu, struct csched_unit *mine,
                                   struct csched_unit *cur, s_time_t now)
{
    unsigned int c;

    for_each_online_cpu(c) {
        struct sched_cpu *victim = SC(c);
        if (c == cpu || !victim->online || !READ_ONCE(victim->rq.nr) || !spin_trylock(&victim->lock))
            continue;
        struct csched_unit *u = csched_steal_choice(&victim->rq, mine, cpu, now);
        if (u) {
            csched_rq_remove(&victim->rq, u);
            set_processor(unit_vcpu(u), cpu);
        }
        spin_unlock(&victim->lock);
        if (!u)
            continue;
        if (mine && mine != cur)
            csched_rq_insert(&sc->rq, mine);
        csched_migrated(&sc->rq, u, now);
        return u;
    }
    return mine;
}

/* Drop vCPUs that stopped being runnable while queued (blocked, paused, down, shut down). */
static void purge(struct csched_rq *rq)
{
    struct csched_unit *u = rq->head;
    while (u) {
        struct csched_unit *next = u->next;
        if (!vcpu_runnable(unit_vcpu(u))) {
            csched_rq_remove(rq, u);
            vcpu_runstate_sleep(unit_vcpu(u));
        }
        u = next;
    }
}

static void sched_timer_fn(void *data)
{
    raise_softirq(SCHEDULE_SOFTIRQ);
}

/* SCHEDULE_SOFTIRQ: pick the next vCPU on this CPU. Runs only from idle or the guest exit path. */
static void schedule(void)
{
    unsigned int cpu = smp_processor_id();
    struct sched_cpu *sc = SC(cpu);
    struct vcpu *prev = current;
    s_time_t now = NOW();

    unsigned long f = spin_lock_irqsave(&sc->lock);
    purge(&sc->rq);
    struct csched_unit *cur = NULL;
    if (!is_idle_vcpu(prev)) {
        csched_charge(&prev->sched_unit, now - sc->start, now);
        if (vcpu_runnable(prev))
            cur = &prev->sched_unit;
    }
    struct csched_unit *u = csched_pick(&sc->rq, cur, cpu, now);
    if (!u || !u->boost)
        u = balance(sc, cpu, u, cur, now);
    struct vcpu *next = u ? unit_vcpu(u) : sc->idle;
    next->is_running = true;
    WRITE_ONCE(sc->curr, next);
    sc->start = now;
    s_time_t when = csched_next_event(&sc->rq, u, now);
    if (when)
        set_timer(&sc->timer, when);
    else
        stop_timer(&sc->timer);
    spin_unlock_irqrestore(&sc->lock, f);

    if (next != prev)
        context_switch(prev, next);     /* saves prev, then sched_context_saved(prev) */
}

int sched_set_weight_cap(struct domain *d, unsigned int weight, unsigned int cap)
{
    if (!weight || weight > CSCHED_MAX_WEIGHT || cap > 100 * d->max_vcpus)
        return -EINVAL;
    d->sched_dom.weight = weight;
    d->sched_dom.cap = cap;
    return 0;
}

int vcpu_set_hard_affinity(struct vcpu *v, const cpumask_t *mask)
{
    unsigned long f;
    unsigned int c;
    bool any = false;

    for_each_online_cpu(c)
        any |= cpumask_test_cpu(c, mask);
    if (!any)
        return -EINVAL;                 /* no online CPU left to run on */

    struct sched_cpu *sc = lock_vcpu(v, &f);
    for (unsigned int i = 0; i < NR_CPUS / 64; i++)
        v->sched_unit.affinity[i] = mask->bits[i];
    if (!csched_allowed(&v->sched_unit, v->processor)) {
        if (v->is_running) {
            cpu_raise_softirq(v->processor, SCHEDULE_SOFTIRQ);  /* moves on at sched_context_saved() */
        } else {
            bool queued = v->sched_unit.queued;
            if (queued)
                csched_rq_remove(&sc->rq, &v->sched_unit);
            set_processor(v, first_allowed_cpu(v));
            spin_unlock_irqrestore(&sc->lock, f);
            sc = lock_vcpu(v, &f);
            csched_migrated(&sc->rq, &v->sched_unit, NOW());
            if (queued)
                enqueue(sc, v, false);
        }
    }
    spin_unlock_irqrestore(&sc->lock, f);
    return 0;
}

void sched_init_domain(struct domain *d)
{
    csched_dom_init(&d->sched_dom);
}

void sched_init_vcpu(struct vcpu *v)
{
    csched_unit_init(&v->sched_unit, &v->domain->sched_dom);
}

void sched_destroy_vcpu(struct vcpu *v)
{
    unsigned long f;
    struct sched_cpu *sc = lock_vcpu(v, &f);

    BUG_ON(v->is_running);              /* the caller paused it and waited for !is_running */
    if (v->sched_unit.queued)
        csched_rq_remove(&sc->rq, &v->sched_unit);
    spin_unlock_irqrestore(&sc->lock, f);
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
    struct sched_cpu *sc = SC(cpu);

    spin_lock_init(&sc->lock);
    sc->idle = vcpu_create(idle_domain, cpu, cpu);
    BUG_ON(!sc->idle);
    sc->idle->pause_flags = 0;
    sc->idle->is_running = true;
    init_timer(&sc->timer, sched_timer_fn, NULL, cpu);
    current = sc->idle;
    WRITE_ONCE(sc->curr, sc->idle);
    sc->online = true;
    raise_softirq(SCHEDULE_SOFTIRQ);
    idle_loop();
}
