/* SPDX-License-Identifier: GPL-2.0-only */
/* Runstate: the registered area and get_runstate_info account running and blocked time; bad areas refused. */
#include "guest.h"

const char test_title[] = "runstate area and accounting";

static struct vcpu_runstate_info area;
static volatile bool fired;

static void on_timer(evtchn_port_t p) { (void)p; fired = true; }

static uint64_t total(const struct vcpu_runstate_info *r)
{
    return r->time[0] + r->time[1] + r->time[2] + r->time[3];
}

void test_main(void)
{
    struct vcpu_register_runstate_memory_area reg = { .addr.v = &area };

    check_rc(hc_vm_assist(VMASST_CMD_enable, VMASST_TYPE_runstate_update_flag), 0);
    check_rc(hc_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &reg), 0);
    check(area.state == RUNSTATE_running, "state %d after registering", area.state);
    check(!(area.state_entry_time & XEN_RUNSTATE_UPDATE), "update flag left set");
    check(area.state_entry_time <= pvclock_now(), "state entered in the future");

    struct vcpu_runstate_info r0, r1;
    check_rc(hc_vcpu_op(VCPUOP_get_runstate_info, 0, &r0), 0);
    check(r0.state == RUNSTATE_running, "get_runstate_info: state %d", r0.state);
    uint64_t now = pvclock_now();
    check(total(&r0) <= now && total(&r0) > 0, "total %lu ns vs now %lu", total(&r0), now);

    /* Block ~20 ms on a timer: blocked time grows by about that much. */
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_virq, &bv), 0);
    evtchn_set_handler(bv.port, on_timer);
    evtchn_unmask_local(bv.port);
    check_rc(hc_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);
    events_enable();
    fired = false;
    uint64_t blocked0 = area.time[RUNSTATE_blocked];
    check_rc(hc_set_timer_op(pvclock_now() + 20000000), 0);
    for (int i = 0; i < 100 && !fired; i++) {
        events_disable();
        if (!fired)
            hc_sched_op(SCHEDOP_block, NULL);
        events_enable();
    }
    check(fired, "timer never woke the blocked vCPU");
    uint64_t blocked = area.time[RUNSTATE_blocked] - blocked0;
    printf("blocked for %lu us according to the runstate area\n", blocked / 1000);
    check(blocked >= 10000000 && blocked < 2000000000UL, "area: blocked time grew by %lu ns", blocked);
    check(area.state == RUNSTATE_running, "area state %d while running", area.state);
    check(!(area.state_entry_time & XEN_RUNSTATE_UPDATE), "update flag left set after a switch");

    check_rc(hc_vcpu_op(VCPUOP_get_runstate_info, 0, &r1), 0);
    check(r1.time[RUNSTATE_running] >= r0.time[RUNSTATE_running], "running time went backwards");
    check(r1.time[RUNSTATE_blocked] - r0.time[RUNSTATE_blocked] >= 10000000, "get: blocked time grew by %lu",
          r1.time[RUNSTATE_blocked] - r0.time[RUNSTATE_blocked]);

    /* Bad pointers and ids. */
    check_rc(hc_vcpu_op(VCPUOP_get_runstate_info, 0, (void *)0xffff800000000000UL), -XEN_EFAULT);
    check_rc(hc_vcpu_op(VCPUOP_get_runstate_info, 1, &r1), -XEN_ENOENT);
    reg.addr.p = 0xffff800000000000UL;
    check_rc(hc_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &reg), -XEN_EFAULT);
    reg.addr.p = 0xffff87fffffffff0UL;
    check_rc(hc_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &reg), -XEN_EFAULT);
    check_rc(hc_vcpu_op(VCPUOP_register_runstate_memory_area, 0, (void *)0xffff800000000000UL), -XEN_EFAULT);
    /* An unmapped but guest-range address is accepted; the hypervisor just cannot write it. */
    reg.addr.p = 0x1000;
    check_rc(hc_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &reg), 0);
    hc_sched_op(SCHEDOP_yield, NULL);
    reg.addr.v = &area;
    check_rc(hc_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &reg), 0);
    check(area.state == RUNSTATE_running, "re-registered area: state %d", area.state);

    struct evtchn_close cl = { .port = bv.port };
    check_rc(hc_event_channel_op(EVTCHNOP_close, &cl), 0);
}
