/* SPDX-License-Identifier: GPL-2.0-only */
/* Context-switch cost between two vCPUs of one domain on one physical CPU: IPI ping-pong through
 * event channels, each side blocked in SCHEDOP_poll while the other runs. Prints
 * "BENCH vcpu_switch_ns <median ns per switch>" (a round trip is two switches). */
#include "guest.h"

const char test_title[] = "vCPU context-switch cost on one CPU (benchmark)";

#define ROUNDS 9
#define BATCH  500
#define MS     1000000UL

static uint8_t stack1[4 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static evtchn_port_t to0, to1;
static volatile uint64_t v1_started;

static void wait_port(evtchn_port_t port)
{
    while (!evtchn_is_pending(port)) {
        struct sched_poll p = { .nr_ports = 1, .timeout = 0 };
        set_xen_guest_handle(p.ports, &port);
        hc_sched_op(SCHEDOP_poll, &p);
    }
    evtchn_clear(port);
}

static void send(evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };
    hc_event_channel_op(EVTCHNOP_send, &s);
}

static void __attribute__((noreturn)) vcpu1_main(void)
{
    v1_started = 1;
    for (;;) {
        wait_port(to1);
        send(to0);
    }
}

void test_main(void)
{
    struct evtchn_bind_ipi b0 = { .vcpu = 0 }, b1 = { .vcpu = 1 };
    static struct vcpu_guest_context ctx;
    static uint64_t ns[ROUNDS];

    if (hc_vcpu_op(VCPUOP_is_up, 1, NULL) < 0) {
        test_skip("the domain has one vCPU");
        return;
    }
    check_rc(hc_event_channel_op(EVTCHNOP_bind_ipi, &b0), 0);
    check_rc(hc_event_channel_op(EVTCHNOP_bind_ipi, &b1), 0);
    to0 = b0.port;
    to1 = b1.port;
    events_disable();
    evtchn_mask(to0);
    evtchn_mask(to1);
    vcpu_context_init(&ctx, vcpu1_main, stack1, sizeof(stack1));
    check_rc(hc_vcpu_op(VCPUOP_initialise, 1, &ctx), 0);
    check_rc(hc_vcpu_op(VCPUOP_up, 1, NULL), 0);
    while (!v1_started)
        hc_sched_op(SCHEDOP_yield, NULL);

    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = pvclock_now();
        for (int i = 0; i < BATCH; i++) {
            send(to1);
            wait_port(to0);
        }
        ns[r] = (pvclock_now() - t0) / (2 * BATCH);
    }
    for (int i = 1; i < ROUNDS; i++)
        for (int j = i; j > 0 && ns[j - 1] > ns[j]; j--) {
            uint64_t t = ns[j];
            ns[j] = ns[j - 1];
            ns[j - 1] = t;
        }
    printf("BENCH vcpu_switch_ns %lu\n", ns[ROUNDS / 2]);
    hc_vcpu_op(VCPUOP_down, 1, NULL);
}
