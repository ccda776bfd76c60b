/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: vcpu_op indexing vCPU arrays with guest ids and trusting
 * timer periods. Every sub-op for a vCPU the domain does not have (1, 31,
 * 32, 64, 2^31-1) gives -ENOENT before reading its argument; periodic
 * timers of 0 or under 1 ms, or beyond the time range, give -EINVAL;
 * argument pointers in the hole give -EFAULT.
 */
#include "guest.h"

const char test_title[] = "vcpu_op with missing vCPUs, bad periods and bad pointers";

#define HOLE ((void *)0xffff830000000000UL)

void test_main(void)
{
    static const unsigned int ids[] = { 1, 31, 32, 64, 0x7fffffff };
    static const unsigned int cmds[] = {
        VCPUOP_initialise, VCPUOP_up, VCPUOP_down, VCPUOP_is_up, VCPUOP_get_runstate_info,
        VCPUOP_register_runstate_memory_area, VCPUOP_set_periodic_timer, VCPUOP_stop_periodic_timer,
        VCPUOP_set_singleshot_timer, VCPUOP_stop_singleshot_timer, VCPUOP_register_vcpu_info,
        VCPUOP_send_nmi, VCPUOP_register_vcpu_time_memory_area,
    };
    for (unsigned int i = 0; i < ARRAY_SIZE(ids); i++)
        for (unsigned int j = 0; j < ARRAY_SIZE(cmds); j++) {
            long rc = hc_vcpu_op(cmds[j], ids[i], HOLE);
            if (rc != -XEN_ENOENT)
                test_fail("vcpu_op %u on vCPU %u: %ld, want -ENOENT", cmds[j], ids[i], rc);
        }

    /* Periods: 0, 1 ns, just under 1 ms, and beyond the signed time range. */
    static const uint64_t bad[] = { 0, 1, 999999, 1UL << 63, ~0UL };
    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        struct vcpu_set_periodic_timer pt = { .period_ns = bad[i] };
        long rc = hc_vcpu_op(VCPUOP_set_periodic_timer, 0, &pt);
        printf("period %#lx: %ld\n", bad[i], rc);
        check(rc == -XEN_EINVAL, "period %#lx: %ld", bad[i], rc);
    }
    struct vcpu_set_periodic_timer ok = { .period_ns = 1000000 };
    check_rc(hc_vcpu_op(VCPUOP_set_periodic_timer, 0, &ok), 0);
    check_rc(hc_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);

    /* Pointers into the hole on vCPU 0. */
    check_rc(hc_vcpu_op(VCPUOP_set_periodic_timer, 0, HOLE), -XEN_EFAULT);
    check_rc(hc_vcpu_op(VCPUOP_set_singleshot_timer, 0, HOLE), -XEN_EFAULT);
    check_rc(hc_vcpu_op(VCPUOP_get_runstate_info, 0, HOLE), -XEN_EFAULT);
    check_rc(hc_vcpu_op(VCPUOP_set_periodic_timer, 0, (void *)0x8000000000000000UL), -XEN_EFAULT);

    /* Still running: vCPU 0 is up and a runstate read works. */
    struct vcpu_runstate_info rs;
    check_rc(hc_vcpu_op(VCPUOP_get_runstate_info, 0, &rs), 0);
    check(rs.state == RUNSTATE_running, "vCPU 0 runstate %d", rs.state);
    check_rc(hc_vcpu_op(VCPUOP_is_up, 0, NULL), 1);
}
