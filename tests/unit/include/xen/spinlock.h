/* SPDX-License-Identifier: GPL-2.0-only */
/* Host build: single-threaded tests need no locks, and cli/sti would fault in user space. */
#ifndef XEN_SPINLOCK_H
#define XEN_SPINLOCK_H

#include <xen/types.h>

typedef struct { int held; } spinlock_t;
#define SPIN_LOCK_UNLOCKED { 0 }
#define DEFINE_SPINLOCK(l) spinlock_t l = SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l) { l->held = 0; }
static inline void spin_lock(spinlock_t *l) { l->held = 1; }
static inline bool spin_trylock(spinlock_t *l) { return !l->held && (l->held = 1); }
static inline void spin_unlock(spinlock_t *l) { l->held = 0; }
static inline bool spin_is_locked(const spinlock_t *l) { return l->held; }
static inline unsigned long spin_lock_irqsave(spinlock_t *l) { spin_lock(l); return 0; }
static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long f) { spin_unlock(l); }

#endif
