/* SPDX-License-Identifier: GPL-2.0-only */
/* Temporary: weak defaults for what the ACPI and SMP code will define; their definitions win when linked. */
#include <xen/config.h>
#include <xen/smp.h>
#include <asm/time.h>

__attribute__((weak)) uint32_t acpi_pm_tmr_port;
__attribute__((weak)) uint8_t acpi_century_reg;
__attribute__((weak)) uint32_t cpu_to_apicid[NR_CPUS];
