/* SPDX-License-Identifier: GPL-2.0-only */
/* Until the emulators land: nothing is emulated, so the fault goes to the guest as on hardware. */
#include <asm/pv.h>

__attribute__((weak)) bool pv_emulate_privileged_op(struct cpu_user_regs *regs) { return false; }
__attribute__((weak)) bool pv_emulate_invalid_op(struct cpu_user_regs *regs) { return false; }

/* Until pv/descriptor-tables.c lands: no descriptor page passes, so none can be typed. */
struct domain;
struct vcpu;
__attribute__((weak)) bool check_descriptor(const struct domain *d, uint64_t *desc) { return false; }
__attribute__((weak)) void pv_load_ldt(struct vcpu *v) { }
