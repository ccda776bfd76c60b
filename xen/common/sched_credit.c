/* SPDX-License-Identifier: GPL-2.0-only */
/* Credit scheduler policy: credit refill and debit, priorities, caps, pick-next and steal choice (host-testable). */
#include <xen/sched-credit.h>

void csched_dom_init(struct csched_dom *d)
{
    d->weight = CSCHED_DEFAULT_WEIGHT;
    d->cap = 0;
    d->cap_used = 0;
    d->cap_period = 0;
}

void csched_unit_init(struct csched_unit *u, struct csched_dom *dom)
{
    *u = (struct csched_unit){ .dom = dom, .pri = CSCHED_PRI_UNDER };
    for (unsigned int i = 0; i < NR_CPUS / 64; i++)
        u->affinity[i] = ~0UL;
}

static unsigned int weight_of(const struct csched_unit *u)
{
    return u->dom->weight ? u->dom->weight : CSCHED_DEFAULT_WEIGHT;
}

static enum csched_pri pri_of(const struct csched_unit *u)
{
    if (u->boost && u->credit > 0)
        return CSCHED_PRI_BOOST;
    return u->credit > 0 ? CSCHED_PRI_UNDER : CSCHED_PRI_OVER;
}

static s_time_t cap_budget(const struct csched_dom *d)
{
    return CSCHED_PERIOD * (s_time_t)d->cap / 100;
}

/* ns the domain may still run in the period of @now (only meaningful with a cap). */
static s_time_t cap_left(const struct csched_dom *d, s_time_t now)
{
    uint64_t p = csched_period_of(now);
    s_time_t used = __atomic_load_n(&d->cap_period, __ATOMIC_RELAXED) == p
                    ? __atomic_load_n(&d->cap_used, __ATOMIC_RELAXED) : 0;
    return cap_budget(d) - used;
}

bool csched_parked(const struct csched_unit *u, s_time_t now)
{
    return u->dom->cap && cap_left(u->dom, now) <= 0;
}

void csched_rq_insert(struct csched_rq *rq, struct csched_unit *u)
{
    if (u->queued)
        return;
    u->queued = true;
    u->next = NULL;
    if (rq->tail)
        rq->tail->next = u;
    else
        rq->head = u;
    rq->tail = u;
    rq->nr++;
}

void csched_rq_remove(struct csched_rq *rq, struct csched_unit *u)
{
    struct csched_unit **pp = &rq->head, *prev = NULL;

    while (*pp && *pp != u) {
        prev = *pp;
        pp = &(*pp)->next;
    }
    if (!*pp)
        return;
    *pp = u->next;
    if (rq->tail == u)
        rq->tail = prev;
    u->next = NULL;
    u->queued = false;
    rq->nr--;
}

/* Credit for the periods since @u was last credited (at most two: a sleeper saves little). */
static void refill(struct csched_unit *u, uint64_t period, unsigned int weight_sum)
{
    if (u->refill_period >= period)
        return;
    uint64_t k = period - u->refill_period;
    if (k > 2)
        k = 2;
    if (weight_sum)
        u->credit += (int64_t)k * CSCHED_PERIOD * weight_of(u) / weight_sum;
    if (u->credit > CSCHED_CREDIT_MAX)
        u->credit = CSCHED_CREDIT_MAX;
    u->refill_period = period;
}

/* At the first decision of a period, split it among the runnable vCPUs here by weight. */
static void rq_refill(struct csched_rq *rq, struct csched_unit *cur, s_time_t now)
{
    uint64_t p = csched_period_of(now);

    if (rq->refill_period < p) {
        unsigned int sum = cur ? weight_of(cur) : 0;
        for (struct csched_unit *u = rq->head; u; u = u->next)
            sum += weight_of(u);
        rq->weight_sum = sum;
        rq->refill_period = p;
    }
    if (cur)
        refill(cur, p, rq->weight_sum);
    for (struct csched_unit *u = rq->head; u; u = u->next)
        refill(u, p, rq->weight_sum);
}

void csched_charge(struct csched_unit *u, s_time_t ran, s_time_t now)
{
    struct csched_dom *d = u->dom;

    if (ran < 0)
        ran = 0;
    u->credit -= ran;
    if (u->credit < CSCHED_CREDIT_MIN)
        u->credit = CSCHED_CREDIT_MIN;
    u->boost = false;
    u->pri = pri_of(u);
    if (!d->cap)
        return;
    /* A run that began in the previous period finishes that period's account; what a
     * period overran (timer slack) is carried into the next one, so caps hold on average. */
    uint64_t p = csched_period_of(now);
    s_time_t after = now - (s_time_t)(p - 1) * CSCHED_PERIOD;
    if (after > ran)
        after = ran;
    uint64_t old = __atomic_load_n(&d->cap_period, __ATOMIC_RELAXED);
    if (old != p) {
        s_time_t carry = 0;
        if (old + 1 == p)
            carry = __atomic_load_n(&d->cap_used, __ATOMIC_RELAXED) + (ran - after) - cap_budget(d);
        if (__atomic_compare_exchange_n(&d->cap_period, &old, p, false, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED))
            __atomic_store_n(&d->cap_used, carry > 0 ? carry : 0, __ATOMIC_RELAXED);
    }
    __atomic_fetch_add(&d->cap_used, after, __ATOMIC_RELAXED);
}

void csched_wake(struct csched_rq *rq, struct csched_unit *u, bool from_block, s_time_t now)
{
    uint64_t p = csched_period_of(now);
    refill(u, p, rq->weight_sum + weight_of(u));
    u->boost = from_block && u->credit > 0;
    u->yielded = false;
    u->pri = pri_of(u);
}

bool csched_preempts(const struct csched_unit *u, const struct csched_unit *cur, s_time_t now)
{
    if (csched_parked(u, now))
        return false;
    return !cur || pri_of(u) < pri_of(cur);
}

static bool eligible(const struct csched_unit *u, unsigned int cpu, s_time_t now)
{
    return csched_allowed(u, cpu) && !csched_parked(u, now);
}

/* The first queued vCPU of the best priority that may run on @cpu now. */
static struct csched_unit *best_queued(struct csched_rq *rq, unsigned int cpu, s_time_t now)
{
    struct csched_unit *best = NULL;

    for (struct csched_unit *u = rq->head; u; u = u->next) {
        u->pri = pri_of(u);
        if (eligible(u, cpu, now) && (!best || u->pri < best->pri))
            best = u;
    }
    return best;
}

struct csched_unit *csched_pick(struct csched_rq *rq, struct csched_unit *cur, unsigned int cpu,
                                s_time_t now)
{
    rq_refill(rq, cur, now);
    struct csched_unit *best = best_queued(rq, cpu, now);

    if (cur && eligible(cur, cpu, now)) {
        cur->pri = pri_of(cur);
        bool slice_left = now - cur->slice_start < CSCHED_SLICE && !cur->yielded;
        if (!best || best->pri > cur->pri || (best->pri == cur->pri && slice_left)) {
            if (!slice_left)
                cur->slice_start = now;         /* a new slice */
            cur->yielded = false;
            return cur;
        }
    }
    if (cur)
        cur->yielded = false;
    if (!best)
        return NULL;
    csched_rq_remove(rq, best);
    best->slice_start = now;
    return best;
}

struct csched_unit *csched_steal_choice(struct csched_rq *victim, unsigned int cpu, s_time_t now)
{
    return best_queued(victim, cpu, now);
}

s_time_t csched_next_event(const struct csched_rq *rq, const struct csched_unit *cur, s_time_t now)
{
    s_time_t boundary = (s_time_t)csched_period_of(now) * CSCHED_PERIOD;

    if (!cur)
        return rq->nr ? boundary : 0;   /* parked vCPUs wait for the next period */
    s_time_t t = cur->slice_start + CSCHED_SLICE;
    if (t <= now)
        t = now + CSCHED_SLICE;
    if (cur->dom->cap) {
        s_time_t left = cap_left(cur->dom, now);
        if (now + left < t)
            t = now + (left > 0 ? left : 0);
    }
    if ((rq->nr || cur->dom->cap) && boundary < t)
        t = boundary;
    return t;
}
