/* SPDX-License-Identifier: GPL-2.0-only */
/* vCPU timers raising VIRQ_TIMER, set_timer_op, runstate accounting, and the time hooks of a context switch. */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/vtime.h>
#include <asm/guest_access.h>

#define REFRESH_PERIOD SECONDS(1)

static void singleshot_fn(void *data)
{
    evtchn_send_virq(data, VIRQ_TIMER);
}

/* Raise VIRQ_TIMER if a period has passed since the last tick, and arm the next one (Xen's rule). */
static void periodic_work(struct vcpu *v)
{
    struct vcpu_time *t = &v->time;
    s_time_t period = READ_ONCE(t->periodic_period);

    if (!period)
        return;
    s_time_t now = NOW(), next = t->periodic_last + period;
    if (now >= next) {
        evtchn_send_virq(v, VIRQ_TIMER);
        t->periodic_last = now;
        next = now + period;
    }
    set_timer(&t->periodic, next);
}

static void periodic_fn(void *data)
{
    periodic_work(data);
}

static void poll_timeout_fn(void *data)
{
    struct vcpu *v = data;
    if (__atomic_load_n(&v->domain->poll_mask, __ATOMIC_SEQ_CST) & (1UL << v->vcpu_id))
        vcpu_unblock(v);
}

/* Keep vcpu_info.time fresh while the vCPU runs; a switch-in refreshes it anyway. */
static void refresh_fn(void *data)
{
    struct vcpu *v = data;
    if (v->pause_flags & VPF_shutdown)
        return;
    if (v == current)
        vcpu_time_update(v);
    set_timer(&v->time.refresh, NOW() + REFRESH_PERIOD);
}

static void runstate_set(struct vcpu *v, int state, s_time_t now)
{
    struct vcpu_runstate_info *r = &v->time.runstate;
    s_time_t delta = now - (s_time_t)r->state_entry_time;

    if (delta > 0) {
        r->time[r->state] += delta;
        r->state_entry_time = now;
    }
    r->state = state;
}

void vcpu_time_init(struct vcpu *v)
{
    struct vcpu_time *t = &v->time;

    init_timer(&t->singleshot, singleshot_fn, v, v->processor);
    init_timer(&t->periodic, periodic_fn, v, v->processor);
    init_timer(&t->poll_timer, poll_timeout_fn, v, v->processor);
    init_timer(&t->refresh, refresh_fn, v, v->processor);
    spin_lock_init(&t->runstate_lock);
    t->periodic_period = PERIODIC_DEFAULT;
    t->runstate.state = (v->pause_flags & VPF_down) ? RUNSTATE_offline : RUNSTATE_runnable;
    t->runstate.state_entry_time = NOW();
    vcpu_time_update(v);
    set_timer(&t->refresh, NOW() + REFRESH_PERIOD);
}

void vcpu_runstate_get(struct vcpu *v, struct vcpu_runstate_info *r)
{
    unsigned long f = spin_lock_irqsave(&v->time.runstate_lock);
    *r = v->time.runstate;
    spin_unlock_irqrestore(&v->time.runstate_lock, f);
    s_time_t delta = NOW() - (s_time_t)r->state_entry_time;
    if (delta > 0)
        r->time[r->state] += delta;
}

/*
 * Write the guest's copy through the current address space (which must be
 * @v's). With VMASST_TYPE_runstate_update_flag the guest sees
 * XEN_RUNSTATE_UPDATE in state_entry_time while the copy is inconsistent.
 */
static void runstate_publish(struct vcpu *v)
{
    unsigned long gva = v->time.runstate_gva;
    unsigned long entry_gva = gva + offsetof(struct vcpu_runstate_info, state_entry_time);
    bool flag = v->domain->arch.vm_assist & (1UL << VMASST_TYPE_runstate_update_flag);
    struct vcpu_runstate_info r;

    if (!gva)
        return;
    unsigned long f = spin_lock_irqsave(&v->time.runstate_lock);
    r = v->time.runstate;
    spin_unlock_irqrestore(&v->time.runstate_lock, f);

    uint64_t entry = r.state_entry_time;
    if (flag) {
        r.state_entry_time = entry | XEN_RUNSTATE_UPDATE;
        copy_to_guest(entry_gva, &r.state_entry_time, sizeof(entry));
        barrier();
    }
    v->time.runstate_stale = copy_to_guest(gva, &r, sizeof(r)) != 0;
    if (flag) {
        barrier();
        copy_to_guest(entry_gva, &entry, sizeof(entry));
    }
}

long vcpu_runstate_register(struct vcpu *v, unsigned long gva)
{
    if (gva && !guest_range_ok(gva, sizeof(struct vcpu_runstate_info)))
        return -EFAULT;
    v->time.runstate_gva = gva;
    runstate_publish(v);                /* a failed copy is not an error (Xen ignores it too) */
    return 0;
}

void vcpu_runstate_retry(struct vcpu *v)
{
    if (v->time.runstate_stale)
        runstate_publish(v);
}

void vcpu_runstate_wake(struct vcpu *v)
{
    unsigned long f = spin_lock_irqsave(&v->time.runstate_lock);
    if (v->time.runstate.state >= RUNSTATE_blocked && vcpu_runnable(v))
        runstate_set(v, RUNSTATE_runnable, NOW());
    spin_unlock_irqrestore(&v->time.runstate_lock, f);
}

void vcpu_runstate_sleep(struct vcpu *v)
{
    unsigned long f = spin_lock_irqsave(&v->time.runstate_lock);
    if (v->time.runstate.state == RUNSTATE_runnable && !vcpu_runnable(v))
        runstate_set(v, (v->pause_flags & VPF_blocked) ? RUNSTATE_blocked : RUNSTATE_offline, NOW());
    spin_unlock_irqrestore(&v->time.runstate_lock, f);
}

void vtime_switch_out(struct vcpu *prev)
{
    int state = vcpu_runnable(prev)                 ? RUNSTATE_runnable
                : (prev->pause_flags & VPF_blocked) ? RUNSTATE_blocked
                                                    : RUNSTATE_offline;
    unsigned long f = spin_lock_irqsave(&prev->time.runstate_lock);
    runstate_set(prev, state, NOW());
    spin_unlock_irqrestore(&prev->time.runstate_lock, f);
    /* A descheduled vCPU gets no periodic ticks (Xen's behaviour: they do not wake it). */
    stop_timer(&prev->time.periodic);
    runstate_publish(prev);
}

void vtime_switch_in(struct vcpu *next)
{
    unsigned long f = spin_lock_irqsave(&next->time.runstate_lock);
    runstate_set(next, RUNSTATE_running, NOW());
    spin_unlock_irqrestore(&next->time.runstate_lock, f);
    vcpu_time_update(next);
    runstate_publish(next);
    periodic_work(next);
}

void vcpu_set_periodic_timer(struct vcpu *v, s_time_t period)
{
    stop_timer(&v->time.periodic);
    v->time.periodic_last = NOW();
    WRITE_ONCE(v->time.periodic_period, period);
    if (period && v->is_running)
        set_timer(&v->time.periodic, v->time.periodic_last + period);
}

void vcpu_set_singleshot_timer(struct vcpu *v, uint64_t deadline)
{
    if (deadline < (uint64_t)NOW()) {
        stop_timer(&v->time.singleshot);
        evtchn_send_virq(v, VIRQ_TIMER);
        return;
    }
    set_timer(&v->time.singleshot, deadline);
}

void vcpu_stop_singleshot_timer(struct vcpu *v)
{
    stop_timer(&v->time.singleshot);
}

long do_set_timer_op(int64_t timeout)
{
    struct vcpu *v = current;
    s_time_t offset = timeout - NOW();

    if (timeout == 0) {
        stop_timer(&v->time.singleshot);
    } else if (timeout < 0 || (offset > 0 && (offset >> 50))) {
        /* Wrapped or ~13 days away: Linux's jiffies wrap; Xen answers with a tick in 100 ms. */
        set_timer(&v->time.singleshot, NOW() + MILLISECS(100));
    } else {
        set_timer(&v->time.singleshot, timeout);   /* a past deadline fires at once */
    }
    return 0;
}
