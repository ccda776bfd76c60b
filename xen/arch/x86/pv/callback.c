/* SPDX-License-Identifier: GPL-2.0-only */
/* Where the guest wants control back: trap table, callbacks, kernel stack, segment bases, lazy FPU. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/extable.h>
#include <asm/guest_access.h>
#include <asm/processor.h>
#include <public/callback.h>

#define MSR_FS_BASE        0xc0000100
#define MSR_GS_BASE        0xc0000101

/* A callback address must be a canonical guest address, never inside the hypervisor hole. */
static bool callback_address_ok(unsigned long a)
{
    return is_canonical(a) && guest_range_ok(a, 1);
}

long do_set_trap_table(unsigned long traps)
{
    struct vcpu *v = current;
    struct trap_info t;

    if (!traps) {                       /* NULL clears the table */
        memset(v->arch.trap_ctxt, 0, sizeof(v->arch.trap_ctxt));
        return 0;
    }
    for (unsigned int n = 0;; n++) {
        if (n && hypercall_preempt_check())
            return hypercall_create_continuation(1, traps);
        if (copy_from_guest(&t, traps, sizeof(t)))
            return -EFAULT;
        if (!t.address)
            return 0;                   /* a zero address ends the list */
        if (!is_canonical(t.address))
            return -EINVAL;
        v->arch.trap_ctxt[t.vector] = t;
        traps += sizeof(t);
    }
}

long do_stack_switch(unsigned long ss, unsigned long esp)
{
    current->arch.kernel_ss = ss;
    current->arch.kernel_sp = esp;
    return 0;
}

static long register_callback(const struct callback_register *r)
{
    struct vcpu *v = current;
    if (!callback_address_ok(r->address))
        return -EINVAL;
    bool mask = r->flags & CALLBACKF_mask_events;
    switch (r->type) {
    case CALLBACKTYPE_event:
        v->arch.event_callback = r->address;
        return 0;
    case CALLBACKTYPE_failsafe:
        v->arch.failsafe_callback = r->address;
        v->arch.failsafe_disables_events = mask;
        return 0;
    case CALLBACKTYPE_syscall:
        v->arch.syscall_callback = r->address;
        v->arch.syscall_disables_events = mask;
        return 0;
    case CALLBACKTYPE_syscall32:
        v->arch.syscall32_callback = r->address;
        return 0;
    case CALLBACKTYPE_nmi:
        return 0;                       /* NMIs are not forwarded to guests */
    default:
        return -ENOSYS;
    }
}

long do_callback_op(int cmd, unsigned long arg)
{
    switch (cmd) {
    case CALLBACKOP_register: {
        struct callback_register r;
        if (copy_from_guest(&r, arg, sizeof(r)))
            return -EFAULT;
        return register_callback(&r);
    }
    case CALLBACKOP_unregister: {
        struct callback_unregister u;
        if (copy_from_guest(&u, arg, sizeof(u)))
            return -EFAULT;
        switch (u.type) {
        case CALLBACKTYPE_event:
        case CALLBACKTYPE_failsafe:
        case CALLBACKTYPE_syscall:
        case CALLBACKTYPE_syscall32:
        case CALLBACKTYPE_sysenter:
            return -EINVAL;             /* as Xen: only the NMI callback can be unregistered */
        case CALLBACKTYPE_nmi:
            return 0;
        }
        return -ENOSYS;
    }
    }
    return -ENOSYS;
}

long do_set_callbacks(unsigned long event, unsigned long failsafe, unsigned long syscall)
{
    struct callback_register r[3] = {
        { .type = CALLBACKTYPE_event, .address = event },
        { .type = CALLBACKTYPE_failsafe, .address = failsafe },
        { .type = CALLBACKTYPE_syscall, .address = syscall, .flags = CALLBACKF_mask_events },
    };
    for (unsigned int i = 0; i < 3; i++)
        register_callback(&r[i]);       /* as Xen: a refused address keeps the old one, still 0 */
    return 0;
}

long do_set_segment_base(unsigned int which, unsigned long base)
{
    struct vcpu *v = current;
    switch (which) {
    case SEGBASE_FS:
        if (!is_canonical(base))
            return -EINVAL;
        v->arch.fs_base = base;
        wrmsr(MSR_FS_BASE, base);
        return 0;
    case SEGBASE_GS_USER:
        if (!is_canonical(base))
            return -EINVAL;
        v->arch.gs_base_user = base;
        if (!v->arch.kernel_mode)
            wrmsr(MSR_GS_BASE, base);
        return 0;
    case SEGBASE_GS_KERNEL:
        if (!is_canonical(base))
            return -EINVAL;
        v->arch.gs_base_kernel = base;
        if (v->arch.kernel_mode)
            wrmsr(MSR_GS_BASE, base);
        return 0;
    case SEGBASE_GS_USER_SEL: {
        /* Load a user %gs selector; its base becomes the user GS base (a null selector: 0). */
        uint16_t sel = base & 0xffff;
        unsigned long saved = rdmsr(MSR_GS_BASE);
        int rc = 0;
        __asm__ volatile("1: mov %w1, %%gs\n"
                         "2:\n"
                         "   .pushsection .fixup, \"ax\"\n"
                         "3: mov $-22, %0\n"
                         "   jmp 2b\n"
                         "   .popsection\n"
                         _ASM_EXTABLE(1b, 3b)
                         : "+r"(rc) : "r"(sel));
        if (rc)
            return -EINVAL;
        v->arch.gs_base_user = sel ? rdmsr(MSR_GS_BASE) : 0;
        wrmsr(MSR_GS_BASE, saved);
        return 0;
    }
    }
    return -EINVAL;
}

long do_fpu_taskswitch(int set)
{
    current->arch.ctrlreg0_ts = !!set;
    write_cr0(set ? read_cr0() | X86_CR0_TS : read_cr0() & ~X86_CR0_TS);
    return 0;
}
