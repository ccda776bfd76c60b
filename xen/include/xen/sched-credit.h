/* SPDX-License-Identifier: GPL-2.0-only */
/* Credit scheduler policy (common/sched_credit.c): pure logic over run queues, no locks or hardware. */
#ifndef XEN_SCHED_CREDIT_H
#define XEN_SCHED_CREDIT_H

#include <xen/config.h>
#include <xen/types.h>

#define CSCHED_PERIOD         ((s_time_t)30 * 1000000)   /* cap accounting period: 30 ms */
#define CSCHED_SLICE          ((s_time_t)10 * 1000000)   /* longest run before a rival gets the CPU */
#define CSCHED_WAKE_BONUS     (CSCHED_SLICE / 2)          /* how far behind its CPU a sleeper may wake */
#define CSCHED_MIGRATE_GAP    CSCHED_SLICE                /* owed this much more: worth moving CPUs */
#define CSCHED_MIGRATE_CLAMP  (2 * CSCHED_SLICE)          /* history a moved vCPU keeps, either way */
#define CSCHED_DEFAULT_WEIGHT 256
#define CSCHED_MAX_WEIGHT     65535

/* Per domain: weight (each vCPU competes with it, as in Xen's credit2) and cap. */
struct csched_dom {
    unsigned int weight;            /* 1..65535 */
    unsigned int cap;               /* % of one CPU per period, 0: none */
    int64_t cap_used;               /* ns run in period cap_period (all CPUs) */
    uint64_t cap_period;
};

/*
 * Per vCPU. Its credit is kept as spent credit: vtime grows by the time it runs scaled by
 * DEFAULT_WEIGHT / weight, so among rivals the one with the least vtime is owed the CPU.
 */
struct csched_unit {
    struct csched_unit *next;       /* run queue link */
    struct csched_dom *dom;
    s_time_t vtime;                 /* weighted ns run (comparable across CPUs) */
    s_time_t slice_start;           /* when it was last picked */
    bool boost;                     /* woken from blocking while owed time: runs first */
    bool yielded;                   /* SCHEDOP_yield: let a rival run */
    bool queued;
    unsigned long affinity[NR_CPUS / 64];   /* hard affinity: CPUs it may run on */
};

/* Per CPU: the runnable vCPUs that are not running, FIFO among equals. */
struct csched_rq {
    struct csched_unit *head, *tail;
    unsigned int nr;
    s_time_t vmin;                  /* monotonic: least vtime seen running or queued here */
};

void csched_unit_init(struct csched_unit *u, struct csched_dom *dom);
void csched_dom_init(struct csched_dom *d);
static inline bool csched_allowed(const struct csched_unit *u, unsigned int cpu)
{
    return cpu < NR_CPUS && (u->affinity[cpu / 64] >> (cpu % 64)) & 1;
}
/* Cap periods are numbered from 1. */
static inline uint64_t csched_period_of(s_time_t now) { return (uint64_t)now / CSCHED_PERIOD + 1; }

/* Over its cap in the current period: not to be run until the next one. */
bool csched_parked(const struct csched_unit *u, s_time_t now);

void csched_rq_insert(struct csched_rq *rq, struct csched_unit *u);
void csched_rq_remove(struct csched_rq *rq, struct csched_unit *u);

/* @u ran for @ran ns until @now: add its weighted time, debit its domain's cap budget, end its boost. */
void csched_charge(struct csched_unit *u, s_time_t ran, s_time_t now);
/* @u becomes runnable on @rq; a wake from blocking places it near the CPU's vmin and may boost it. */
void csched_wake(struct csched_rq *rq, struct csched_unit *u, bool from_block, s_time_t now);
/* Would @u (just queued) run before @cur (NULL: the CPU idles)? */
bool csched_preempts(const struct csched_unit *u, const struct csched_unit *cur, s_time_t now);

/*
 * Choose what runs next on @cpu: @cur (runnable, or NULL) keeps the CPU while its
 * slice lasts unless a boosted vCPU waits; at the slice end the eligible vCPU with the
 * least vtime runs. The choice, if queued, is removed from @rq. NULL: nothing eligible.
 * @cur is never put on @rq here: the caller queues it once its state is saved.
 */
struct csched_unit *csched_pick(struct csched_rq *rq, struct csched_unit *cur, unsigned int cpu,
                                s_time_t now);
/*
 * Load balancing: the vCPU queued on @victim that @cpu should run instead of @mine (its
 * own choice, NULL when it would idle): any eligible one for an idle CPU, else a boosted
 * one, or one owed CSCHED_MIGRATE_GAP more than @mine. Not removed from @victim.
 */
struct csched_unit *csched_steal_choice(struct csched_rq *victim, const struct csched_unit *mine,
                                        unsigned int cpu, s_time_t now);
/* @u moved to @rq's CPU: bound the history it brings, start its slice. */
void csched_migrated(struct csched_rq *rq, struct csched_unit *u, s_time_t now);
/* When @cpu must decide again: end of @cur's slice or cap budget, or the period boundary. */
s_time_t csched_next_event(const struct csched_rq *rq, const struct csched_unit *cur, s_time_t now);

#endif
