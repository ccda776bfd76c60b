/* SPDX-License-Identifier: GPL-2.0-only */
/* Ticket spinlocks: fair between CPUs, with irq-saving variants. */
#ifndef XEN_SPINLOCK_H
#define XEN_SPINLOCK_H

#include <xen/compiler.h>
#include <asm/processor.h>

typedef struct {
    volatile uint16_t head, tail;
} spinlock_t;

#define SPIN_LOCK_UNLOCKED { 0, 0 }
#define DEFINE_SPINLOCK(l) spinlock_t l = SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l) { l->head = l->tail = 0; }

static inline void spin_lock(spinlock_t *l)
{
    uint16_t me = __atomic_fetch_add(&l->tail, 1, __ATOMIC_ACQUIRE);
    while (__atomic_load_n(&l->head, __ATOMIC_ACQUIRE) != me)
        cpu_relax();
}

static inline bool spin_trylock(spinlock_t *l)
{
    uint16_t h = __atomic_load_n(&l->head, __ATOMIC_RELAXED);
    uint16_t t = h;
    return __atomic_compare_exchange_n(&l->tail, &t, (uint16_t)(h + 1), false,
                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void spin_unlock(spinlock_t *l)
{
    __atomic_store_n(&l->head, (uint16_t)(l->head + 1), __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(const spinlock_t *l) { return l->head != l->tail; }

static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
    unsigned long f = local_irq_save();
    spin_lock(l);
    return f;
}
static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long f)
{
    spin_unlock(l);
    local_irq_restore(f);
}

#endif
