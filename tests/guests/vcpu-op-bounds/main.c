/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcpu_op: runstate registration and single-shot timers work; vCPU ids
 * beyond the domain's and unknown commands fail with the right errors.
 */
#include "guest.h"

const char test_title[] = "vcpu_op ids, runstate and timers";

static struct vcpu_runstate_info runstate;

void test_main(void)
{
    check_rc(hc_vcpu_op(VCPUOP_is_up, 0, NULL), 1);
    check_rc(hc_vcpu_op(VCPUOP_is_up, 8191, NULL), -XEN_ENOENT);
    check_rc(hc_vcpu_op(VCPUOP_is_up, 0xffffffff, NULL), -XEN_ENOENT);
    check_rc(hc_vcpu_op(VCPUOP_up, 8191, NULL), -XEN_ENOENT);
    check_rc(hc_vcpu_op(99, 0, NULL), -XEN_ENOSYS);

    struct vcpu_register_runstate_memory_area area = { .addr.v = &runstate };
    runstate.state = -1;
    check_rc(hc_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &area), 0);
    check(runstate.state == RUNSTATE_running, "runstate %d after registering", runstate.state);
    check(runstate.state_entry_time > 0, "runstate has no entry time");
    uint64_t t0 = runstate.time[RUNSTATE_running];
    hc_sched_op(SCHEDOP_yield, NULL);
    check(runstate.time[RUNSTATE_running] >= t0, "running time went backwards");

    /*
     * Single-shot timer with the "future" flag and a past deadline: -ETIME
     * in the original ABI; newer Xen (including Debian's 4.17) ignores the
     * flag and fires at once. Either is accepted.
     */
    struct vcpu_set_singleshot_timer st = { .timeout_abs_ns = 1, .flags = VCPU_SSHOTTMR_future };
    long rc = hc_vcpu_op(VCPUOP_set_singleshot_timer, 0, &st);
    printf("past deadline with VCPU_SSHOTTMR_future: rc %ld\n", rc);
    check(rc == 0 || rc == -XEN_ETIME, "past single-shot deadline: rc %ld", rc);
    st.timeout_abs_ns = pvclock_now() + 1000000000UL;
    check_rc(hc_vcpu_op(VCPUOP_set_singleshot_timer, 0, &st), 0);
    check_rc(hc_vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL), 0);
    check(hc_vcpu_op(VCPUOP_set_singleshot_timer, 1, &st) < 0, "timer for another vCPU accepted");
    check_rc(hc_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);
    struct vcpu_set_periodic_timer pt = { .period_ns = 10 };
    check(hc_vcpu_op(VCPUOP_set_periodic_timer, 0, &pt) < 0, "10 ns periodic timer accepted");
    check(hc_vcpu_op(VCPUOP_initialise, 0, NULL) < 0, "re-initialising the running vCPU");
}
