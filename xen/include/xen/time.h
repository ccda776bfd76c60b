/* SPDX-License-Identifier: GPL-2.0-only */
/* System time: NOW() in ns since boot, from the calibrated TSC. */
#ifndef XEN_TIME_H
#define XEN_TIME_H

#include <xen/types.h>

#define MILLISECS(ms)   ((s_time_t)(ms) * 1000000LL)
#define MICROSECS(us)   ((s_time_t)(us) * 1000LL)
#define SECONDS(s)      ((s_time_t)(s) * 1000000000LL)

extern uint64_t cpu_khz;                /* TSC frequency; 0 until calibrated */
extern uint64_t boot_tsc_start;         /* TSC at the hypervisor's first instruction */

/* Wallclock (UTC) at NOW() == 0, from the CMOS RTC (whole seconds); for shared_info's wc_sec/wc_nsec. */
extern uint64_t boot_wallclock_sec;
extern uint32_t boot_wallclock_nsec;

void early_time_init(void);             /* calibrate the TSC against the PIT; timer_init() refines it */
s_time_t NOW(void);
uint64_t tsc_to_ns(uint64_t ticks);
s_time_t tsc_to_now(uint64_t tsc);     /* NOW() at TSC value @tsc (pvclock needs the exact pair) */
void udelay(unsigned long us);
void mdelay(unsigned long ms);

#endif
