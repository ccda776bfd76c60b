/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest time: pvclock and wallclock, vCPU timers (one-shot, periodic, poll) and runstate accounting. */
#ifndef XEN_VTIME_H
#define XEN_VTIME_H

#include <xen/spinlock.h>
#include <xen/timer.h>
#include <xen/types.h>
#include <public/vcpu.h>

struct domain;
struct vcpu;

/* Per-vCPU guest-time state (struct vcpu.time). */
struct vcpu_time {
    struct timer singleshot;            /* set_timer_op / VCPUOP_set_singleshot_timer */
    struct timer periodic;              /* armed only while the vCPU runs, as in Xen */
    struct timer poll_timer;            /* SCHEDOP_poll timeout */
    struct timer refresh;               /* pvclock refresh, every second while running */
    s_time_t periodic_period;           /* 0: no periodic timer */
    s_time_t periodic_last;             /* when it last raised VIRQ_TIMER */
    spinlock_t runstate_lock;           /* the vCPU's CPU at switches vs. wakers elsewhere */
    struct vcpu_runstate_info runstate;
    unsigned long runstate_gva;         /* guest copy (VCPUOP_register_runstate_memory_area), 0: none */
    bool runstate_stale;                /* the last copy failed (guest user mode): redo in kernel mode */
};

#define PERIODIC_DEFAULT MILLISECS(10)  /* vCPUs start with Xen's 100 Hz tick */
#define STIME_DELTA_MAX  ((s_time_t)(~0ULL >> 2))

/* Lifecycle hooks (common/domain.c, scheduler, context switch). */
void domain_time_init(struct domain *d);        /* shared_info wallclock */
void vcpu_time_init(struct vcpu *v);            /* timers, runstate, pvclock */
void vtime_switch_out(struct vcpu *prev);       /* before prev's page tables are dropped */
void vtime_switch_in(struct vcpu *next);        /* after next's page tables are loaded */
void vcpu_runstate_wake(struct vcpu *v);        /* blocked/offline -> runnable */
void vcpu_runstate_sleep(struct vcpu *v);       /* queued, not running, no longer runnable */
void vcpu_runstate_retry(struct vcpu *v);       /* guest just entered kernel mode */

/* pvclock (arch/x86/pv/time.c): refresh @v's vcpu_info.time with a fresh (TSC, NOW()) pair. */
void vcpu_time_update(struct vcpu *v);
void wallclock_publish(struct domain *d);

/* Runstate with the time spent in the current state included. */
void vcpu_runstate_get(struct vcpu *v, struct vcpu_runstate_info *r);
/* Point the guest copy at @gva (0 stops it) and write it once; -EFAULT for a bad range. */
long vcpu_runstate_register(struct vcpu *v, unsigned long gva);

/* Timers raising VIRQ_TIMER. */
void vcpu_set_periodic_timer(struct vcpu *v, s_time_t period);
void vcpu_set_singleshot_timer(struct vcpu *v, uint64_t deadline);   /* past: fires now */
void vcpu_stop_singleshot_timer(struct vcpu *v);

long do_set_timer_op(int64_t timeout);

#endif
