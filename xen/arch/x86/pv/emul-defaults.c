/* SPDX-License-Identifier: GPL-2.0-only */
/* Until LDT loading lands: a guest LDT is recorded by MMUEXT_SET_LDT but not loaded. */
#include <asm/pv.h>

struct vcpu;
__attribute__((weak)) void pv_load_ldt(struct vcpu *v) { }
