/* SPDX-License-Identifier: GPL-2.0-only */
/* Self-test "timer": 100 ms marks for the host to time, ordered firing, stopped timers stay silent, other CPUs. */
#include <xen/lib.h>
#include <xen/selftest.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <asm/processor.h>

#define MARKS           10
#define MARK_INTERVAL   MILLISECS(100)
#define NR_ORDERED      6

static const char *failure;
static struct timer watchdog;

static void fail(const char *why)
{
    if (!failure)
        failure = why;
}

static void nothing(void *data)
{
}

static bool never(void)
{
    return false;
}

/*
 * Idle the way the idle loop will: halt until an interrupt, then run softirqs, until @done()
 * or @timeout. A watchdog timer guarantees a wakeup; @spin avoids hlt for the first probe.
 */
static bool wait_until(bool (*done)(void), s_time_t timeout, bool spin)
{
    s_time_t end = NOW() + timeout;
    unsigned int cpu = smp_processor_id();

    set_timer(&watchdog, end);
    while (!done() && NOW() < end) {
        local_irq_disable();
        if (spin || softirq_pending(cpu))
            local_irq_enable();
        else
            safe_halt();                /* sti;hlt: no wakeup lost between the check and the halt */
        do_softirq();
    }
    stop_timer(&watchdog);
    return done();
}

/* Phase 0: one interrupt must arrive at all, before anything relies on halting. */
static struct timer probe;
static bool probe_fired;
static void probe_fn(void *data) { probe_fired = true; }
static bool probe_done(void) { return probe_fired; }

/* Phase 1: timers set out of order (one re-set, two stopped) fire in expiry order, never early. */
static struct timer ordered[NR_ORDERED], reset_one, stopped[2];
static struct timer *fired[NR_ORDERED + 3];
static unsigned int nr_fired;
static s_time_t fired_at[NR_ORDERED + 3];

static void ordered_fn(void *data)
{
    struct timer *t = data;
    if (nr_fired < ARRAY_SIZE(fired)) {
        fired_at[nr_fired] = NOW();
        fired[nr_fired] = t;
    }
    nr_fired++;
}
static bool ordered_done(void) { return nr_fired >= NR_ORDERED + 1; }

static void check_order(void)
{
    static const unsigned int ms[NR_ORDERED] = { 30, 10, 50, 20, 20, 40 };
    s_time_t base = NOW() + MILLISECS(5);

    for (unsigned int i = 0; i < NR_ORDERED; i++) {
        init_timer(&ordered[i], ordered_fn, &ordered[i], smp_processor_id());
        set_timer(&ordered[i], base + MILLISECS(ms[i]));
    }
    init_timer(&reset_one, ordered_fn, &reset_one, smp_processor_id());
    set_timer(&reset_one, base + MILLISECS(1));
    set_timer(&reset_one, base + MILLISECS(35));        /* re-set later: fires once, at 35 */
    for (unsigned int i = 0; i < 2; i++) {
        init_timer(&stopped[i], ordered_fn, &stopped[i], smp_processor_id());
        set_timer(&stopped[i], base + MILLISECS(i ? 25 : 2));
    }
    stop_timer(&stopped[0]);                            /* the earliest of all */
    stop_timer(&stopped[1]);                            /* one in the middle */
    if (timer_is_active(&stopped[0]) || !timer_is_active(&ordered[0]))
        fail("timer_is_active is wrong");

    if (!wait_until(ordered_done, SECONDS(2), false)) {
        fail("ordered timers did not all fire within 2 s");
        return;
    }
    /* Give a wrongly-queued stopped timer time to show itself. */
    wait_until(never, MILLISECS(50), false);
    if (nr_fired != NR_ORDERED + 1)
        fail("a stopped timer fired, or a timer fired twice");
    for (unsigned int i = 0; i < nr_fired && i < ARRAY_SIZE(fired); i++) {
        if (fired[i] == &stopped[0] || fired[i] == &stopped[1])
            fail("a stopped timer fired");
        if (fired_at[i] < fired[i]->expires)
            fail("a timer fired before its expiry");
        if (i && fired[i]->expires < fired[i - 1]->expires)
            fail("timers fired out of expiry order");
    }
}

/* Phase 2: a timer set from here for every other online CPU fires there (remote softirq + IPI). */
static struct timer remote[NR_CPUS];
static cpumask_t remote_expected, remote_fired;
static bool remote_wrong_cpu;
static unsigned int test_cpu;

static void remote_fn(void *data)
{
    unsigned int cpu = (unsigned int)(unsigned long)data;
    if (cpu != smp_processor_id())
        remote_wrong_cpu = true;
    cpumask_set_cpu(cpu, &remote_fired);
    cpu_raise_softirq(test_cpu, TIMER_SOFTIRQ);         /* wake the waiting CPU to look */
}
static bool remote_done(void)
{
    for (unsigned int i = 0; i < NR_CPUS / 64; i++)
        if (__atomic_load_n(&remote_fired.bits[i], __ATOMIC_SEQ_CST) != remote_expected.bits[i])
            return false;
    return true;
}

static unsigned int check_remote(void)
{
    unsigned int cpu, n = 0;

    test_cpu = smp_processor_id();
    for_each_online_cpu(cpu) {
        if (cpu == smp_processor_id())
            continue;
        cpumask_set_cpu(cpu, &remote_expected);
        init_timer(&remote[cpu], remote_fn, (void *)(unsigned long)cpu, cpu);
        set_timer(&remote[cpu], NOW() + MILLISECS(20));
        n++;
    }
    if (!wait_until(remote_done, SECONDS(2), false))
        fail("a timer set for another CPU did not fire within 2 s");
    if (remote_wrong_cpu)
        fail("a timer ran on the wrong CPU");
    return n;
}

/* Phase 3: a mark every 100 ms of NOW(), from absolute deadlines so errors do not accumulate. */
static struct timer mark_timer;
static s_time_t mark_start;
static unsigned int marks;

static void mark_fn(void *data)
{
    s_time_t now = NOW();
    marks++;
    printk("SELFTEST timer mark %u %lld\n", marks, (long long)now);
    if (now < mark_timer.expires)
        fail("a mark fired early");
    if (marks < MARKS)
        set_timer(&mark_timer, mark_start + (marks + 1) * MARK_INTERVAL);
}
static bool marks_done(void) { return marks >= MARKS; }

static void selftest_timer(void)
{
    unsigned long flags = local_save_flags();
    unsigned int cpu = smp_processor_id(), nr_remote = 0;

    init_timer(&watchdog, nothing, NULL, cpu);
    init_timer(&probe, probe_fn, NULL, cpu);
    init_timer(&mark_timer, mark_fn, NULL, cpu);
    local_irq_enable();

    set_timer(&probe, NOW() + MILLISECS(1));
    if (!wait_until(probe_done, MILLISECS(500), true)) {
        fail("no timer interrupt within 500 ms");
    } else {
        check_order();
        nr_remote = check_remote();
        mark_start = NOW();
        set_timer(&mark_timer, mark_start + MARK_INTERVAL);
        if (!wait_until(marks_done, MARKS * MARK_INTERVAL + SECONDS(2), false))
            fail("the 100 ms marks stopped coming");
    }
    stop_timer(&mark_timer);
    local_irq_restore(flags);
    if (failure)
        printk("SELFTEST timer FAIL: %s\n", failure);
    else
        printk("SELFTEST timer PASS: %u marks, %u ordered timers, %u other CPUs\n", marks, nr_fired,
               nr_remote);
}
SELFTEST("timer", selftest_timer, 10);
