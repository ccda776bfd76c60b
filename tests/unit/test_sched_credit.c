/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/sched_credit.c */
/* Credit policy on simulated CPUs: weight shares, caps, boosted wake-ups, affinity and stealing. */
#include <stdio.h>
#include <string.h>
#include <test.h>
#include <xen/sched-credit.h>

#define EXPECT(c, ...) do { if (!(c)) test_fail(__FILE__, __LINE__, __VA_ARGS__); } while (0)
#define MS(x) ((s_time_t)(x) * 1000000)
#define NCPU 2
#define NU   6

/* A simulated vCPU: CPU-bound (period 0) or waking every @period ns to run @burst ns. */
struct sim_unit {
    struct csched_unit u;
    struct csched_dom d;
    s_time_t period, burst, next_wake, left;
    bool blocked;
    s_time_t ran[NCPU], max_latency, woke_at;
    unsigned int wakes, cpu, migrations;
};

struct sim {
    struct csched_rq rq[NCPU];
    struct sim_unit *cur[NCPU];
    s_time_t start[NCPU], deadline[NCPU];
    struct sim_unit s[NU];
    unsigned int n, ncpu;
    s_time_t now;
};

static struct sim_unit *of(struct csched_unit *u) { return (struct sim_unit *)u; }

static void sim_init(struct sim *m, unsigned int ncpu)
{
    memset(m, 0, sizeof(*m));
    m->ncpu = ncpu;
    m->now = MS(1);
}

static struct sim_unit *sim_add(struct sim *m, unsigned int weight, unsigned int cap, unsigned int cpu)
{
    struct sim_unit *s = &m->s[m->n++];
    csched_dom_init(&s->d);
    s->d.weight = weight;
    s->d.cap = cap;
    csched_unit_init(&s->u, &s->d);
    s->cpu = cpu;
    csched_wake(&m->rq[cpu], &s->u, false, m->now);
    csched_rq_insert(&m->rq[cpu], &s->u);
    return s;
}

static void pin(struct sim_unit *s, unsigned int cpu)
{
    memset(s->u.affinity, 0, sizeof(s->u.affinity));
    s->u.affinity[cpu / 64] |= 1UL << (cpu % 64);
}

/* A decision on @cpu: charge what ran, pick (or steal), and queue the preempted vCPU. */
static void sim_schedule(struct sim *m, unsigned int cpu)
{
    struct sim_unit *prev = m->cur[cpu];
    struct csched_unit *cur = NULL;

    if (prev) {
        s_time_t ran = m->now - m->start[cpu];
        csched_charge(&prev->u, ran, m->now);
        prev->ran[cpu] += ran;
        if (prev->period)
            prev->left -= ran;
        if (prev->period && prev->left <= 0) {
            prev->blocked = true;       /* burst done: block until the next wake */
            prev->next_wake += prev->period;
        } else {
            cur = &prev->u;
        }
    }
    struct csched_unit *next = csched_pick(&m->rq[cpu], cur, cpu, m->now);
    /* Balancing as schedule.c does it: idle, or another CPU's queued vCPU is owed more. */
    for (unsigned int o = 0; (!next || !next->boost) && o < m->ncpu; o++) {
        if (o == cpu)
            continue;
        struct csched_unit *r = csched_steal_choice(&m->rq[o], next, cpu, m->now);
        if (!r)
            continue;
        csched_rq_remove(&m->rq[o], r);
        if (next && next != cur)
            csched_rq_insert(&m->rq[cpu], next);
        csched_migrated(&m->rq[cpu], r, m->now);
        of(r)->migrations++;
        next = r;
        break;
    }
    if (prev && cur && next != cur)
        csched_rq_insert(&m->rq[cpu], cur);   /* preempted: back in the queue */
    if (next) {
        EXPECT(csched_allowed(next, cpu), "vCPU %ld ran on CPU %u outside its affinity",
               (long)(of(next) - m->s), cpu);
        struct sim_unit *s = of(next);
        s->cpu = cpu;
        if (s->woke_at) {
            s_time_t lat = m->now - s->woke_at;
            if (lat > s->max_latency)
                s->max_latency = lat;
            s->woke_at = 0;
        }
    }
    m->cur[cpu] = next ? of(next) : NULL;
    m->start[cpu] = m->now;
    /* The CPU's timer: the policy's next decision, or the end of the burst of a waking vCPU. */
    struct sim_unit *c = m->cur[cpu];
    s_time_t t = csched_next_event(&m->rq[cpu], c ? &c->u : NULL, m->now);
    if (c && c->period && m->now + c->left < (t ? t : INT64_MAX))
        t = m->now + c->left;
    m->deadline[cpu] = t;
}

static s_time_t cpu_event(struct sim *m, unsigned int cpu)
{
    return m->deadline[cpu];
}

/* Run the simulation until @end (event-driven, 1 us resolution at most). */
static void sim_run(struct sim *m, s_time_t end)
{
    for (unsigned int c = 0; c < m->ncpu; c++)
        sim_schedule(m, c);
    while (m->now < end) {
        s_time_t t = end;
        for (unsigned int c = 0; c < m->ncpu; c++) {
            s_time_t e = cpu_event(m, c);
            if (e && e < t)
                t = e;
        }
        for (unsigned int i = 0; i < m->n; i++)
            if (m->s[i].blocked && m->s[i].next_wake < t)
                t = m->s[i].next_wake;
        if (t <= m->now)
            t = m->now + 1000;
        m->now = t;
        /* Wake-ups first: a woken vCPU that preempts makes its CPU decide now. */
        for (unsigned int i = 0; i < m->n; i++) {
            struct sim_unit *s = &m->s[i];
            if (!s->blocked || s->next_wake > m->now)
                continue;
            s->blocked = false;
            s->left = s->burst;
            s->woke_at = m->now;
            s->wakes++;
            unsigned int cpu = s->cpu;     /* wakes where it last ran, as vcpu_wake() does */
            csched_wake(&m->rq[cpu], &s->u, true, m->now);
            csched_rq_insert(&m->rq[cpu], &s->u);
            struct sim_unit *c = m->cur[cpu];
            if (csched_preempts(&s->u, c ? &c->u : NULL, m->now))
                sim_schedule(m, cpu);
        }
        for (unsigned int c = 0; c < m->ncpu; c++) {
            s_time_t e = cpu_event(m, c);
            if ((e && e <= m->now) || !m->cur[c])
                sim_schedule(m, c);
        }
    }
    for (unsigned int c = 0; c < m->ncpu; c++)
        if (m->cur[c]) {
            m->cur[c]->ran[c] += m->now - m->start[c];
            m->start[c] = m->now;
        }
}

static double share(const struct sim *m, const struct sim_unit *s, s_time_t span)
{
    s_time_t r = 0;
    for (unsigned int c = 0; c < m->ncpu; c++)
        r += s->ran[c];
    return 100.0 * (double)r / (double)span;
}

static struct sim m;

static void test_weights_1_to_2(void)
{
    sim_init(&m, 1);
    struct sim_unit *a = sim_add(&m, 256, 0, 0), *b = sim_add(&m, 512, 0, 0);
    s_time_t t0 = m.now;
    sim_run(&m, t0 + MS(10000));
    double sa = share(&m, a, m.now - t0), sb = share(&m, b, m.now - t0);
    printf("weights 256:512 -> %.2f%% : %.2f%%\n", sa, sb);
    EXPECT(sa > 31.3 && sa < 35.3, "weight 256 got %.2f%%", sa);
    EXPECT(sb > 64.7 && sb < 68.7, "weight 512 got %.2f%%", sb);

    sim_init(&m, 1);
    a = sim_add(&m, 256, 0, 0), b = sim_add(&m, 256, 0, 0);
    struct sim_unit *c = sim_add(&m, 1024, 0, 0);
    t0 = m.now;
    sim_run(&m, t0 + MS(6000));
    sa = share(&m, a, m.now - t0), sb = share(&m, b, m.now - t0);
    double sc = share(&m, c, m.now - t0);
    printf("weights 256:256:1024 -> %.2f%% : %.2f%% : %.2f%%\n", sa, sb, sc);
    EXPECT(sa > 14.7 && sa < 18.7 && sb > 14.7 && sb < 18.7, "256s got %.2f%% %.2f%%", sa, sb);
    EXPECT(sc > 64.7 && sc < 68.7, "1024 got %.2f%%", sc);
}

static void test_cap(void)
{
    /* Alone on the CPU: the cap, not the idle CPU, decides. */
    sim_init(&m, 1);
    struct sim_unit *a = sim_add(&m, 256, 25, 0);
    s_time_t t0 = m.now;
    sim_run(&m, t0 + MS(10000));
    double sa = share(&m, a, m.now - t0);
    printf("cap 25 alone -> %.2f%%\n", sa);
    EXPECT(sa > 24.0 && sa < 26.0, "cap 25 alone got %.2f%%", sa);

    /* Against an uncapped hog with a lower weight: still at most its cap. */
    sim_init(&m, 1);
    a = sim_add(&m, 1024, 25, 0);
    struct sim_unit *b = sim_add(&m, 256, 0, 0);
    t0 = m.now;
    sim_run(&m, t0 + MS(10000));
    sa = share(&m, a, m.now - t0);
    double sb = share(&m, b, m.now - t0);
    printf("cap 25 vs hog -> %.2f%% : %.2f%%\n", sa, sb);
    EXPECT(sa > 24.0 && sa < 26.0, "capped got %.2f%%", sa);
    EXPECT(sb > 73.0, "the hog got only %.2f%% of what the cap left", sb);
    EXPECT(csched_parked(&a->u, m.now) ==
           (a->d.cap_period == csched_period_of(m.now) && a->d.cap_used >= MS(30) / 4), "parked state wrong");

    /* A period overrun by 1 ms (a late timer) shortens the next period's budget by as much. */
    struct csched_dom d;
    struct csched_unit u;
    csched_dom_init(&d);
    d.cap = 25;                         /* 7.5 ms per 30 ms */
    csched_unit_init(&u, &d);
    csched_charge(&u, 8500000, MS(30 * 10 + 9));
    EXPECT(d.cap_used == 8500000, "used %ld", (long)d.cap_used);
    EXPECT(csched_parked(&u, MS(30 * 10 + 9)), "over budget but not parked");
    csched_charge(&u, MS(2), MS(30 * 11 + 1));     /* 1 ms before the boundary, 1 ms after */
    EXPECT(d.cap_used == MS(3), "carried %ld, want 3 ms (2 ms overrun + 1 ms)", (long)d.cap_used);
    EXPECT(!csched_parked(&u, MS(30 * 11 + 1)), "parked with budget left");
    csched_charge(&u, MS(1), MS(30 * 13 + 1));     /* a period skipped: nothing carried */
    EXPECT(d.cap_used == MS(1), "used %ld after an idle period", (long)d.cap_used);
    /* One run of 59 ms (the host stalled QEMU) from 392 ms (period 14, where 1 ms was
     * used) through period 15 to 451 ms (period 16): 58 ms before the boundary against
     * 15 ms of budget, plus the 1 ms used -> 44 ms carried, plus 1 ms in period 16. */
    csched_charge(&u, MS(59), MS(30 * 15 + 1));
    EXPECT(d.cap_used == MS(45), "a long run left %ld, want 45 ms", (long)d.cap_used);
    EXPECT(csched_parked(&u, MS(30 * 15 + 1)), "not parked after a long overrun");
    EXPECT(csched_parked(&u, MS(30 * 17 + 1)), "the debt vanished at a period boundary without a charge");
    EXPECT(!csched_parked(&u, MS(30 * 21 + 1)), "still parked once the debt is repaid");
    /* Parked through period 17, the debt shrinks by one budget per period. */
    csched_charge(&u, 0, MS(30 * 16 + 1));
    EXPECT(d.cap_used == MS(45) - 7500000, "debt %ld after one idle period", (long)d.cap_used);
}

static void test_boost(void)
{
    /* Two hogs and a vCPU waking every 20 ms for 300 us: it runs at once each time. */
    sim_init(&m, 1);
    struct sim_unit *h1 = sim_add(&m, 256, 0, 0), *h2 = sim_add(&m, 256, 0, 0);
    struct sim_unit *io = &m.s[m.n++];
    csched_dom_init(&io->d);
    csched_unit_init(&io->u, &io->d);
    io->period = MS(20);
    io->burst = 300000;
    io->blocked = true;
    io->next_wake = m.now + MS(5);
    s_time_t t0 = m.now;
    sim_run(&m, t0 + MS(5000));
    printf("io: %u wakes, worst latency %ld ns; hogs %.2f%% %.2f%%\n", io->wakes,
           (long)io->max_latency, share(&m, h1, m.now - t0), share(&m, h2, m.now - t0));
    EXPECT(io->wakes > 200, "io vCPU woke %u times", io->wakes);
    EXPECT(io->max_latency < MS(1), "woken vCPU waited %ld ns", (long)io->max_latency);

    /* Order directly: boosted first, then the least vtime; FIFO among equals. */
    struct csched_rq rq = { 0 };
    struct csched_dom d;
    struct csched_unit u[4];
    csched_dom_init(&d);
    for (int i = 0; i < 4; i++)
        csched_unit_init(&u[i], &d);
    rq.vmin = MS(50);
    u[0].vtime = MS(60);                /* ran the most */
    u[1].vtime = MS(50);
    u[3].vtime = MS(50);                /* same as u[1], queued after it */
    u[2].vtime = MS(1);                 /* a long sleeper */
    csched_rq_insert(&rq, &u[0]);
    csched_rq_insert(&rq, &u[1]);
    csched_rq_insert(&rq, &u[3]);
    csched_wake(&rq, &u[2], true, MS(100));
    EXPECT(u[2].vtime == MS(50) - CSCHED_WAKE_BONUS, "sleeper placed at %ld", (long)u[2].vtime);
    EXPECT(u[2].boost, "a sleeper behind the CPU's vmin is not boosted");
    csched_rq_insert(&rq, &u[2]);
    EXPECT(csched_pick(&rq, NULL, 0, MS(100)) == &u[2], "boosted vCPU not first");
    EXPECT(csched_pick(&rq, NULL, 0, MS(100)) == &u[1], "least vtime not next");
    EXPECT(csched_pick(&rq, NULL, 0, MS(100)) == &u[3], "FIFO broken among equals");
    EXPECT(csched_pick(&rq, NULL, 0, MS(100)) == &u[0], "most vtime not picked last");
    EXPECT(csched_pick(&rq, NULL, 0, MS(100)) == NULL, "empty queue gave a vCPU");
    EXPECT(!csched_preempts(&u[1], &u[0], MS(100)), "an unboosted wake preempts");
    EXPECT(csched_preempts(&u[2], &u[1], MS(100)), "boost does not preempt");
    /* A vCPU that ran more than its CPU's vmin is not boosted by blocking briefly. */
    rq.vmin = MS(50);
    u[0].vtime = MS(70);
    csched_wake(&rq, &u[0], true, MS(100));
    EXPECT(!u[0].boost && u[0].vtime == MS(70), "a vCPU ahead of its share was boosted or moved");
    /* Weight scales the charge: 512 accrues half the vtime of 256. */
    struct csched_dom heavy;
    csched_dom_init(&heavy);
    heavy.weight = 512;
    struct csched_unit h;
    csched_unit_init(&h, &heavy);
    csched_charge(&h, MS(10), MS(200));
    EXPECT(h.vtime == MS(5), "weight 512 charged %ld for 10 ms", (long)h.vtime);
}

static void test_affinity_and_steal(void)
{
    /* Three hogs on CPU 0's queue, one pinned to CPU 0: CPU 1 steals the others only. */
    sim_init(&m, 2);
    struct sim_unit *p0 = sim_add(&m, 256, 0, 0);
    pin(p0, 0);
    struct sim_unit *a = sim_add(&m, 256, 0, 0), *b = sim_add(&m, 256, 0, 0);
    s_time_t t0 = m.now;
    sim_run(&m, t0 + MS(3000));
    EXPECT(p0->ran[1] == 0, "pinned vCPU ran %ld ns on CPU 1", (long)p0->ran[1]);
    double total = share(&m, p0, m.now - t0) + share(&m, a, m.now - t0) + share(&m, b, m.now - t0);
    printf("3 hogs on 2 CPUs (one pinned) -> %.2f%% of one CPU in all\n", total);
    EXPECT(total > 195.0, "two CPUs not kept busy: %.2f%%", total);

    /* steal_choice respects affinity and caps. */
    struct csched_rq rq = { 0 };
    struct csched_dom d, capped;
    struct csched_unit u0, u1;
    csched_dom_init(&d);
    csched_dom_init(&capped);
    capped.cap = 10;
    capped.cap_period = csched_period_of(MS(100));
    capped.cap_used = MS(3);
    csched_unit_init(&u0, &d);
    csched_unit_init(&u1, &capped);
    memset(u0.affinity, 0, sizeof(u0.affinity));
    u0.affinity[0] = 1;                 /* CPU 0 only */
    csched_rq_insert(&rq, &u0);
    csched_rq_insert(&rq, &u1);
    EXPECT(csched_steal_choice(&rq, NULL, 1, MS(100)) == NULL, "stole a pinned or parked vCPU");
    EXPECT(csched_steal_choice(&rq, NULL, 0, MS(100)) == &u0, "CPU 0 cannot take its own vCPU");
    EXPECT(csched_steal_choice(&rq, NULL, 1, MS(130)) == &u1, "cap not lifted in the next period");
    /* A busy CPU takes a queued vCPU only if it is owed more than a slice over its own choice. */
    struct csched_unit mine;
    csched_unit_init(&mine, &d);
    u1.vtime = MS(100);
    mine.vtime = MS(100) + CSCHED_MIGRATE_GAP;
    EXPECT(csched_steal_choice(&rq, &mine, 1, MS(130)) == NULL, "moved for a gap of one slice");
    mine.vtime += 1;
    EXPECT(csched_steal_choice(&rq, &mine, 1, MS(130)) == &u1, "owed more than a slice, not moved");
    mine.boost = true;
    EXPECT(csched_steal_choice(&rq, &mine, 1, MS(130)) == NULL, "a boosted choice was displaced");
    EXPECT(!csched_allowed(&u0, 200) && !csched_allowed(&u0, NR_CPUS + 5), "allowed beyond the mask");
}

static void test_yield(void)
{
    struct csched_rq rq = { 0 };
    struct csched_dom d;
    struct csched_unit a, b;
    csched_dom_init(&d);
    csched_unit_init(&a, &d);
    csched_unit_init(&b, &d);
    a.vtime = MS(20);                   /* a ran more, yet keeps its slice */
    b.vtime = MS(5);
    a.slice_start = MS(99);
    csched_rq_insert(&rq, &b);
    EXPECT(csched_pick(&rq, &a, 0, MS(100)) == &a, "a vCPU lost the CPU inside its slice");
    a.yielded = true;
    EXPECT(csched_pick(&rq, &a, 0, MS(100)) == &b, "yield did not pass the CPU on");
    a.yielded = true;
    EXPECT(csched_pick(&rq, &a, 0, MS(100)) == &a, "yield with nobody waiting stopped the vCPU");
}

/* Hogs on two CPUs share them by weight as if there were one queue. */
static void test_smp_fairness(void)
{
    sim_init(&m, 2);
    struct sim_unit *a = sim_add(&m, 256, 0, 0), *b = sim_add(&m, 256, 0, 0);
    struct sim_unit *c = sim_add(&m, 256, 0, 1);
    s_time_t t0 = m.now;
    sim_run(&m, t0 + MS(10000));
    double sa = share(&m, a, m.now - t0), sb = share(&m, b, m.now - t0), sc = share(&m, c, m.now - t0);
    printf("3 hogs on 2 CPUs -> %.2f%% %.2f%% %.2f%% (%u %u %u moves)\n", sa, sb, sc,
           a->migrations, b->migrations, c->migrations);
    EXPECT(sa > 63.7 && sa < 69.7 && sb > 63.7 && sb < 69.7 && sc > 63.7 && sc < 69.7,
           "3 hogs on 2 CPUs got %.2f%% %.2f%% %.2f%%", sa, sb, sc);
    EXPECT(a->migrations + b->migrations + c->migrations < 10000 / 10,
           "more than one move per slice: %u", a->migrations + b->migrations + c->migrations);

    sim_init(&m, 2);
    a = sim_add(&m, 256, 0, 0), b = sim_add(&m, 256, 0, 1), c = sim_add(&m, 128, 0, 1);
    t0 = m.now;
    sim_run(&m, t0 + MS(10000));
    sa = share(&m, a, m.now - t0), sb = share(&m, b, m.now - t0), sc = share(&m, c, m.now - t0);
    printf("weights 256:256:128 on 2 CPUs -> %.2f%% %.2f%% %.2f%%\n", sa, sb, sc);
    EXPECT(sa > 77.0 && sa < 83.0 && sb > 77.0 && sb < 83.0 && sc > 37.0 && sc < 43.0,
           "256:256:128 on 2 CPUs got %.2f%% %.2f%% %.2f%%", sa, sb, sc);

    /* Pinned together on CPU 0, weights still hold there; the free hog has CPU 1. */
    sim_init(&m, 2);
    a = sim_add(&m, 256, 0, 0), b = sim_add(&m, 512, 0, 0), c = sim_add(&m, 256, 0, 0);
    pin(a, 0);
    pin(b, 0);
    t0 = m.now;
    sim_run(&m, t0 + MS(10000));
    sa = share(&m, a, m.now - t0), sb = share(&m, b, m.now - t0), sc = share(&m, c, m.now - t0);
    printf("pinned 256:512 on CPU 0 + a free hog -> %.2f%% %.2f%% %.2f%%\n", sa, sb, sc);
    EXPECT(sa > 30.3 && sa < 36.3 && sb > 63.7 && sb < 69.7 && sc > 97.0,
           "pinned 256:512 + free hog got %.2f%% %.2f%% %.2f%%", sa, sb, sc);
}

int main(void)
{
    test_weights_1_to_2();
    test_cap();
    test_boost();
    test_affinity_and_steal();
    test_yield();
    test_smp_fairness();
    return test_done();
}
