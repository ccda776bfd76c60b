/* SPDX-License-Identifier: GPL-2.0-only */
/* The domain builder's domctls: set/get a vCPU's context and fill a hypercall page, with Xen's errnos. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/pv.h>
#include <asm/pv-mm.h>
#include <asm/pv-priv.h>
#include <public/domctl.h>

/* The vCPU the op names; NULL (Xen's -EINVAL) when out of range or not created. */
static struct vcpu *op_vcpu(const struct domain *d, uint32_t id)
{
    return id < d->max_vcpus ? d->vcpu[id] : NULL;
}

static long set_context(struct domain *d, const struct xen_domctl_vcpucontext *vc)
{
    struct vcpu *v = op_vcpu(d, vc->vcpu);
    if (d == current->domain || !v)
        return -EINVAL; /* no pausing ourselves */
    if (!vc->ctxt.p) {
        domain_pause(d); /* a null context: reset the vCPU, as Xen */
        pv_vcpu_reset(v);
        domain_unpause(d);
        return 0;
    }
    struct vcpu_guest_context *c = xmalloc(struct vcpu_guest_context);
    if (!c)
        return -ENOMEM;
    long rc = 0;
    if (copy_from_guest(c, (unsigned long)vc->ctxt.p, sizeof(*c)))
        rc = -EFAULT;
    if (!rc) {
        domain_pause(d);
        rc = pv_vcpu_set_context(v, c);
        domain_unpause(d);
    }
    xfree(c);
    return rc;
}

/* What the vCPU holds, in the layout setvcpucontext takes (v is paused, its registers saved). */
static void fill_context(const struct vcpu *v, struct vcpu_guest_context *c)
{
    const struct pv_vcpu *a = &v->arch;

    memset(c, 0, sizeof(*c));
    c->user_regs = a->user_regs;
    c->user_regs.rflags |= (uint64_t)a->iopl << 12;
    c->user_regs.ds = a->priv.ds;
    c->user_regs.es = a->priv.es;
    c->user_regs.fs = a->priv.fs;
    c->user_regs.gs = a->priv.gs;
    c->flags = (a->kernel_mode ? VGCF_in_kernel : 0) | (a->fpu_initialised ? VGCF_i387_valid : 0) |
               (v->pause_flags & VPF_down ? 0 : VGCF_online) |
               (a->failsafe_disables_events ? VGCF_failsafe_disables_events : 0) |
               (a->syscall_disables_events ? VGCF_syscall_disables_events : 0);
    if (a->fpu_initialised)
        memcpy(c->fpu_ctxt.x, a->fpu_state, sizeof(c->fpu_ctxt.x));
    memcpy(c->trap_ctxt, a->trap_ctxt, sizeof(c->trap_ctxt));
    c->ldt_base = a->ldt_base;
    c->ldt_ents = a->ldt_ents;
    for (unsigned int i = 0; i < NR_GDT_FRAMES; i++)
        c->gdt_frames[i] = a->priv.gdt_frames[i];
    c->gdt_ents = a->priv.gdt_ents;
    c->kernel_ss = a->kernel_ss;
    c->kernel_sp = a->kernel_sp;
    c->ctrlreg[0] = a->ctrlreg0_ts;
    c->ctrlreg[1] = (uint64_t)a->guest_table_user << PAGE_SHIFT;
    c->ctrlreg[3] = (uint64_t)a->guest_table << PAGE_SHIFT;
    c->ctrlreg[4] = a->priv.cr4;
    for (unsigned int i = 0; i < 8; i++)
        c->debugreg[i] = a->priv.dr[i];
    c->event_callback_eip = a->event_callback;
    c->failsafe_callback_eip = a->failsafe_callback;
    c->syscall_callback_eip = a->syscall_callback;
    c->vm_assist = v->domain->arch.vm_assist;
    c->fs_base = a->fs_base;
    c->gs_base_kernel = a->gs_base_kernel;
    c->gs_base_user = a->gs_base_user;
}

static long get_context(struct domain *d, const struct xen_domctl_vcpucontext *vc, bool *copyback)
{
    struct vcpu *v = op_vcpu(d, vc->vcpu);
    if (!v || v == current || d == current->domain)
        return -EINVAL; /* (our own domain: we cannot pause it to read it) */
    if (!vcpu_is_initialised(v))
        return -ENODATA;
    struct vcpu_guest_context *c = xmalloc(struct vcpu_guest_context);
    if (!c)
        return -ENOMEM;
    domain_pause(d);
    fill_context(v, c);
    domain_unpause(d);
    long rc = copy_to_guest((unsigned long)vc->ctxt.p, c, sizeof(*c)) ? -EFAULT : 0;
    xfree(c);
    *copyback = true;
    return rc;
}

/* Xen: a frame that is not the domain's -EINVAL; one that cannot be writable (a table) -EPERM. */
static long hypercall_init(struct domain *d, uint64_t mfn)
{
    struct page_info *pg = mfn_to_page(mfn);
    if (!mfn_valid(mfn) || !get_page(pg, d))
        return -EINVAL;
    if (get_page_type(pg, PGT_writable_page)) {
        put_page(pg);
        return -EPERM;
    }
    write_hypercall_page(mfn_to_virt(mfn));
    put_page_and_type(pg);
    return 0;
}

long pv_domctl_builder(struct xen_domctl *op, struct domain *d, unsigned long arg, bool *copyback)
{
    long rc;

    switch (op->cmd) {
    case XEN_DOMCTL_setvcpucontext:
        rc = set_context(d, &op->u.vcpucontext);
        return rc == -ERESTART_INTERNAL ? hypercall_create_continuation(1, arg) : rc;
    case XEN_DOMCTL_getvcpucontext: return get_context(d, &op->u.vcpucontext, copyback);
    case XEN_DOMCTL_hypercall_init: return hypercall_init(d, op->u.hypercall_init.gmfn);
    default: return -ENOSYS;
    }
}
