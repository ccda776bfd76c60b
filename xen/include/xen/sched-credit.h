/* SPDX-License-Identifier: GPL-2.0-only */
/* Credit scheduler policy (common/sched_credit.c): pure logic over run queues, no locks or hardware. */
#ifndef XEN_SCHED_CREDIT_H
#define XEN_SCHED_CREDIT_H

#include <xen/config.h>
#include <xen/types.h>

#define CSCHED_PERIOD         ((s_time_t)30 * 1000000)   /* credit refill and cap period: 30 ms */
#define CSCHED_SLICE          ((s_time_t)10 * 1000000)   /* longest run before a rival gets the CPU */
#define CSCHED_CREDIT_MAX     CSCHED_PERIOD               /* an idle vCPU saves at most one period */
#define CSCHED_CREDIT_MIN     (-2 * CSCHED_PERIOD)        /* debt forgiven beyond two periods */
#define CSCHED_DEFAULT_WEIGHT 256
#define CSCHED_MAX_WEIGHT     65535

/* Priorities: lower runs first. */
enum csched_pri { CSCHED_PRI_BOOST, CSCHED_PRI_UNDER, CSCHED_PRI_OVER };

/* Per domain: weight (each vCPU competes with it, as in Xen's credit2) and cap. */
struct csched_dom {
    unsigned int weight;            /* 1..65535 */
    unsigned int cap;               /* % of one CPU per period, 0: none */
    int64_t cap_used;               /* ns run in period cap_period (all CPUs) */
    uint64_t cap_period;
};

/* Per vCPU. */
struct csched_unit {
    struct csched_unit *next;       /* run queue link */
    struct csched_dom *dom;
    int64_t credit;                 /* ns it may still run at UNDER priority */
    uint64_t refill_period;         /* last period credited */
    s_time_t slice_start;           /* when it was last picked */
    enum csched_pri pri;
    bool boost;                     /* woken from blocking with credit left: runs first */
    bool yielded;                   /* SCHEDOP_yield: let a rival of equal priority run */
    bool queued;
    unsigned long affinity[NR_CPUS / 64];   /* hard affinity: CPUs it may run on */
};

/* Per CPU: the runnable vCPUs that are not running, FIFO within a priority. */
struct csched_rq {
    struct csched_unit *head, *tail;
    unsigned int nr;
    uint64_t refill_period;         /* last period credited on this CPU */
    unsigned int weight_sum;        /* runnable weight at that refill */
};

void csched_unit_init(struct csched_unit *u, struct csched_dom *dom);
void csched_dom_init(struct csched_dom *d);
static inline bool csched_allowed(const struct csched_unit *u, unsigned int cpu)
{
    return cpu < NR_CPUS && (u->affinity[cpu / 64] >> (cpu % 64)) & 1;
}
/* Periods are numbered from 1, so a new vCPU (refill_period 0) is credited at once. */
static inline uint64_t csched_period_of(s_time_t now) { return (uint64_t)now / CSCHED_PERIOD + 1; }

/* Over its cap in the current period: not to be run until the next one. */
bool csched_parked(const struct csched_unit *u, s_time_t now);

void csched_rq_insert(struct csched_rq *rq, struct csched_unit *u);
void csched_rq_remove(struct csched_rq *rq, struct csched_unit *u);

/* @u ran for @ran ns until @now: debit credit and the domain's cap budget, end its boost. */
void csched_charge(struct csched_unit *u, s_time_t ran, s_time_t now);
/* @u became runnable on @rq: catch up its credit; a wake from blocking with credit left boosts. */
void csched_wake(struct csched_rq *rq, struct csched_unit *u, bool from_block, s_time_t now);
/* Would @u (just queued) run before @cur (NULL: the CPU idles)? */
bool csched_preempts(const struct csched_unit *u, const struct csched_unit *cur, s_time_t now);

/*
 * Choose what runs next on @cpu: @cur (runnable, or NULL) keeps the CPU while its
 * slice lasts unless a queued vCPU has a better priority; otherwise the best queued
 * eligible vCPU, removed from @rq. NULL: nothing eligible (idle or steal).
 * @cur is never put on @rq here: the caller queues it once its state is saved.
 */
struct csched_unit *csched_pick(struct csched_rq *rq, struct csched_unit *cur, unsigned int cpu,
                                s_time_t now);
/* The vCPU an idle @cpu should take from @victim's queue (not removed), or NULL. */
struct csched_unit *csched_steal_choice(struct csched_rq *victim, unsigned int cpu, s_time_t now);
/* When @cpu must decide again: end of @cur's slice or cap budget, or the period boundary. */
s_time_t csched_next_event(const struct csched_rq *rq, const struct csched_unit *cur, s_time_t now);

#endif
