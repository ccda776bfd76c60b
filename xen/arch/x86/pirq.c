/* SPDX-License-Identifier: GPL-2.0-only */
/* physdev_op's IRQ sub-ops: mapping GSIs and MSIs to a domain's pirqs, EOI, status, and delivery. */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/pirq.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/ioapic.h>
#include <asm/irq.h>
#include <asm/msi.h>
#include <asm/pv-mm.h>
#include <public/physdev.h>

static DEFINE_SPINLOCK(pirq_alloc_lock);

static struct domain_pirqs *pirqs_of(struct domain *d)
{
    if (!d->pirqs) {
        struct domain_pirqs *p = xzalloc(struct domain_pirqs);
        spin_lock(&pirq_alloc_lock);
        if (!d->pirqs)
            d->pirqs = p, p = NULL;
        spin_unlock(&pirq_alloc_lock);
        xfree(p);
    }
    return d->pirqs;
}

void pirq_deliver(struct domain *d, unsigned int pirq, bool needs_eoi)
{
    struct domain_pirqs *p = d->pirqs;
    unsigned int port = p->port[pirq];
    if (needs_eoi && p->eoi_map)
        __atomic_fetch_or(&p->eoi_map[pirq / 64], 1UL << (pirq % 64), __ATOMIC_SEQ_CST);
    if (port)
        evtchn_set_pending(d->vcpu[d->evtchn[port].notify_vcpu], port);
}

int pirq_bind_port(struct domain *d, unsigned int pirq, unsigned int port)
{
    struct domain_pirqs *p = pirqs_of(d);
    if (!p || pirq >= NR_DOMAIN_PIRQS || p->irq[pirq] <= 0)
        return -EPERM;
    if (p->port[pirq])
        return -EEXIST;
    p->port[pirq] = port;
    irq_guest_bind(p->irq[pirq], true);
    return 0;
}

void pirq_unbind_port(struct domain *d, unsigned int pirq)
{
    struct domain_pirqs *p = d->pirqs;
    if (!p || pirq >= NR_DOMAIN_PIRQS || !p->port[pirq])
        return;
    if (p->irq[pirq] > 0)
        irq_guest_bind(p->irq[pirq], false);
    p->port[pirq] = 0;
}

void pirq_domain_destroy(struct domain *d)
{
    struct domain_pirqs *p = d->pirqs;
    if (!p)
        return;
    unsigned long f = spin_lock_irqsave(&d->event_lock);
    for (unsigned int pirq = 0; pirq < NR_DOMAIN_PIRQS; pirq++)
        if (p->irq[pirq] > 0) {
            pirq_unbind_port(d, pirq);
            irq_set_guest(p->irq[pirq], NULL, 0);
        }
    d->pirqs = NULL;
    spin_unlock_irqrestore(&d->event_lock, f);
    if (p->eoi_map_mfn)
        put_page_and_type(mfn_to_page(p->eoi_map_mfn));
    xfree(p);
}

/* Xen's get_free_pirq: GSI-type from 16 up within the GSIs, others from the top down. */
static int free_pirq(struct domain_pirqs *p, int type)
{
    if (type == MAP_PIRQ_TYPE_GSI)
        for (unsigned int i = 16; i < nr_irqs_gsi; i++)
            if (!p->irq[i])
                return i;
    for (unsigned int i = NR_DOMAIN_PIRQS - 1; i >= nr_irqs_gsi; i--)
        if (!p->irq[i])
            return i;
    return -ENOSPC;
}

static int pirq_of_irq(const struct domain_pirqs *p, int irq)
{
    for (unsigned int i = 0; i < NR_DOMAIN_PIRQS; i++)
        if (p->irq[i] == irq)
            return i;
    return 0;
}

/* DOMID_SELF or an existing domain, referenced, then privilege (Xen: -ESRCH before XSM -EPERM). */
static struct domain *target_domain(domid_t id, int *rc)
{
    struct domain *d = get_domain_by_any_id(id, rc);
    if (d && !current->domain->is_privileged) {
        put_domain(d);
        *rc = -EPERM;
        return NULL;
    }
    return d;
}

static int map_pirq_in(struct domain *d, struct physdev_map_pirq *m)
{
    int rc, irq;
    struct domain_pirqs *p = pirqs_of(d);
    if (!p)
        return -ENOMEM;
    struct msi_target t = { 0 };
    switch (m->type) {
    case MAP_PIRQ_TYPE_GSI:
        if (m->index < 0 || (unsigned int)m->index >= nr_irqs_gsi || m->index == 0)
            return -EINVAL;
        irq = m->index;
        break;
    case MAP_PIRQ_TYPE_MSI:
    case MAP_PIRQ_TYPE_MSI_SEG:
        if (m->type == MAP_PIRQ_TYPE_MSI_SEG && (m->bus >> 16))
            return -ENODEV;             /* segment 0 only */
        t = (struct msi_target){ .sbdf = ((m->bus & 0xff) << 8) | (m->devfn & 0xff),
                                 .msix = m->table_base != 0, .entry = m->entry_nr,
                                 .table_base = m->table_base };
        irq = 0;
        break;
    default:
        return -EINVAL;                 /* including MULTI_MSI: Linux falls back to one vector */
    }

    unsigned long f = spin_lock_irqsave(&d->event_lock);
    int pirq = m->pirq, cur = irq ? pirq_of_irq(p, irq) : 0;
    rc = 0;
    if (pirq < 0)
        pirq = cur ? cur : free_pirq(p, m->type == MAP_PIRQ_TYPE_GSI ? m->type : MAP_PIRQ_TYPE_MSI);
    else if (cur && cur != pirq)
        rc = -EEXIST;
    if (!rc && pirq < 0)
        rc = pirq;
    if (!rc && pirq >= NR_DOMAIN_PIRQS)
        rc = -EINVAL;
    if (!rc && p->irq[pirq] > 0 && p->irq[pirq] != irq)
        rc = -EEXIST;
    bool created = false;
    if (!rc && !irq) {
        irq = irq_create_msi(&t);
        rc = irq < 0 ? irq : 0;
        created = !rc;
    }
    if (!rc && (rc = irq_set_guest(irq, d, pirq)) == 0) {
        p->irq[pirq] = irq;
        m->pirq = pirq;
    }
    if (rc && created)
        irq_set_guest(irq, NULL, 0);    /* frees the MSI irq we just created */
    spin_unlock_irqrestore(&d->event_lock, f);
    return rc;
}

/* The target domain stays referenced for the whole operation. */
static int map_pirq(struct physdev_map_pirq *m)
{
    int rc;
    struct domain *d = target_domain(m->domid, &rc);
    if (!d)
        return rc;
    rc = map_pirq_in(d, m);
    put_domain(d);
    return rc;
}

static int unmap_pirq_in(struct domain *d, const struct physdev_unmap_pirq *u)
{
    int rc;
    struct domain_pirqs *p = d->pirqs;
    if (u->pirq < 0 || u->pirq >= NR_DOMAIN_PIRQS)
        return -EINVAL;
    unsigned long f = spin_lock_irqsave(&d->event_lock);
    int irq = p ? p->irq[u->pirq] : 0;
    rc = -EINVAL;
    if (irq > 0) {
        pirq_unbind_port(d, u->pirq);   /* its event channel stays, but never fires again */
        irq_set_guest(irq, NULL, 0);
        p->irq[u->pirq] = 0;
        rc = 0;
    }                                   /* as Xen: a pirq only reserved by get_free_pirq is -EINVAL */
    spin_unlock_irqrestore(&d->event_lock, f);
    return rc;
}

static int unmap_pirq(const struct physdev_unmap_pirq *u)
{
    int rc;
    struct domain *d = target_domain(u->domid, &rc);
    if (!d)
        return rc;
    rc = unmap_pirq_in(d, u);
    put_domain(d);
    return rc;
}

static int eoi_map_register(struct domain *d, unsigned long mfn)
{
    struct domain_pirqs *p = pirqs_of(d);
    if (!p)
        return -ENOMEM;
    if (!mfn_valid(mfn) || get_page_and_type(mfn_to_page(mfn), d, PGT_writable_page))
        return -EINVAL;
    unsigned long f = spin_lock_irqsave(&d->event_lock);
    int rc = p->eoi_map_mfn ? -EBUSY : 0;
    if (!rc) {
        p->eoi_map_mfn = mfn;
        p->eoi_map = mfn_to_virt(mfn);
    }
    spin_unlock_irqrestore(&d->event_lock, f);
    if (rc)
        put_page_and_type(mfn_to_page(mfn));
    return rc;                          /* the reference is kept while the domain lives */
}

static int eoi(struct domain *d, uint32_t pirq)
{
    struct domain_pirqs *p = d->pirqs;
    if (pirq >= NR_DOMAIN_PIRQS || !p || p->irq[pirq] <= 0)
        return -EINVAL;
    if (p->eoi_map)
        __atomic_fetch_and(&p->eoi_map[pirq / 64], ~(1UL << (pirq % 64)), __ATOMIC_SEQ_CST);
    irq_guest_eoi(p->irq[pirq]);
    return 0;
}

/* Copy in, run, copy back (when @out) — one argument block per sub-op. */
#define PHYSDEV_OP(type, op, out)                               \
    do {                                                        \
        struct type a;                                          \
        if (copy_from_guest(&a, arg, sizeof(a)))                \
            return -EFAULT;                                     \
        long rc = (op);                                         \
        if ((out) && copy_to_guest(arg, &a, sizeof(a)))         \
            rc = -EFAULT;                                       \
        return rc;                                              \
    } while (0)

static long apic_op(struct physdev_apic *a, bool write)
{
    const struct ioapic *io = ioapic_by_address(a->apic_physbase);
    if (!io)
        return -EINVAL;
    if (!write)
        a->value = ioapic_read_reg(io, a->reg);
    /* Writes are ignored: pins are routed by map_pirq/setup_gsi, never by the guest's RTEs. */
    return 0;
}

static long status_query(struct physdev_irq_status_query *q)
{
    if (q->irq >= NR_DOMAIN_PIRQS)
        return -EINVAL;
    q->flags = XENIRQSTAT_needs_eoi;    /* as Xen: always, unless the EOI map says otherwise */
    return 0;
}

static long free_pirq_op(struct physdev_get_free_pirq *g)
{
    struct domain *d = current->domain;
    struct domain_pirqs *p = pirqs_of(d);
    if (!p)
        return -ENOMEM;
    unsigned long f = spin_lock_irqsave(&d->event_lock);
    int pirq = free_pirq(p, g->type);
    if (pirq >= 0) {
        p->irq[pirq] = PIRQ_ALLOCATED;
        g->pirq = pirq;
    }
    spin_unlock_irqrestore(&d->event_lock, f);
    return pirq < 0 ? pirq : 0;
}

long physdev_irq_op(int cmd, unsigned long arg)
{
    struct domain *d = current->domain;
    bool priv = d->is_privileged;

    switch (cmd) {
    case PHYSDEVOP_irq_status_query:
        PHYSDEV_OP(physdev_irq_status_query, status_query(&a), !rc);
    case PHYSDEVOP_eoi:
        PHYSDEV_OP(physdev_eoi, eoi(d, a.irq), false);
    case PHYSDEVOP_pirq_eoi_gmfn_v1:
    case PHYSDEVOP_pirq_eoi_gmfn_v2:
        PHYSDEV_OP(physdev_pirq_eoi_gmfn, eoi_map_register(d, a.gmfn), false);
    case PHYSDEVOP_map_pirq:
        PHYSDEV_OP(physdev_map_pirq, map_pirq(&a), !rc || rc == -EFAULT);
    case PHYSDEVOP_unmap_pirq:
        PHYSDEV_OP(physdev_unmap_pirq, unmap_pirq(&a), false);
    case PHYSDEVOP_get_free_pirq:
        PHYSDEV_OP(physdev_get_free_pirq, free_pirq_op(&a), !rc);
    case PHYSDEVOP_setup_gsi:
        PHYSDEV_OP(physdev_setup_gsi,
                   a.gsi < 0 || (unsigned int)a.gsi >= nr_irqs_gsi ? -EINVAL : !priv ? -EPERM :
                   irq_gsi_configure(a.gsi, a.triggering, a.polarity), false);
    case PHYSDEVOP_apic_read:
    case PHYSDEVOP_apic_write:
        if (!priv)
            return -EPERM;
        PHYSDEV_OP(physdev_apic, apic_op(&a, cmd == PHYSDEVOP_apic_write), !rc);
    case PHYSDEVOP_alloc_irq_vector:
        if (!priv)
            return -EPERM;
        /* As Xen: a dummy; the vector is the hypervisor's business. */
        PHYSDEV_OP(physdev_irq, (a.vector = a.irq, 0), true);
    case PHYSDEVOP_manage_pci_add:
    case PHYSDEVOP_manage_pci_remove:
    case PHYSDEVOP_restore_msi:
        if (!priv)
            return -EPERM;
        PHYSDEV_OP(physdev_manage_pci, 0, false);
    case PHYSDEVOP_pci_device_add:
        if (!priv)
            return -EPERM;
        PHYSDEV_OP(physdev_pci_device_add, 0, false);
    case PHYSDEVOP_pci_device_remove:
    case PHYSDEVOP_restore_msi_ext:
    case PHYSDEVOP_prepare_msix:
    case PHYSDEVOP_release_msix:
        if (!priv)
            return -EPERM;
        PHYSDEV_OP(physdev_pci_device, 0, false);
    case PHYSDEVOP_pci_mmcfg_reserved:
        if (!priv)
            return -EPERM;
        PHYSDEV_OP(physdev_pci_mmcfg_reserved, 0, false);
    }
    return -ENOSYS;
}
