/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 time internals: platform timers, the APIC timer and the CMOS RTC behind the common timer code. */
#ifndef ASM_TIME_H
#define ASM_TIME_H

#include <xen/types.h>

/* Boot CPU, once, after acpi_init() and before other CPUs run: recalibrate against the best platform timer. */
void platform_time_init(void);
/* Boot CPU, once, after acpi_init() (century register): read the CMOS RTC into boot_wallclock_sec/nsec. */
void wallclock_init(void);
/* Boot CPU, once: choose TSC-deadline or calibrate the one-shot APIC timer; take the vector. */
void apic_timer_init(void);
/* This CPU: put its APIC timer in the chosen mode, disarmed. */
void apic_timer_init_cpu(void);
/* This CPU: interrupt at NOW() >= @deadline (at once if it has passed); 0 disarms. */
void reprogram_timer(s_time_t deadline);
/* The TSC value at which NOW() reaches @ns (rounded up). */
uint64_t ns_to_tsc(s_time_t ns);

#endif
