/* SPDX-License-Identifier: GPL-2.0-only */
/* #UD from a PV guest: the forced-emulation prefix "ud2; .ascii \"xen\"; cpuid" runs CPUID with the PV policy. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/cpuid.h>
#include <asm/guest_access.h>
#include <asm/pv.h>

/*
 * A plain "cpuid" in the guest does not trap: without CPUID faulting (QEMU
 * TCG has none) the hardware answers with the host's leaves. This prefix is
 * how a PV kernel (Linux's xen_cpuid) asks for the filtered view. Guest user
 * mode may use it too, as on Xen.
 */
static const uint8_t forced_emulation[7] = {0x0f, 0x0b, 'x', 'e', 'n', 0x0f, 0xa2};

bool pv_emulate_invalid_op(struct cpu_user_regs *regs)
{
    uint8_t insn[sizeof(forced_emulation)];

    if (copy_from_guest(insn, regs->rip, sizeof(insn)) ||
        memcmp(insn, forced_emulation, sizeof(insn)))
        return false; /* a real #UD: bounced to the guest */
    struct cpuid_regs r = guest_cpuid(current->vcpu_id, regs->rax, regs->rcx);
    regs->rax = r.a;
    regs->rbx = r.b;
    regs->rcx = r.c;
    regs->rdx = r.d;
    regs->rip += sizeof(forced_emulation);
    return true;
}
