/* SPDX-License-Identifier: GPL-2.0-only */
/* Credit scheduler policy: weighted virtual time, boosted wakes, caps, pick-next and balancing choice (host-testable). */
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
    *u = (struct csched_unit){ .dom = dom };
    for (unsigned int i = 0; i < NR_CPUS / 64; i++)
        u->affinity[i] = ~0UL;
}

static unsigned int weight_of(const struct csched_unit *u)
{
    unsigned int w = __atomic_load_n(&u->dom->weight, __ATOMIC_RELAXED);
    return w ? w : CSCHED_DEFAULT_WEIGHT;
}

static s_time_t cap_budget(const struct csched_dom *d)
{
    return CSCHED_PERIOD * (s_time_t)d->cap / 100;
}

/* What the domain has used of period @p: its usage there, or what an earlier period's overrun still owes. */
static s_time_t used_in(const struct csched_dom *d, uint64_t p)
{
    uint64_t old = __atomic_load_n(&d->cap_period, __ATOMIC_RELAXED);
    s_time_t used = __atomic_load_n(&d->cap_used, __ATOMIC_RELAXED);
    if (old >= p)
        return used;
    s_time_t owed = used - cap_budget(d) * (s_time_t)(p - old);
    return owed > 0 ? owed : 0;
}

/* ns the domain may still run in the period of @now (only meaningful with a cap). */
static s_time_t cap_left(const struct csched_dom *d, s_time_t now)
{
    return cap_budget(d) - used_in(d, csched_period_of(now));
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

static void charge_cap(struct csched_dom *d, s_time_t ran, s_time_t now)
{
    /*
     * The part of the run inside the current period counts against it; the part before
     * the boundary closes the periods it covered, and whatever those overran (a late
     * timer, or the host stalling QEMU for several periods) is owed by the next ones,
     * so the cap holds on average however long the run was.
     */
    uint64_t p = csched_period_of(now), ps = csched_period_of(now - ran);
    s_time_t after = now - (s_time_t)(p - 1) * CSCHED_PERIOD;
    if (after > ran)
        after = ran;
    uint64_t old = __atomic_load_n(&d->cap_period, __ATOMIC_RELAXED);
    if (old >= p) {
        __atomic_fetch_add(&d->cap_used, ran, __ATOMIC_RELAXED);   /* earlier periods are closed */
        return;
    }
    uint64_t start = ps > old ? ps : old;
    s_time_t owed = used_in(d, start) + (ran - after) - cap_budget(d) * (s_time_t)(p - start);
    if (__atomic_compare_exchange_n(&d->cap_period, &old, p, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        __atomic_store_n(&d->cap_used, owed > 0 ? owed : 0, __ATOMIC_RELAXED);
    __atomic_fetch_add(&d->cap_used, after, __ATOMIC_RELAXED);
}

void csched_charge(struct csched_unit *u, s_time_t ran, s_time_t now)
{
    if (ran < 0)
        ran = 0;
    u->vtime += ran * CSCHED_DEFAULT_WEIGHT / weight_of(u);
    u->boost = false;
    if (u->dom->cap)
        charge_cap(u->dom, ran, now);
}

void csched_wake(struct csched_rq *rq, struct csched_unit *u, bool from_block, s_time_t now)
{
    /* A long sleeper is owed at most a little: it wakes just behind the vCPUs here. */
    s_time_t floor = rq->vmin - CSCHED_WAKE_BONUS;
    if (u->vtime < floor)
        u->vtime = floor;
    u->boost = from_block && u->vtime <= rq->vmin;
    u->yielded = false;
}

bool csched_preempts(const struct csched_unit *u, const struct csched_unit *cur, s_time_t now)
{
    if (csched_parked(u, now))
        return false;
    return !cur || (u->boost && !cur->boost);
}

static bool eligible(const struct csched_unit *u, unsigned int cpu, s_time_t now)
{
    return csched_allowed(u, cpu) && !csched_parked(u, now);
}

/* Does @a go before @b: boosted first, then the least vtime (ties keep FIFO order)? */
static bool before(const struct csched_unit *a, const struct csched_unit *b)
{
    if (a->boost != b->boost)
        return a->boost;
    return !a->boost && a->vtime < b->vtime;
}

/* The queued vCPU that goes first among those that may run on @cpu now. */
static struct csched_unit *best_queued(struct csched_rq *rq, unsigned int cpu, s_time_t now)
{
    struct csched_unit *best = NULL;

    for (struct csched_unit *u = rq->head; u; u = u->next)
        if (eligible(u, cpu, now) && (!best || before(u, best)))
            best = u;
    return best;
}

/* vmin follows the least vtime running or queued here, never backwards. */
static void advance_vmin(struct csched_rq *rq, const struct csched_unit *running)
{
    if (!running)
        return;
    s_time_t m = running->vtime;
    for (const struct csched_unit *u = rq->head; u; u = u->next)
        if (u->vtime < m)
            m = u->vtime;
    if (m > rq->vmin)
        rq->vmin = m;
}

struct csched_unit *csched_pick(struct csched_rq *rq, struct csched_unit *cur, unsigned int cpu,
                                s_time_t now)
{
    struct csched_unit *best = best_queued(rq, cpu, now), *next = NULL;

    if (cur && eligible(cur, cpu, now)) {
        bool slice_left = now - cur->slice_start < CSCHED_SLICE;
        if (!best || (!cur->yielded && !best->boost && (slice_left || before(cur, best)))) {
            if (!slice_left)
                cur->slice_start = now;         /* a new slice */
            next = cur;
        }
    }
    if (cur)
        cur->yielded = false;
    if (!next && best) {
        csched_rq_remove(rq, best);
        best->slice_start = now;
        next = best;
    }
    advance_vmin(rq, next);
    return next;
}

struct csched_unit *csched_steal_choice(struct csched_rq *victim, const struct csched_unit *mine,
                                        unsigned int cpu, s_time_t now)
{
    struct csched_unit *u = best_queued(victim, cpu, now);

    if (!u || !mine)
        return u;
    if (mine->boost)
        return NULL;
    if (u->boost || u->vtime + CSCHED_MIGRATE_GAP < mine->vtime)
        return u;
    return NULL;
}

void csched_migrated(struct csched_rq *rq, struct csched_unit *u, s_time_t now)
{
    /* Against rivals here, bring at most CLAMP of history (owed or overdrawn). */
    if (rq->nr) {
        if (u->vtime < rq->vmin - CSCHED_MIGRATE_CLAMP)
            u->vtime = rq->vmin - CSCHED_MIGRATE_CLAMP;
        if (u->vtime > rq->vmin + CSCHED_MIGRATE_CLAMP)
            u->vtime = rq->vmin + CSCHED_MIGRATE_CLAMP;
    }
    u->slice_start = now;
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
