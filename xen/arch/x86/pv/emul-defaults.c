/* SPDX-License-Identifier: GPL-2.0-only */
/* Until the emulators land: nothing is emulated, so the fault goes to the guest as on hardware. */
#include <asm/pv.h>

__attribute__((weak)) bool pv_emulate_privileged_op(struct cpu_user_regs *regs) { return false; }
__attribute__((weak)) bool pv_emulate_invalid_op(struct cpu_user_regs *regs) { return false; }
__attribute__((weak)) bool pv_ro_page_fault(struct cpu_user_regs *regs, unsigned long addr) { return false; }
