/* SPDX-License-Identifier: GPL-2.0-only */
/* set_debugreg/get_debugreg and mov to/from %drN: the guest's debug registers, validated as Xen does. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/processor.h>
#include <asm/pv-priv.h>

#define DR6_DEFAULT 0xffff0ff0UL
#define DR7_DEFAULT 0x00000400UL
#define DR7_GENERAL_DETECT (1UL << 13)
#define DR7_ENABLES 0xffUL /* L0-L3, G0-G3 */
#define DR7_RW_IO 2u       /* R/W field value for an I/O breakpoint */

/*
 * The values are kept per vCPU and given back; they are not armed in the
 * hardware yet (the hypervisor's #DB path does not expect guest breakpoints),
 * so a guest breakpoint never fires. Linux only clears them at boot.
 */
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
        return 0;
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
        return 0;
    }
    return -ENODEV;
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
