/* SPDX-License-Identifier: GPL-2.0-only */
/* A second vCPU: VCPUOP_initialise/up, IPI ping-pong through event channels, down/up, is_up, runstate. */
#include "guest.h"

const char test_title[] = "second vCPU: initialise, up, IPI ping-pong, down and up, runstate";

#define ROUNDS 2000
#define MS     1000000UL

static uint8_t stack1[4 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static volatile uint64_t v1_stage, v1_rounds, v1_count;
static evtchn_port_t to0, to1;          /* IPIs bound to vCPU 0 and to vCPU 1 */

static long poll(evtchn_port_t port, uint64_t timeout)
{
    struct sched_poll p = { .nr_ports = 1, .timeout = timeout };
    set_xen_guest_handle(p.ports, &port);
    return hc_sched_op(SCHEDOP_poll, &p);
}

static void send(evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };
    hc_event_channel_op(EVTCHNOP_send, &s);
}

/* Wait (polling @port) until *flag == want or @ms pass; true if reached. */
static bool wait_for(volatile uint64_t *flag, uint64_t want, evtchn_port_t port, uint64_t ms)
{
    uint64_t end = pvclock_now() + ms * MS;
    while (*flag != want) {
        if (pvclock_now() > end)
            return false;
        poll(port, pvclock_now() + MS);
    }
    return true;
}

static struct vcpu_runstate_info runstate(unsigned int id)
{
    struct vcpu_runstate_info r;
    memset(&r, 0, sizeof(r));
    if (hc_vcpu_op(VCPUOP_get_runstate_info, id, &r))
        test_fail("get_runstate_info(%u) failed", id);
    return r;
}

static bool wait_offline(unsigned int id)
{
    uint64_t end = pvclock_now() + 2000 * MS;
    while (runstate(id).state != RUNSTATE_offline)
        if (pvclock_now() > end)
            return false;
    return true;
}

static void __attribute__((noreturn)) vcpu1_main(void)
{
    v1_stage = 1;
    for (unsigned int i = 0; i < ROUNDS; i++) {
        while (!evtchn_is_pending(to1))
            poll(to1, 0);
        evtchn_clear(to1);
        v1_rounds++;
        send(to0);
    }
    v1_stage = 2;
    while (v1_stage == 2)               /* spin until vCPU 0 moves us on */
        v1_count++;
    hc_vcpu_op(VCPUOP_down, 1, NULL);   /* returns once vCPU 0 brings us up again */
    v1_stage = 4;
    for (;;)
        v1_count++;
}

void test_main(void)
{
    if (shared->vcpu_info[1].evtchn_upcall_mask != 1)
        printf("note: vCPU 1 upcall mask %u\n", shared->vcpu_info[1].evtchn_upcall_mask);
    check_rc(hc_vcpu_op(VCPUOP_is_up, 1, NULL), 0);
    check_rc(hc_vcpu_op(VCPUOP_up, 1, NULL), -XEN_EINVAL);   /* no context yet */
    check(runstate(1).state == RUNSTATE_offline, "vCPU 1 not offline before it starts");

    struct evtchn_bind_ipi b0 = { .vcpu = 0 }, b1 = { .vcpu = 1 };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_ipi, &b0), 0);
    check_rc(hc_event_channel_op(EVTCHNOP_bind_ipi, &b1), 0);
    to0 = b0.port;
    to1 = b1.port;
    events_disable();                   /* both vCPUs poll masked ports */
    evtchn_mask(to0);
    evtchn_mask(to1);

    static struct vcpu_guest_context ctx;
    vcpu_context_init(&ctx, vcpu1_main, stack1, sizeof(stack1));
    check_rc(hc_vcpu_op(VCPUOP_initialise, 1, &ctx), 0);
    check_rc(hc_vcpu_op(VCPUOP_initialise, 1, &ctx), -XEN_EEXIST);
    check_rc(hc_vcpu_op(VCPUOP_is_up, 1, NULL), 0);
    check_rc(hc_vcpu_op(VCPUOP_up, 1, NULL), 0);
    check_rc(hc_vcpu_op(VCPUOP_is_up, 1, NULL), 1);
    if (!wait_for(&v1_stage, 1, to0, 2000)) {
        test_fail("vCPU 1 did not start");
        return;
    }

    /* Ping-pong: each side waits for the other's IPI. */
    uint64_t t0 = pvclock_now();
    unsigned int done = 0;
    for (; done < ROUNDS; done++) {
        send(to1);
        uint64_t end = pvclock_now() + 2000 * MS;
        while (!evtchn_is_pending(to0) && pvclock_now() < end)
            poll(to0, pvclock_now() + 100 * MS);
        if (!evtchn_is_pending(to0))
            break;
        evtchn_clear(to0);
    }
    uint64_t ns = pvclock_now() - t0;
    check(done == ROUNDS && v1_rounds == ROUNDS, "ping-pong stopped after %u rounds (vCPU 1: %lu)",
          done, v1_rounds);
    printf("ping-pong: %u round trips, %lu ns each\n", done, done ? ns / done : 0);
    check(wait_for(&v1_stage, 2, to0, 2000), "vCPU 1 did not finish the ping-pong");

    /* Down from vCPU 0: is_up says so at once, the vCPU stops running. */
    check_rc(hc_vcpu_op(VCPUOP_down, 1, NULL), 0);
    check_rc(hc_vcpu_op(VCPUOP_is_up, 1, NULL), 0);
    check(wait_offline(1), "vCPU 1 still %d after down", runstate(1).state);
    uint64_t c = v1_count;
    poll(to0, pvclock_now() + 30 * MS);
    check(v1_count == c, "vCPU 1 ran while down (%lu -> %lu)", c, v1_count);
    check_rc(hc_vcpu_op(VCPUOP_down, 1, NULL), 0);      /* already down: nothing to do */

    /* Up again: it continues where it was. */
    check_rc(hc_vcpu_op(VCPUOP_up, 1, NULL), 0);
    uint64_t end = pvclock_now() + 2000 * MS;
    while (v1_count == c && pvclock_now() < end)
        poll(to0, pvclock_now() + MS);
    check(v1_count != c, "vCPU 1 did not resume after up");

    /* vCPU 1 takes itself down; up brings it back past its hypercall. */
    v1_stage = 3;
    end = pvclock_now() + 2000 * MS;
    while (hc_vcpu_op(VCPUOP_is_up, 1, NULL) == 1 && pvclock_now() < end)
        poll(to0, pvclock_now() + MS);
    check_rc(hc_vcpu_op(VCPUOP_is_up, 1, NULL), 0);
    check(wait_offline(1), "vCPU 1 not offline after taking itself down");
    check(v1_stage == 3, "vCPU 1 went past its own down (stage %lu)", v1_stage);
    check_rc(hc_vcpu_op(VCPUOP_up, 1, NULL), 0);
    check(wait_for(&v1_stage, 4, to0, 2000), "vCPU 1 did not return from its own down");

    /* Runstate: vCPU 1 ran, and its times add up to the time since it was created. */
    struct vcpu_runstate_info r = runstate(1);
    uint64_t sum = r.time[0] + r.time[1] + r.time[2] + r.time[3];
    printf("vCPU 1 runstate %d: running %lu runnable %lu blocked %lu offline %lu ns\n", r.state,
           r.time[RUNSTATE_running], r.time[RUNSTATE_runnable], r.time[RUNSTATE_blocked],
           r.time[RUNSTATE_offline]);
    check(r.time[RUNSTATE_running] > 0, "vCPU 1 has no running time");
    check(r.time[RUNSTATE_offline] > 30 * MS, "vCPU 1 offline time %lu too short", r.time[RUNSTATE_offline]);
    check(sum <= pvclock_now() && sum > 0, "vCPU 1 runstate total %lu", sum);

    check_rc(hc_vcpu_op(VCPUOP_down, 1, NULL), 0);
    check(wait_offline(1), "vCPU 1 did not go down at the end");
    check_rc(hc_vcpu_op(VCPUOP_up, 0, NULL), 0);        /* already up */
}
