/* SPDX-License-Identifier: GPL-2.0-only */
/* Scheduler control for the toolstack: credit weight/cap, vCPU affinity and info, the scheduler id. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/vtime.h>
#include <asm/guest_access.h>
#include <public/domctl.h>

/* Xen's scheduler choice: toolstacks and test setups pass sched=credit; only credit exists here. */
static int parse_sched(const char *s)
{
    if (strcmp(s, "credit"))
        printk(XENLOG_WARNING "sched=%s: only the credit scheduler is implemented; using it\n", s);
    return 0;
}
custom_param("sched", parse_sched);

/* Bitmaps are exchanged with the guest in the bytes covering the CPUs the machine has, as Xen. */
static uint32_t host_bitmap_bytes(void) { return (nr_cpu_ids + 7) / 8; }

/* Xen rounds in 32 bits: nr_bits above 0xfffffff8 wraps to a few bytes, and so it does here. */
static uint32_t guest_bitmap_bytes(const struct xenctl_bitmap *b)
{
    return (uint32_t)(b->nr_bits + 7) / 8;
}

/* The guest's bitmap as a cpumask: bytes past the host's or the guest's size, and bits past nr_bits, clear. */
static int cpumask_from_guest(cpumask_t *m, const struct xenctl_bitmap *b)
{
    uint8_t bytes[NR_CPUS / 8] = {0};
    uint32_t guest = guest_bitmap_bytes(b), n = MIN(guest, host_bitmap_bytes());

    if (n && copy_from_guest(bytes, (unsigned long)b->bitmap.p, n))
        return -EFAULT;
    if (n && (b->nr_bits & 7) && guest == n)
        bytes[n - 1] &= (1U << (b->nr_bits & 7)) - 1;
    memset(m, 0, sizeof(*m));
    for (unsigned int c = 0; c < n * 8; c++)
        if (bytes[c / 8] & (1U << (c % 8)))
            cpumask_set_cpu(c, m);
    return 0;
}

/* @m into the guest's bitmap: the host's CPUs (never bits past nr_cpu_ids), the rest of its bytes zeroed. */
static int cpumask_to_guest(const struct xenctl_bitmap *b, const cpumask_t *m)
{
    static const uint8_t zero[64];
    uint8_t bytes[NR_CPUS / 8] = {0};
    uint32_t guest = guest_bitmap_bytes(b), n = MIN(guest, host_bitmap_bytes());
    unsigned long to = (unsigned long)b->bitmap.p;

    for (unsigned int c = 0; c < nr_cpu_ids; c++)
        if (cpumask_test_cpu(c, m))
            bytes[c / 8] |= 1U << (c % 8);
    if (n && copy_to_guest(to, bytes, n))
        return -EFAULT;
    for (uint32_t done = n; done < guest;) { /* stops at the first fault, as Xen's byte loop */
        uint32_t len = MIN(guest - done, (uint32_t)sizeof(zero));
        if (copy_to_guest(to + done, zero, len))
            return -EFAULT;
        done += len;
    }
    return 0;
}

static void cpumask_and(cpumask_t *r, const cpumask_t *a, const cpumask_t *b)
{
    for (unsigned int i = 0; i < ARRAY_SIZE(r->bits); i++)
        r->bits[i] = a->bits[i] & b->bits[i];
}

static void hard_affinity(const struct vcpu *v, cpumask_t *m)
{
    for (unsigned int i = 0; i < ARRAY_SIZE(m->bits); i++)
        m->bits[i] = v->sched_unit.affinity[i];
}

/* Soft affinity is stored inverted so that a zeroed vCPU has Xen's default: every CPU. */
static void soft_affinity(const struct vcpu *v, cpumask_t *m)
{
    for (unsigned int i = 0; i < ARRAY_SIZE(m->bits); i++)
        m->bits[i] = ~v->soft_affinity_not.bits[i];
}

static void set_soft_affinity(struct vcpu *v, const cpumask_t *m)
{
    for (unsigned int i = 0; i < ARRAY_SIZE(m->bits); i++)
        v->soft_affinity_not.bits[i] = ~m->bits[i];
}

/* Xen's order: vCPU id -EINVAL, missing vCPU -ESRCH, no flags or a NULL bitmap for a flag -EINVAL. */
static struct vcpu *ctl_vcpu(struct domain *d, uint32_t id, long *rc)
{
    if (id >= d->max_vcpus) {
        *rc = -EINVAL;
        return NULL;
    }
    *rc = d->vcpu[id] ? 0 : -ESRCH;
    return d->vcpu[id];
}

static long get_affinity(struct vcpu *v, const struct xen_domctl_vcpuaffinity *a)
{
    cpumask_t m;
    long rc = 0;

    /* As Xen: the soft result replaces the hard one when both are asked for. */
    if (a->flags & XEN_VCPUAFFINITY_HARD) {
        hard_affinity(v, &m);
        rc = cpumask_to_guest(&a->cpumap_hard, &m);
    }
    if (a->flags & XEN_VCPUAFFINITY_SOFT) {
        soft_affinity(v, &m);
        rc = cpumask_to_guest(&a->cpumap_soft, &m);
    }
    return rc;
}

/* Hard first (applied, then the effective mask reported back), then soft; a failed soft undoes hard. */
static long set_affinity(struct vcpu *v, const struct xen_domctl_vcpuaffinity *a)
{
    cpumask_t old_hard, hard, m;
    long rc = 0;

    hard_affinity(v, &old_hard);
    if (a->flags & XEN_VCPUAFFINITY_HARD) {
        rc = cpumask_from_guest(&m, &a->cpumap_hard);
        if (!rc)
            rc = vcpu_set_hard_affinity(v, &m); /* -EINVAL: no online CPU in it */
        if (rc)
            return rc;
        hard_affinity(v, &hard);
        cpumask_and(&m, &hard, &cpu_online_map);
        rc = cpumask_to_guest(&a->cpumap_hard, &m);
    }
    if (a->flags & XEN_VCPUAFFINITY_SOFT) {
        long soft_rc = cpumask_from_guest(&m, &a->cpumap_soft);
        if (soft_rc) {
            if (a->flags & XEN_VCPUAFFINITY_HARD)
                vcpu_set_hard_affinity(v, &old_hard);
            return soft_rc;
        }
        set_soft_affinity(v, &m); /* any mask, empty too: the policy does not use it */
        hard_affinity(v, &hard);
        cpumask_and(&m, &m, &cpu_online_map);
        cpumask_and(&m, &m, &hard);
        rc = cpumask_to_guest(&a->cpumap_soft, &m);
    }
    return rc; /* XEN_VCPUAFFINITY_FORCE: no SCHEDOP_pin_override to undo */
}

static long vcpu_affinity(struct domain *d, uint32_t cmd, const struct xen_domctl_vcpuaffinity *a)
{
    long rc;
    struct vcpu *v = ctl_vcpu(d, a->vcpu, &rc);

    if (!v)
        return rc;
    if (!a->flags || ((a->flags & XEN_VCPUAFFINITY_HARD) && !a->cpumap_hard.bitmap.p) ||
        ((a->flags & XEN_VCPUAFFINITY_SOFT) && !a->cpumap_soft.bitmap.p))
        return -EINVAL;
    return cmd == XEN_DOMCTL_setvcpuaffinity ? set_affinity(v, a) : get_affinity(v, a);
}

/*
 * Credit1's rules: weight 0 and cap 0xffff leave the value alone; any other value is taken.
 * A cap above 100 per vCPU limits nothing, so the policy gets 100 per vCPU while the
 * toolstack reads back what it set.
 */
static long sched_credit_op(struct domain *d, struct xen_domctl_scheduler_op *s)
{
    unsigned int full = 100 * d->max_vcpus;

    if (s->sched_id != XEN_SCHEDULER_CREDIT)
        return -EINVAL;
    switch (s->cmd) {
    case XEN_DOMCTL_SCHEDOP_getinfo:
        s->u.credit.weight = d->sched_dom.weight;
        s->u.credit.cap = d->sched_ctl_cap > full && d->sched_dom.cap == full ? d->sched_ctl_cap
                                                                              : d->sched_dom.cap;
        return 0;
    case XEN_DOMCTL_SCHEDOP_putinfo: {
        unsigned int weight = s->u.credit.weight ? s->u.credit.weight : d->sched_dom.weight;
        unsigned int cap = s->u.credit.cap;
        if (cap == 0xffff)
            cap = d->sched_dom.cap;
        else
            d->sched_ctl_cap = cap;
        return sched_set_weight_cap(d, weight, MIN(cap, full));
    }
    default: return -EINVAL; /* per-vCPU parameters too: credit has none */
    }
}

long domctl_sched(struct xen_domctl *op, struct domain *d, bool *copyback)
{
    switch (op->cmd) {
    case XEN_DOMCTL_scheduler_op:
        *copyback = true; /* as Xen: whatever the result */
        return sched_credit_op(d, &op->u.scheduler_op);
    case XEN_DOMCTL_setvcpuaffinity:
    case XEN_DOMCTL_getvcpuaffinity: return vcpu_affinity(d, op->cmd, &op->u.vcpuaffinity);
    case XEN_DOMCTL_getvcpuinfo: {
        struct xen_domctl_getvcpuinfo *i = &op->u.getvcpuinfo;
        long rc;
        struct vcpu *v = ctl_vcpu(d, i->vcpu, &rc);
        if (!v)
            return rc;
        struct vcpu_runstate_info r;
        vcpu_runstate_get(v, &r);
        i->online = !(v->pause_flags & VPF_down);
        i->blocked = !!(v->pause_flags & VPF_blocked);
        i->running = v->is_running;
        i->cpu_time = r.time[RUNSTATE_running];
        i->cpu = v->processor;
        *copyback = true;
        return 0;
    }
    default: return -ENOSYS;
    }
}
