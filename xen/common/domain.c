/* SPDX-License-Identifier: GPL-2.0-only */
/* Domain and vCPU lifecycle: create, look up, shut down, crash. */
#include <xen/buddy.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/pv-mm.h>
#include <xen/smp.h>
#include <public/sched.h>

struct domain *domain_list;
struct domain *idle_domain;
static DEFINE_SPINLOCK(domlist_lock);

struct domain *domain_create(domid_t id, unsigned int max_vcpus, bool privileged, const char *name)
{
    struct domain *d = xzalloc(struct domain);
    if (!d)
        return NULL;
    d->domain_id = id;
    d->is_privileged = privileged;
    d->max_vcpus = max_vcpus;
    d->page_list_head = ~0UL;
    spin_lock_init(&d->lock);
    spin_lock_init(&d->page_alloc_lock);
    spin_lock_init(&d->event_lock);
    strlcpy(d->name, name, sizeof(d->name));
    sched_init_domain(d);

    if (id != DOMID_IDLE_INTERNAL) {
        d->shared_info = alloc_xenheap_page();
        if (!d->shared_info) {
            xfree(d);
            return NULL;
        }
        memset(d->shared_info, 0, PAGE_SIZE);
        d->shared_info_mfn = virt_to_mfn(d->shared_info);
        if (evtchn_init(d)) {
            free_xenheap_page(d->shared_info);
            xfree(d);
            return NULL;
        }
        if (gnttab_init(d)) {
            evtchn_destroy(d);
            free_xenheap_page(d->shared_info);
            xfree(d);
            return NULL;
        }
        domain_time_init(d);
        share_xen_page_with_guest(mfn_to_page(d->shared_info_mfn), d);
        unsigned long f = spin_lock_irqsave(&domlist_lock);
        d->next_in_list = domain_list;
        domain_list = d;
        spin_unlock_irqrestore(&domlist_lock, f);
    }
    return d;
}

struct vcpu *vcpu_create(struct domain *d, unsigned int vcpu_id, unsigned int cpu)
{
    if (vcpu_id >= d->max_vcpus || d->vcpu[vcpu_id])
        return NULL;
    struct vcpu *v = xzalloc(struct vcpu);
    if (!v)
        return NULL;
    v->vcpu_id = vcpu_id;
    v->domain = d;
    v->processor = cpu;
    v->pause_flags = VPF_down;
    sched_init_vcpu(v);
    for (unsigned i = 0; i < NR_VIRQS; i++)
        v->virq_to_evtchn[i] = 0;
    if (d->shared_info && vcpu_id < XEN_LEGACY_MAX_VCPUS) {
        v->vcpu_info = &d->shared_info->vcpu_info[vcpu_id];
        v->vcpu_info->evtchn_upcall_mask = 1;       /* events masked until the guest says so */
    }
    v->arch.kernel_mode = true;
    v->vcpu_info_mfn = INVALID_MFN;
    if (v->vcpu_info)
        vcpu_time_init(v);
    vcpu_priv_init(v);
    d->vcpu[vcpu_id] = v;
    return v;
}

struct domain *get_domain_by_id(domid_t id)
{
    unsigned long f = spin_lock_irqsave(&domlist_lock);
    struct domain *d = domain_list;
    while (d && d->domain_id != id)
        d = d->next_in_list;
    spin_unlock_irqrestore(&domlist_lock, f);
    return d;
}

static const char *shutdown_reason(unsigned int r)
{
    static const char *const names[] = { "poweroff", "reboot", "suspend", "crash", "watchdog", "soft_reset" };
    return r < ARRAY_SIZE(names) ? names[r] : "unknown";
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
    spin_lock(&d->lock);
    if (d->is_shutting_down) {
        spin_unlock(&d->lock);
        return;
    }
    d->is_shutting_down = true;
    d->shutdown_code = reason;
    spin_unlock(&d->lock);

    printk("Domain %u (%s) shut down: %s\n", d->domain_id, d->name, shutdown_reason(reason));
    for (unsigned i = 0; i < d->max_vcpus; i++) {
        struct vcpu *v = d->vcpu[i];
        if (!v)
            continue;
        __atomic_fetch_or(&v->pause_flags, VPF_shutdown, __ATOMIC_SEQ_CST);
        vcpu_sleep_nosync(v);
    }
    d->is_shut_down = true;
    if (d->is_initial)
        initial_domain_shutdown(d, reason);
    else if (d->is_boot_domain)
        boot_domain_shutdown(d, reason);
}

void __domain_crash(struct domain *d, const char *func, const char *fmt, ...)
{
    char why[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);

    struct vcpu *v = current;
    if (v && v->domain == d) {
        const struct cpu_user_regs *r = guest_cpu_user_regs();
        printk(XENLOG_ERR "Domain %u (%s) crashed: vCPU %u at RIP %016lx (%s mode): %s [%s]\n",
               d->domain_id, d->name, v->vcpu_id, (unsigned long)r->rip,
               v->arch.kernel_mode ? "kernel" : "user", why, func);
    } else {
        printk(XENLOG_ERR "Domain %u (%s) crashed: %s [%s]\n", d->domain_id, d->name, why, func);
    }
    domain_shutdown(d, SHUTDOWN_crash);
}
