/* SPDX-License-Identifier: GPL-2.0-only */
/* VCPUOP_initialise for PV vCPUs: check a struct vcpu_guest_context and load it into a vCPU that is down. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/boot-defs.h>
#include <asm/guest_access.h>
#include <asm/pv.h>
#include <asm/pv-mm.h>
#include <asm/pv-priv.h>

#define LDT_MAX_ENTS  8192
#define FXSAVE_MXCSR  24                /* byte offsets in an FXSAVE image */
#define FXSAVE_MASK   28

void pv_load_ldt(struct vcpu *v);

/* A 64-bit PV kernel runs in ring 3: selectors asking for a lower RPL get RPL 3 (Xen's fixup). */
static uint16_t fixup_selector(uint64_t sel)
{
    return (sel & 3) == 3 ? (uint16_t)sel : (uint16_t)((sel & ~3UL) | 3);
}

static bool guest_addr_ok(uint64_t a)
{
    return is_canonical(a);
}

/* The checks Xen makes before it changes anything: -EINVAL for any of them. */
static bool context_ok(const struct vcpu_guest_context *c, bool initialised)
{
    if (!guest_addr_ok(c->user_regs.rip) || !guest_addr_ok(c->user_regs.rsp) ||
        !guest_addr_ok(c->kernel_sp) || (c->ldt_ents && !guest_addr_ok(c->ldt_base)) ||
        !guest_addr_ok(c->fs_base) || !guest_addr_ok(c->gs_base_kernel) ||
        !guest_addr_ok(c->gs_base_user) || !guest_addr_ok(c->event_callback_eip) ||
        !guest_addr_ok(c->syscall_callback_eip) || !guest_addr_ok(c->failsafe_callback_eip))
        return false;
    for (unsigned int i = 0; i < 256; i++)
        if (!guest_addr_ok(c->trap_ctxt[i].address))
            return false;
    /* The LDT must lie outside the hypervisor's part of the address space, page aligned. */
    if (!guest_range_ok(c->ldt_base, 1) || (c->ldt_base & (PAGE_SIZE - 1)) || c->ldt_ents > LDT_MAX_ENTS)
        return false;
    if (c->gdt_ents > NR_GDT_FRAMES * 512)
        return false;
    /* A vCPU starting in user mode needs a user page table. */
    if (!initialised && !(c->flags & VGCF_in_kernel) && !c->ctrlreg[1])
        return false;
    return true;
}

/* A vCPU that has its tables keeps them: a new context must name the same ones (Xen). */
static bool same_tables(const struct vcpu *v, const struct vcpu_guest_context *c)
{
    const struct pv_vcpu *a = &v->arch;
    bool same = xen_cr3_to_pfn(c->ctrlreg[3]) == a->guest_table;

    if (!a->guest_table_user)
        same = same && !c->ctrlreg[1] && (c->flags & VGCF_in_kernel);
    else
        same = same && xen_cr3_to_pfn(c->ctrlreg[1]) == a->guest_table_user;
    same = same && c->gdt_ents == a->priv.gdt_ents;
    for (unsigned int i = 0; same && i < (c->gdt_ents + 511) / 512; i++)
        same = c->gdt_frames[i] == a->priv.gdt_frames[i];
    return same && c->ldt_ents == a->ldt_ents && (!c->ldt_ents || c->ldt_base == a->ldt_base);
}

/* MXCSR bits this CPU supports (an FXRSTOR of any other bit would fault in the hypervisor). */
static uint32_t mxcsr_mask(void)
{
    static uint32_t mask;
    static uint8_t img[512] __attribute__((aligned(16)));   /* not on the stack: FXSAVE needs 16-byte alignment */
    if (!mask) {
        __asm__ volatile("fxsave64 %0" : "=m"(img));
        memcpy(&mask, img + FXSAVE_MASK, sizeof(mask));
        if (!mask)
            mask = 0xffbf;              /* the architectural default when the CPU reports none */
    }
    return mask;
}

static void load_registers(struct vcpu *v, const struct vcpu_guest_context *c)
{
    struct pv_vcpu *a = &v->arch;

    a->user_regs = c->user_regs;
    a->user_regs.cs = fixup_selector(c->user_regs.cs);
    a->user_regs.ss = fixup_selector(c->user_regs.ss);
    a->user_regs.error_code = 0;
    a->user_regs.entry_vector = 0;
    a->iopl = (c->user_regs.rflags & X86_EFLAGS_IOPL) >> 12;    /* IOPL is virtual: the level, as set_iopl keeps it */
    a->user_regs.rflags = (c->user_regs.rflags & ~(uint64_t)X86_EFLAGS_IOPL) | X86_EFLAGS_IF;
    a->priv.ds = c->user_regs.ds;       /* bad ones end in the failsafe callback at the first load */
    a->priv.es = c->user_regs.es;
    a->priv.fs = c->user_regs.fs;
    a->priv.gs = c->user_regs.gs;

    memcpy(a->trap_ctxt, c->trap_ctxt, sizeof(a->trap_ctxt));
    for (unsigned int i = 0; i < 256; i++)
        a->trap_ctxt[i].cs = fixup_selector(c->trap_ctxt[i].cs);
    a->kernel_ss = fixup_selector(c->kernel_ss);
    a->kernel_sp = c->kernel_sp;
    a->event_callback = c->event_callback_eip;
    a->failsafe_callback = c->failsafe_callback_eip;
    a->syscall_callback = c->syscall_callback_eip;
    a->failsafe_disables_events = c->flags & VGCF_failsafe_disables_events;
    a->syscall_disables_events = c->flags & VGCF_syscall_disables_events;
    a->kernel_mode = c->flags & VGCF_in_kernel;
    /* A non-null selector overrides its base, as on Xen. */
    a->fs_base = (c->user_regs.fs & ~3) ? 0 : c->fs_base;
    a->gs_base_kernel = c->gs_base_kernel;
    a->gs_base_user = (c->user_regs.gs & ~3) ? 0 : c->gs_base_user;
    a->ctrlreg0_ts = c->ctrlreg[0] & X86_CR0_TS;
    a->priv.cr4 = pv_guest_cr4(c->ctrlreg[4]);
    a->ldt_base = c->ldt_base;
    a->ldt_ents = c->ldt_ents;

    if (c->flags & VGCF_i387_valid) {
        uint32_t mxcsr;
        memcpy(a->fpu_state, c->fpu_ctxt.x, sizeof(a->fpu_state));
        memcpy(&mxcsr, a->fpu_state + FXSAVE_MXCSR, sizeof(mxcsr));
        mxcsr &= mxcsr_mask();
        memcpy(a->fpu_state + FXSAVE_MXCSR, &mxcsr, sizeof(mxcsr));
        a->fpu_initialised = true;
    } else {
        a->fpu_initialised = false;     /* the reset state at the first switch in */
    }

    /* Debug registers: a value the guest may not set is dropped, as Xen ignores the error. */
    for (unsigned int i = 0; i < 4; i++)
        set_debugreg(v, i, c->debugreg[i]);
    set_debugreg(v, 6, c->debugreg[6]);
    set_debugreg(v, 7, c->debugreg[7]);
}

/*
 * Take the GDT frames, then the kernel (and user) L4 by type, as new_baseptr
 * does. Any failure leaves the vCPU as it was. -ERESTART_INTERNAL: the L4's
 * validation was preempted; the caller creates a continuation.
 */
static int take_tables(struct vcpu *v, const struct vcpu_guest_context *c)
{
    struct domain *d = v->domain;
    unsigned long frames[NR_GDT_FRAMES];
    unsigned int nr = (c->gdt_ents + 511) / 512;
    int rc;

    if (c->gdt_ents > NR_GDT_FRAMES * 512)
        return -EINVAL;
    for (unsigned int i = 0; i < nr; i++)
        frames[i] = c->gdt_frames[i];
    rc = (int)pv_set_gdt(v, frames, c->gdt_ents);
    if (rc)
        return rc;

    spin_lock(&d->arch.mm_lock);
    rc = pv_set_baseptr(v, xen_cr3_to_pfn(c->ctrlreg[3]), false);
    if (!rc && c->ctrlreg[1]) {
        rc = pv_set_baseptr(v, xen_cr3_to_pfn(c->ctrlreg[1]), true);
        if (rc) {
            put_page_and_type(mfn_to_page(v->arch.guest_table));
            v->arch.guest_table = 0;
        }
    }
    spin_unlock(&d->arch.mm_lock);
    if (rc)
        pv_destroy_gdt(v);
    return rc;
}

long pv_vcpu_initialise(struct vcpu *v, unsigned int cmd, unsigned long arg)
{
    struct domain *d = v->domain;
    struct vcpu_guest_context *c = xmalloc(struct vcpu_guest_context);
    long rc;

    if (!c)
        return -ENOMEM;
    if (copy_from_guest(c, arg, sizeof(*c))) {
        xfree(c);
        return -EFAULT;
    }

    spin_lock(&d->lock);
    if (vcpu_is_initialised(v))
        rc = -EEXIST;
    else if (!context_ok(c, false))
        rc = -EINVAL;
    else
        rc = take_tables(v, c);
    if (!rc) {
        load_registers(v, c);
        if (v->arch.ldt_ents)
            pv_load_ldt(v);             /* needs the page tables just taken */
        if (c->flags & VGCF_online)
            __atomic_fetch_and(&v->pause_flags, ~VPF_down, __ATOMIC_SEQ_CST);
    }
    spin_unlock(&d->lock);
    xfree(c);

    if (rc == -ERESTART_INTERNAL)
        return hypercall_create_continuation(3, cmd, v->vcpu_id, arg);
    if (!rc && vcpu_runnable(v))
        vcpu_wake(v);
    return rc;
}

/*
 * XEN_DOMCTL_setvcpucontext, the domain paused by the caller: a first context
 * is taken as VCPUOP_initialise takes it; a vCPU with tables gets new
 * registers only (-EOPNOTSUPP if other tables are named). VGCF_online brings
 * it up, its absence takes it down. -ERESTART_INTERNAL: L4 validation preempted.
 */
long pv_vcpu_set_context(struct vcpu *v, const struct vcpu_guest_context *c)
{
    struct domain *d = v->domain;
    bool initialised;
    long rc;

    spin_lock(&d->lock);
    initialised = vcpu_is_initialised(v);
    if (d->is_dying != DOMDYING_alive)
        rc = -EINVAL; /* its teardown may have passed the base pointers: nothing new to hold */
    else if (!context_ok(c, initialised))
        rc = -EINVAL;
    else if (initialised)
        rc = same_tables(v, c) ? 0 : -EOPNOTSUPP;
    else
        rc = take_tables(v, c);
    if (!rc) {
        load_registers(v, c);
        if (!initialised && v->arch.ldt_ents)
            pv_load_ldt(v);
        if (c->flags & VGCF_online)
            __atomic_fetch_and(&v->pause_flags, ~VPF_down, __ATOMIC_SEQ_CST);
        else
            __atomic_fetch_or(&v->pause_flags, VPF_down, __ATOMIC_SEQ_CST);
    }
    spin_unlock(&d->lock);
    return rc;
}

/* XEN_DOMCTL_setvcpucontext with a null context (the domain paused): back to a vCPU without a
 * context, down, its tables and descriptor frames released (pins stay: they are the domain's). */
void pv_vcpu_reset(struct vcpu *v)
{
    struct domain *d = v->domain;
    struct pv_vcpu *a = &v->arch;

    spin_lock(&d->lock);
    spin_lock(&d->arch.mm_lock);
    if (a->guest_table)
        put_page_and_type(mfn_to_page(a->guest_table));
    if (a->guest_table_user)
        put_page_and_type(mfn_to_page(a->guest_table_user));
    a->guest_table = a->guest_table_user = 0;
    spin_unlock(&d->arch.mm_lock);
    pv_destroy_gdt(v);
    pv_destroy_ldt(v);
    a->ldt_base = 0;
    a->ldt_ents = 0;
    a->fpu_initialised = false;
    __atomic_fetch_or(&v->pause_flags, VPF_down, __ATOMIC_SEQ_CST);
    __atomic_fetch_and(&v->pause_flags, ~VPF_blocked, __ATOMIC_SEQ_CST);
    spin_unlock(&d->lock);
}
