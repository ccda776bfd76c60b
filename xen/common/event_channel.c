/* SPDX-License-Identifier: GPL-2.0-only */
/* HYPERVISOR_event_channel_op: allocating, binding, sending on and closing ports (2-level ABI only). */
#include <xen/domain_console.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/guest_access.h>

int evtchn_init(struct domain *d)
{
    d->evtchn = xzalloc_array(struct evtchn, NR_EVTCHN_2L);
    if (!d->evtchn)
        return -ENOMEM;
    d->evtchn[0].state = ECS_RESERVED;
    return 0;
}

static struct vcpu *domain_vcpu(const struct domain *d, uint32_t id)
{
    return id < d->max_vcpus ? d->vcpu[id] : NULL;
}

/* DOMID_SELF or an id; NULL if there is no such domain. */
static struct domain *lookup_domain(domid_t id)
{
    struct domain *cd = current->domain;
    return id == DOMID_SELF || id == cd->domain_id ? cd : get_domain_by_id(id);
}

/* Xen's "target" rule: a domain acts on itself, a privileged domain on any. */
static bool may_control(const struct domain *d)
{
    return d == current->domain || current->domain->is_privileged;
}

static int get_free_port(struct domain *d)
{
    if (d->is_dying)
        return -EINVAL;
    for (unsigned int port = 1; port < NR_EVTCHN_2L; port++)
        if (d->evtchn[port].state == ECS_FREE)
            return port;
    return -ENOSPC;
}

static void free_port(struct domain *d, unsigned int port)
{
    evtchn_clear_pending(d, port);      /* a rebound port starts quiet */
    d->evtchn[port] = (struct evtchn){ .state = ECS_FREE };
}

/* Both domains' event locks, the lower address first, so two binders cannot deadlock. */
static unsigned long lock_pair(struct domain *a, struct domain *b)
{
    unsigned long f = local_irq_save();
    struct domain *first = a < b ? a : b, *second = a < b ? b : a;
    spin_lock(&first->event_lock);
    if (second != first)
        spin_lock(&second->event_lock);
    return f;
}

static void unlock_pair(struct domain *a, struct domain *b, unsigned long f)
{
    if (a != b)
        spin_unlock(&b->event_lock);
    spin_unlock(&a->event_lock);
    local_irq_restore(f);
}

static long evtchn_alloc_unbound(struct evtchn_alloc_unbound *a)
{
    struct domain *d = lookup_domain(a->dom);
    if (!d)
        return -ESRCH;
    if (!may_control(d))
        return -EPERM;

    unsigned long f = spin_lock_irqsave(&d->event_lock);
    int port = get_free_port(d);
    if (port > 0) {
        domid_t remote = a->remote_dom == DOMID_SELF ? current->domain->domain_id : a->remote_dom;
        d->evtchn[port] = (struct evtchn){ .state = ECS_UNBOUND, .remote_dom = remote };
        a->port = port;
    }
    spin_unlock_irqrestore(&d->event_lock, f);
    return port < 0 ? port : 0;
}

int evtchn_alloc_xen_port(struct domain *d)
{
    unsigned long f = spin_lock_irqsave(&d->event_lock);
    int port = get_free_port(d);
    if (port > 0)
        d->evtchn[port] = (struct evtchn){ .state = ECS_UNBOUND, .remote_dom = DOMID_XEN };
    spin_unlock_irqrestore(&d->event_lock, f);
    return port;
}

static long evtchn_bind_interdomain(struct evtchn_bind_interdomain *b)
{
    struct domain *ld = current->domain;
    struct domain *rd = lookup_domain(b->remote_dom);
    if (!rd)
        return -ESRCH;

    unsigned long f = lock_pair(ld, rd);
    int lport = get_free_port(ld);
    uint32_t rport = b->remote_port;
    long rc = lport;
    if (lport > 0) {
        struct evtchn *r = rport < NR_EVTCHN_2L ? &rd->evtchn[rport] : NULL;
        rc = -EINVAL;
        if (r && r->state == ECS_UNBOUND && r->remote_dom == ld->domain_id) {
            ld->evtchn[lport] = (struct evtchn){ .state = ECS_INTERDOMAIN, .remote_dom = rd->domain_id,
                                                 .remote_port = rport };
            r->state = ECS_INTERDOMAIN;
            r->remote_dom = ld->domain_id;
            r->remote_port = lport;
            /* Notifications sent while the remote port was unbound were dropped: raise one now. */
            evtchn_set_pending(ld->vcpu[0], lport);
            b->local_port = lport;
            rc = 0;
        }
    }
    unlock_pair(ld, rd, f);
    return rc;
}

static long evtchn_bind_virq(struct evtchn_bind_virq *b)
{
    struct domain *d = current->domain;

    if (b->virq >= NR_VIRQS)
        return -EINVAL;
    if (virq_is_global(b->virq) && b->vcpu != 0)
        return -EINVAL;
    struct vcpu *v = domain_vcpu(d, b->vcpu);
    if (!v)
        return -ENOENT;

    unsigned long f = spin_lock_irqsave(&d->event_lock);
    int port = -EEXIST;
    if (!v->virq_to_evtchn[b->virq] && (port = get_free_port(d)) > 0) {
        d->evtchn[port] = (struct evtchn){ .state = ECS_VIRQ, .notify_vcpu = b->vcpu,
                                           .remote_port = b->virq };
        v->virq_to_evtchn[b->virq] = port;
        b->port = port;
    }
    spin_unlock_irqrestore(&d->event_lock, f);
    return port < 0 ? port : 0;
}

static long evtchn_bind_ipi(struct evtchn_bind_ipi *b)
{
    struct domain *d = current->domain;

    if (!domain_vcpu(d, b->vcpu))
        return -ENOENT;
    unsigned long f = spin_lock_irqsave(&d->event_lock);
    int port = get_free_port(d);
    if (port > 0) {
        d->evtchn[port] = (struct evtchn){ .state = ECS_IPI, .notify_vcpu = b->vcpu };
        b->port = port;
    }
    spin_unlock_irqrestore(&d->event_lock, f);
    return port < 0 ? port : 0;
}

/* Close @port of @d; an interdomain peer goes back to unbound, waiting for us. */
static long evtchn_close_port(struct domain *d, uint32_t port)
{
    if (port >= NR_EVTCHN_2L)
        return -EINVAL;

    unsigned long f = spin_lock_irqsave(&d->event_lock);
    struct evtchn *c = &d->evtchn[port];
    struct domain *rd = d;

    if (c->state == ECS_INTERDOMAIN && c->remote_dom != d->domain_id) {
        /* The peer's lock is needed too, and must be taken in address order. */
        domid_t peer = c->remote_dom;
        spin_unlock_irqrestore(&d->event_lock, f);
        rd = get_domain_by_id(peer);
        BUG_ON(!rd);                    /* a bound peer cannot disappear: destroy closes it first */
        f = lock_pair(d, rd);
        if (c->state != ECS_INTERDOMAIN || c->remote_dom != peer) {
            unlock_pair(d, rd, f);      /* closed or rebound meanwhile: as if it were closed */
            return -EINVAL;
        }
    }

    long rc = 0;
    switch (c->state) {
    case ECS_UNBOUND:
    case ECS_IPI:
        break;
    case ECS_VIRQ:
        for (unsigned int i = 0; i < d->max_vcpus; i++)
            if (d->vcpu[i] && d->vcpu[i]->virq_to_evtchn[c->remote_port] == (int)port)
                d->vcpu[i]->virq_to_evtchn[c->remote_port] = 0;
        break;
    case ECS_INTERDOMAIN: {
        struct evtchn *r = &rd->evtchn[c->remote_port];
        BUG_ON(r->state != ECS_INTERDOMAIN || r->remote_dom != d->domain_id);
        r->state = ECS_UNBOUND;
        r->remote_port = 0;
        break;
    }
    default:
        rc = -EINVAL;                   /* free or reserved */
    }
    if (!rc)
        free_port(d, port);
    unlock_pair(d, rd, f);
    return rc;
}

int evtchn_send(struct domain *d, unsigned int port)
{
    if (port >= NR_EVTCHN_2L)
        return -EINVAL;

    unsigned long f = spin_lock_irqsave(&d->event_lock);
    const struct evtchn *c = &d->evtchn[port];
    int rc = 0;
    bool to_xen = c->state == ECS_UNBOUND && c->remote_dom == DOMID_XEN;

    switch (c->state) {
    case ECS_INTERDOMAIN: {
        /* Our lock pins the pair: the peer cannot close its end without it. */
        struct domain *rd = c->remote_dom == d->domain_id ? d : get_domain_by_id(c->remote_dom);
        struct vcpu *rv = rd->vcpu[rd->evtchn[c->remote_port].notify_vcpu];
        if (rv)
            evtchn_set_pending(rv, c->remote_port);
        break;
    }
    case ECS_IPI:
        evtchn_set_pending(d->vcpu[c->notify_vcpu], port);
        break;
    case ECS_UNBOUND:
        break;                          /* nobody listens yet: dropped, as Xen does */
    default:
        rc = -EINVAL;
    }
    spin_unlock_irqrestore(&d->event_lock, f);
    if (to_xen)
        domain_console_notify(d, port); /* the hypervisor is the consumer (console ring) */
    return rc;
}

static long evtchn_status(struct evtchn_status *s)
{
    struct domain *d = lookup_domain(s->dom);
    if (!d)
        return -ESRCH;
    if (s->port >= NR_EVTCHN_2L)
        return -EINVAL;
    if (!may_control(d))
        return -EPERM;

    unsigned long f = spin_lock_irqsave(&d->event_lock);
    const struct evtchn *c = &d->evtchn[s->port];
    memset(&s->u, 0, sizeof(s->u));
    switch (c->state) {
    case ECS_UNBOUND:
        s->status = EVTCHNSTAT_unbound;
        s->u.unbound.dom = c->remote_dom;
        break;
    case ECS_INTERDOMAIN:
        s->status = EVTCHNSTAT_interdomain;
        s->u.interdomain.dom = c->remote_dom;
        s->u.interdomain.port = c->remote_port;
        break;
    case ECS_VIRQ:
        s->status = EVTCHNSTAT_virq;
        s->u.virq = c->remote_port;
        break;
    case ECS_IPI:
        s->status = EVTCHNSTAT_ipi;
        break;
    default:
        s->status = EVTCHNSTAT_closed;
    }
    s->vcpu = c->notify_vcpu;
    spin_unlock_irqrestore(&d->event_lock, f);
    return 0;
}

static long evtchn_bind_vcpu(uint32_t port, uint32_t vcpu)
{
    struct domain *d = current->domain;

    if (!domain_vcpu(d, vcpu))
        return -ENOENT;
    if (port >= NR_EVTCHN_2L)
        return -EINVAL;

    unsigned long f = spin_lock_irqsave(&d->event_lock);
    struct evtchn *c = &d->evtchn[port];
    long rc = 0;
    switch (c->state) {
    case ECS_VIRQ:
        if (virq_is_global(c->remote_port))
            c->notify_vcpu = vcpu;
        else
            rc = -EINVAL;               /* per-vCPU VIRQs belong to their vCPU */
        break;
    case ECS_UNBOUND:
    case ECS_INTERDOMAIN:
        c->notify_vcpu = vcpu;
        break;
    default:
        rc = -EINVAL;
    }
    spin_unlock_irqrestore(&d->event_lock, f);
    return rc;
}

static long evtchn_unmask(uint32_t port)
{
    struct domain *d = current->domain;

    if (port >= NR_EVTCHN_2L)
        return -EINVAL;
    unsigned long f = spin_lock_irqsave(&d->event_lock);
    evtchn_unmask_port(d, port);
    spin_unlock_irqrestore(&d->event_lock, f);
    return 0;
}

static long evtchn_reset(domid_t dom)
{
    struct domain *d = lookup_domain(dom);
    if (!d)
        return -ESRCH;
    if (!may_control(d))
        return -EPERM;
    if (d != current->domain)
        return -EINVAL;                 /* another domain must be paused first; we cannot pause yet */
    for (unsigned int port = 1; port < NR_EVTCHN_2L; port++)
        evtchn_close_port(d, port);
    return 0;
}

void evtchn_destroy(struct domain *d)
{
    if (!d->evtchn)
        return;
    for (unsigned int port = 1; port < NR_EVTCHN_2L; port++)
        evtchn_close_port(d, port);
}

/* Copy the argument block in, run @op, copy it back when @out and the op succeeded. */
#define EVTCHN_OP(type, op, out)                                \
    do {                                                        \
        struct type a;                                          \
        if (copy_from_guest(&a, arg, sizeof(a)))                \
            return -EFAULT;                                     \
        long rc = (op);                                         \
        if (!rc && (out) && copy_to_guest(arg, &a, sizeof(a)))  \
            rc = -EFAULT;                                       \
        return rc;                                              \
    } while (0)

long do_event_channel_op(int cmd, unsigned long arg)
{
    switch (cmd) {
    case EVTCHNOP_alloc_unbound:
        EVTCHN_OP(evtchn_alloc_unbound, evtchn_alloc_unbound(&a), true);
    case EVTCHNOP_bind_interdomain:
        EVTCHN_OP(evtchn_bind_interdomain, evtchn_bind_interdomain(&a), true);
    case EVTCHNOP_bind_virq:
        EVTCHN_OP(evtchn_bind_virq, evtchn_bind_virq(&a), true);
    case EVTCHNOP_bind_ipi:
        EVTCHN_OP(evtchn_bind_ipi, evtchn_bind_ipi(&a), true);
    case EVTCHNOP_close:
        EVTCHN_OP(evtchn_close, evtchn_close_port(current->domain, a.port), false);
    case EVTCHNOP_send:
        EVTCHN_OP(evtchn_send, evtchn_send(current->domain, a.port), false);
    case EVTCHNOP_status:
        EVTCHN_OP(evtchn_status, evtchn_status(&a), true);
    case EVTCHNOP_bind_vcpu:
        EVTCHN_OP(evtchn_bind_vcpu, evtchn_bind_vcpu(a.port, a.vcpu), false);
    case EVTCHNOP_unmask:
        EVTCHN_OP(evtchn_unmask, evtchn_unmask(a.port), false);
    case EVTCHNOP_reset:
        EVTCHN_OP(evtchn_reset, evtchn_reset(a.dom), false);
    }
    /* Including init_control/expand_array: no FIFO ABI, so Linux stays on 2-level. */
    return -ENOSYS;
}
