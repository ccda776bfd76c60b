/* SPDX-License-Identifier: GPL-2.0-only */
/* CPU sets, bring-up and cross-CPU calls. */
#ifndef XEN_SMP_H
#define XEN_SMP_H

#include <xen/config.h>
#include <xen/types.h>
#include <asm/current.h>

typedef struct { unsigned long bits[NR_CPUS / 64]; } cpumask_t;

static inline void cpumask_set_cpu(unsigned int c, cpumask_t *m)
{ __atomic_fetch_or(&m->bits[c / 64], 1UL << (c % 64), __ATOMIC_SEQ_CST); }
static inline void cpumask_clear_cpu(unsigned int c, cpumask_t *m)
{ __atomic_fetch_and(&m->bits[c / 64], ~(1UL << (c % 64)), __ATOMIC_SEQ_CST); }
static inline bool cpumask_test_cpu(unsigned int c, const cpumask_t *m)
{ return (__atomic_load_n(&m->bits[c / 64], __ATOMIC_SEQ_CST) >> (c % 64)) & 1; }
static inline unsigned int cpumask_weight(const cpumask_t *m)
{
    unsigned int w = 0;
    for (unsigned i = 0; i < NR_CPUS / 64; i++)     /* no libgcc: count bits by hand */
        for (unsigned long b = __atomic_load_n(&m->bits[i], __ATOMIC_SEQ_CST); b; b &= b - 1)
            w++;
    return w;
}
static inline bool cpumask_empty(const cpumask_t *m) { return cpumask_weight(m) == 0; }
#define for_each_cpu(c, m) \
    for ((c) = 0; (c) < NR_CPUS; (c)++) if (cpumask_test_cpu((c), (m)))

extern cpumask_t cpu_online_map;
extern unsigned int nr_cpu_ids;             /* CPUs found in the MADT */
extern uint32_t cpu_to_apicid[NR_CPUS];
#define num_online_cpus() cpumask_weight(&cpu_online_map)
#define for_each_online_cpu(c) for_each_cpu(c, &cpu_online_map)

void smp_prepare_cpus(void);                /* boot every CPU the MADT lists */
void smp_ipi_init(void);                    /* IPI vector handlers (smp_prepare_cpus calls it) */

/* Run @fn(@info) on every CPU in @mask (including this one if set); @wait for completion. */
void on_selected_cpus(const cpumask_t *mask, void (*fn)(void *), void *info, bool wait);
/* ... on every online CPU except this one. */
void smp_call_function(void (*fn)(void *), void *info, bool wait);
void flush_tlb_mask(const cpumask_t *mask); /* full non-global flush on each CPU in @mask */
void flush_tlb_local(void);
/* Wake @cpu with EVENT_CHECK_VECTOR so its idle loop runs pending softirqs. */
void smp_send_event_check(unsigned int cpu);

void __noreturn idle_loop(void);

#endif
