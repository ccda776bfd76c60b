/* SPDX-License-Identifier: GPL-2.0-only */
/* set_debugreg/get_debugreg and mov to/from %drN: the guest's debug registers, validated as Xen does. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/pv-priv.h>

#define DR6_DEFAULT 0xffff0ff0UL
#define DR7_DEFAULT 0x00000400UL
#define DR7_GENERAL_DETECT (1UL << 13)
#define DR7_ENABLES 0xffUL /* L0-L3, G0-G3 */
#define DR7_RW_IO 2u       /* R/W field value for an I/O breakpoint */

#define DR6_STATUS 0xe00fUL /* B0-B3, BD, BS, BT: what a #DB reports */

/*
 * The running vCPU's breakpoints are armed in the hardware while it runs (context switch
 * and set_debugreg load them; idle and other vCPUs run with DR7 clear). A guest
 * watchpoint the hypervisor trips while touching guest memory for a hypercall is
 * recorded in the guest's DR6 and otherwise ignored (pv_debug_trap_in_hypervisor).
 */
static DEFINE_PER_CPU(bool, dr_armed);

#define WRITE_DR(n, val) __asm__ volatile("mov %0, %%db" #n :: "r"((unsigned long)(val)))

static unsigned long read_dr6(void)
{
    unsigned long v;
    __asm__ volatile("mov %%db6, %0" : "=r"(v));
    return v;
}

/* DR7 for the hardware: the guest's, without I/O breakpoints (its port I/O is emulated, never executed). */
static unsigned long hw_dr7(const struct vcpu *v)
{
    unsigned long d = v->arch.priv.dr[7];
    for (unsigned int i = 0; i < 4; i++)
        if (((d >> (16 + 4 * i)) & 3) == DR7_RW_IO)
            d &= ~(3UL << (2 * i));
    return d & DR7_ENABLES ? d : 0;
}

void pv_load_debugregs(const struct vcpu *next)
{
    unsigned long d7 = next && !is_idle_vcpu(next) ? hw_dr7(next) : 0;

    if (d7) {
        WRITE_DR(0, next->arch.priv.dr[0]);
        WRITE_DR(1, next->arch.priv.dr[1]);
        WRITE_DR(2, next->arch.priv.dr[2]);
        WRITE_DR(3, next->arch.priv.dr[3]);
        WRITE_DR(7, d7);
        this_cpu(dr_armed) = true;
    } else if (this_cpu(dr_armed)) {
        WRITE_DR(7, DR7_DEFAULT);
        this_cpu(dr_armed) = false;
    }
}

/* Take the hardware's #DB status (and reset it); it also goes into the guest's DR6. */
static unsigned long take_dr6(struct vcpu *v)
{
    unsigned long dr6 = read_dr6();
    WRITE_DR(6, DR6_DEFAULT);
    if (v && !is_idle_vcpu(v))
        v->arch.priv.dr[6] |= dr6 & DR6_STATUS;
    return dr6;
}

void pv_debug_trap_from_guest(struct vcpu *v)
{
    take_dr6(v);
}

void pv_debug_trap_in_hypervisor(struct cpu_user_regs *regs)
{
    take_dr6(current);
    regs->rflags &= ~X86_EFLAGS_TF;     /* never ours to single-step */
}

long set_debugreg(struct vcpu *v, unsigned int reg, unsigned long value)
{
    bool de = v->arch.priv.cr4 & X86_CR4_DE;

    switch (reg) {
    case 0:
    case 1:
    case 2:
    case 3:
        /* A breakpoint on the hypervisor (or a non-canonical address) is not the guest's to set. */
        if (!is_canonical(value) || !guest_range_ok(value, 8))
            return -EPERM;
        v->arch.priv.dr[reg] = value;
        break;
    case 4:
        if (de)
            return -ENODEV;
        __attribute__((fallthrough)); /* DR4 aliases DR6 without CR4.DE */
    case 6:
        if (value != (uint32_t)value)
            return -EINVAL;
        v->arch.priv.dr[6] = (value | 0xffff0ff0UL) & ~0x1000UL; /* bit 16 too: RTM is hidden */
        return 0;
    case 5:
        if (de)
            return -ENODEV;
        __attribute__((fallthrough)); /* DR5 aliases DR7 */
    case 7:
        if (value != (uint32_t)value)
            return -EINVAL;
        value = (value & 0xffff27ffUL) | DR7_DEFAULT; /* bits 11, 12, 14, 15 read as zero */
        if (value & DR7_GENERAL_DETECT)
            return -EPERM;
        if (value & DR7_ENABLES)
            for (unsigned int i = 16; i < 32; i += 4)
                if (((value >> i) & 3) == DR7_RW_IO && !de)
                    return -EPERM;
        v->arch.priv.dr[7] = value;
        break;
    default:
        return -ENODEV;
    }
    if (v == current)
        pv_load_debugregs(v);           /* armed (or disarmed) from the next instruction */
    return 0;
}

long get_debugreg(const struct vcpu *v, unsigned int reg)
{
    bool de = v->arch.priv.cr4 & X86_CR4_DE;

    switch (reg) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 6:
    case 7: return (long)v->arch.priv.dr[reg];
    case 4:
    case 5: return de ? -ENODEV : (long)v->arch.priv.dr[reg + 2];
    }
    return -ENODEV;
}

long do_set_debugreg(int reg, unsigned long value)
{
    return set_debugreg(current, (unsigned int)reg, value);
}

long do_get_debugreg(int reg) { return get_debugreg(current, (unsigned int)reg); }
