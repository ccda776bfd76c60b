/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A cap set from the toolstack takes effect: dom0 (one vCPU) caps itself at 25%
 * with XEN_DOMCTL_scheduler_op and spins for 3 s; its running time over system
 * time (VCPUOP_get_runstate_info, pvclock) must lie in 15-35%, and with the cap
 * removed the loop gets the whole CPU (at least 95%). The band is wider than
 * +-5 because under TCG on a shared host Xen 4.17's credit1
 * (which parks a capped vCPU for whole 30 ms accounting periods) delivered
 * 18.8-24.4% in eight runs; Xenolith 25.8-47.8% in ten, rising with host load,
 * because a lone capped vCPU overruns each period's budget by the timer's
 * lateness and the overrun is not charged to the next period (scheduler policy,
 * docs/design/scheduler.md; pending on Xenolith until that is fixed).
 */
#include "guest.h"

const char test_title[] = "cap 25 set by domctl on dom0 holds (15-35%); cap 0 gives the CPU back";

#define MS 1000000UL

static uint64_t running_ns(void)
{
    struct vcpu_runstate_info r;
    memset(&r, 0, sizeof(r));
    check_rc(hc_vcpu_op(VCPUOP_get_runstate_info, 0, &r), 0);
    return r.time[RUNSTATE_running];
}

static void spin_until(uint64_t t)
{
    while (pvclock_now() < t)
        asm volatile("pause");
}

/* Percent (tenths) of the CPU this vCPU got while spinning for @ms, after a settling spin. */
static unsigned int share_tenths(uint64_t ms)
{
    spin_until(pvclock_now() + 300 * MS);
    uint64_t r0 = running_ns(), t0 = pvclock_now();
    spin_until(t0 + ms * MS);
    uint64_t r1 = running_ns(), t1 = pvclock_now();
    return (unsigned int)((r1 - r0) * 1000 / (t1 - t0));
}

static void set_cap(unsigned int cap)
{
    struct xen_domctl_sched_credit c = {.weight = 0, .cap = cap};
    check_rc(ctl_sched_credit(0, XEN_DOMCTL_SCHEDOP_putinfo, &c), 0);
    c = (struct xen_domctl_sched_credit){0};
    check_rc(ctl_sched_credit(0, XEN_DOMCTL_SCHEDOP_getinfo, &c), 0);
    check(c.cap == cap, "cap reads %u after setting %u", c.cap, cap);
}

void test_main(void)
{
    set_cap(25);
    unsigned int capped = share_tenths(3000);
    set_cap(0);
    unsigned int free = share_tenths(3000);
    printf("cap 25: %u.%u%% of the CPU over 3 s; cap 0: %u.%u%%\n", capped / 10, capped % 10,
           free / 10, free % 10);
    check(capped >= 150 && capped <= 350, "cap 25 gave %u.%u%%, want 15-35", capped / 10,
          capped % 10);
    check(free >= 950, "cap 0 gave %u.%u%%, want at least 95", free / 10, free % 10);
}
