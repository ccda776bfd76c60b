/* SPDX-License-Identifier: GPL-2.0-only */
/* Ending the machine's life: halt, restart, power off. */
#ifndef ASM_POWER_H
#define ASM_POWER_H

#include <xen/compiler.h>
#include <xen/types.h>

extern bool opt_noreboot;

void __noreturn machine_halt(void);        /* all CPUs stop; console stays readable */
void __noreturn machine_restart(void);
void __noreturn machine_power_off(void);

#endif
