/* SPDX-License-Identifier: GPL-2.0-only */
/* Pinning from the toolstack: setvcpuaffinity moves a spinning vCPU between CPUs, getvcpuinfo sees where it runs. */
#include "guest.h"

const char test_title[] =
    "vcpu affinity: pin a spinning vCPU to CPU 1, then CPU 0; getvcpuinfo follows";

#define MS 1000000UL
#define SAMPLES 200

static uint8_t stack1[4 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static volatile uint64_t spins, stop;

static void __attribute__((noreturn)) vcpu1_main(void)
{
    while (!stop)
        spins++;
    hc_vcpu_op(VCPUOP_down, 1, NULL);
    for (;;)
        ;
}

static void sleep_ms(uint64_t ms)
{
    struct sched_poll p = {.nr_ports = 0, .timeout = pvclock_now() + ms * MS};
    hc_sched_op(SCHEDOP_poll, &p);
}

static void pin(unsigned int vcpu, uint8_t mask)
{
    uint8_t m = mask;
    check_rc(ctl_affinity(XEN_DOMCTL_setvcpuaffinity, 0, vcpu, XEN_VCPUAFFINITY_HARD, &m, NULL, 8),
             0);
    check(m == mask, "pin vCPU %u to %#x: effective mask reported %#x", vcpu, mask, m);
    m = 0xaa;
    check_rc(ctl_affinity(XEN_DOMCTL_getvcpuaffinity, 0, vcpu, XEN_VCPUAFFINITY_HARD, &m, NULL, 8),
             0);
    check(m == mask, "vCPU %u hard affinity reads %#x, want %#x", vcpu, m, mask);
}

static struct xen_domctl_getvcpuinfo info1(void)
{
    struct xen_domctl_getvcpuinfo i = {0};
    check_rc(ctl_vcpuinfo(0, 1, &i), 0);
    return i;
}

/* Wait (2 s at most) until vCPU 1 is on @cpu; then sample it: all on @cpu, how many running. */
static void watch(unsigned int cpu, bool expect_running)
{
    uint64_t end = pvclock_now() + 2000 * MS;
    while (info1().cpu != cpu && pvclock_now() < end)
        sleep_ms(1);
    struct xen_domctl_getvcpuinfo first = info1();
    uint64_t s0 = spins;
    unsigned int on_cpu = 0, running = 0, blocked = 0;
    for (unsigned int n = 0; n < SAMPLES; n++) {
        struct xen_domctl_getvcpuinfo i = info1();
        on_cpu += i.cpu == cpu;
        running += i.running;
        blocked += i.blocked;
        if (n % 10 == 9)
            sleep_ms(2); /* let a vCPU sharing our CPU run */
    }
    struct xen_domctl_getvcpuinfo last = info1();
    printf("CPU %u: %u/%u samples there, %u running, %u blocked, %lu spins, cpu_time +%lu us\n",
           cpu, on_cpu, SAMPLES, running, blocked, (unsigned long)(spins - s0),
           (unsigned long)((last.cpu_time - first.cpu_time) / 1000));
    check(on_cpu == SAMPLES, "vCPU 1 pinned to CPU %u seen there in %u of %u samples", cpu, on_cpu,
          SAMPLES);
    check(!blocked && last.online, "spinning vCPU 1: blocked in %u samples, online %u", blocked,
          last.online);
    check(spins != s0 && last.cpu_time > first.cpu_time, "vCPU 1 made no progress on CPU %u", cpu);
    if (expect_running)
        check(running >= SAMPLES * 9 / 10,
              "vCPU 1 alone on CPU %u running in only %u of %u samples", cpu, running, SAMPLES);
    else
        check(running == 0, "vCPU 1 sharing our CPU %u seen running in %u samples", cpu, running);
}

void test_main(void)
{
    uint8_t hard = 0xaa, soft = 0xaa;
    check_rc(ctl_affinity(XEN_DOMCTL_getvcpuaffinity, 0, 1,
                          XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT, &hard, &soft, 8),
             0);
    check(hard == 0x03 && soft == 0x03,
          "default affinity of vCPU 1: hard %#x soft %#x, want 0x3 0x3", hard, soft);

    static struct vcpu_guest_context ctx;
    vcpu_context_init(&ctx, vcpu1_main, stack1, sizeof(stack1));
    check_rc(hc_vcpu_op(VCPUOP_initialise, 1, &ctx), 0);
    check_rc(hc_vcpu_op(VCPUOP_up, 1, NULL), 0);
    uint64_t end = pvclock_now() + 2000 * MS;
    while (!spins && pvclock_now() < end)
        sleep_ms(1);
    if (!spins) {
        test_fail("vCPU 1 did not start");
        return;
    }

    pin(0, 0x01); /* keep ourselves off CPU 1 */
    pin(1, 0x02);
    watch(1, true);
    pin(1, 0x01); /* now it shares CPU 0 with us */
    watch(0, false);

    pin(0, 0x03);
    pin(1, 0x03);
    stop = 1;
    end = pvclock_now() + 2000 * MS;
    while (info1().online && pvclock_now() < end)
        sleep_ms(1);
    check(!info1().online, "vCPU 1 still online after it went down");
}
