/* SPDX-License-Identifier: GPL-2.0-only */
/* Temporary weak stand-ins for the time code SMP bring-up calls; delete once it is merged. */
#include <xen/lib.h>
#include <xen/softirq.h>
#include <xen/timer.h>

__attribute__((weak)) void timer_init_cpu(void) { }
__attribute__((weak)) void do_softirq(void) { }
__attribute__((weak)) bool softirq_pending(unsigned int cpu) { return false; }
