/* SPDX-License-Identifier: GPL-2.0-only */
/* The 2-level event ABI: pending/mask bitmaps in shared_info, selector bits per vCPU, kicks and pollers. */
#include <xen/event.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/timer.h>

#define BITS_PER_WORD 64

/* Atomic bit helpers on guest-shared words: the guest changes them concurrently. */
static bool test_and_set(xen_ulong_t *words, unsigned int bit)
{
    xen_ulong_t m = 1UL << (bit % BITS_PER_WORD);
    return __atomic_fetch_or(&words[bit / BITS_PER_WORD], m, __ATOMIC_SEQ_CST) & m;
}

static bool test_and_clear(xen_ulong_t *words, unsigned int bit)
{
    xen_ulong_t m = 1UL << (bit % BITS_PER_WORD);
    return __atomic_fetch_and(&words[bit / BITS_PER_WORD], ~m, __ATOMIC_SEQ_CST) & m;
}

static bool test(const xen_ulong_t *words, unsigned int bit)
{
    return (__atomic_load_n(&words[bit / BITS_PER_WORD], __ATOMIC_SEQ_CST) >> (bit % BITS_PER_WORD)) & 1;
}

void vcpu_unblock(struct vcpu *v)
{
    unsigned long bit = 1UL << v->vcpu_id;

    if (!(__atomic_fetch_and(&v->pause_flags, ~VPF_blocked, __ATOMIC_SEQ_CST) & VPF_blocked))
        return;
    if (__atomic_fetch_and(&v->domain->poll_mask, ~bit, __ATOMIC_SEQ_CST) & bit) {
        v->poll_evtchn = 0;
        stop_timer(&v->time.poll_timer);
    }
    vcpu_wake(v);
}

void vcpu_mark_events_pending(struct vcpu *v)
{
    if (__atomic_exchange_n(&v->vcpu_info->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST))
        return;
    vcpu_unblock(v);
    vcpu_kick(v);
}

/* Wake every vCPU of @d polling @port, or polling several ports (poll_evtchn < 0). */
static void evtchn_check_pollers(struct domain *d, unsigned int port)
{
    unsigned long mask = __atomic_load_n(&d->poll_mask, __ATOMIC_SEQ_CST);

    for (unsigned int id = 0; mask && id < d->max_vcpus; id++, mask >>= 1) {
        struct vcpu *v = d->vcpu[id];
        if (!(mask & 1) || !v)
            continue;
        int want = READ_ONCE(v->poll_evtchn);
        if (want < 0 || want == (int)port)
            vcpu_unblock(v);
    }
}

void evtchn_set_pending(struct vcpu *v, unsigned int port)
{
    struct domain *d = v->domain;
    struct shared_info *s = d->shared_info;

    if (test_and_set(s->evtchn_pending, port))
        return;
    if (!test(s->evtchn_mask, port) &&
        !test_and_set(&v->vcpu_info->evtchn_pending_sel, port / BITS_PER_WORD))
        vcpu_mark_events_pending(v);
    evtchn_check_pollers(d, port);
}

bool evtchn_is_pending(const struct domain *d, unsigned int port)
{
    return port < NR_EVTCHN_2L && test(d->shared_info->evtchn_pending, port);
}

void evtchn_clear_pending(struct domain *d, unsigned int port)
{
    test_and_clear(d->shared_info->evtchn_pending, port);
}

void evtchn_unmask_port(struct domain *d, unsigned int port)
{
    struct shared_info *s = d->shared_info;
    struct vcpu *v = d->vcpu[d->evtchn[port].notify_vcpu];

    /* Same order as raising: an event that arrived while masked now gets its selector bit. */
    if (v && test_and_clear(s->evtchn_mask, port) && test(s->evtchn_pending, port) &&
        !test_and_set(&v->vcpu_info->evtchn_pending_sel, port / BITS_PER_WORD))
        vcpu_mark_events_pending(v);
}

bool virq_is_global(unsigned int virq)
{
    switch (virq) {
    case VIRQ_TIMER:
    case VIRQ_DEBUG:
    case VIRQ_XENOPROF:
    case VIRQ_XENPMU:
        return false;
    default:
        return true;
    }
}

void evtchn_send_virq(struct vcpu *v, unsigned int virq)
{
    struct domain *d = v->domain;

    if (virq >= NR_VIRQS || !d->evtchn)
        return;
    bool global = virq_is_global(virq);
    struct vcpu *holder = global ? d->vcpu[0] : v;
    if (!holder)
        return;

    unsigned long f = spin_lock_irqsave(&d->event_lock);
    unsigned int port = holder->virq_to_evtchn[virq];
    if (port) {
        struct vcpu *target = global ? d->vcpu[d->evtchn[port].notify_vcpu] : v;
        if (target)
            evtchn_set_pending(target, port);
    }
    spin_unlock_irqrestore(&d->event_lock, f);
}
