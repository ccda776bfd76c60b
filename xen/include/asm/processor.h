/* SPDX-License-Identifier: GPL-2.0-only */
/* CPU instructions as C: CPUID, MSRs, control registers, TSC, interrupt flag. */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#include <xen/types.h>
#include <asm/boot-defs.h>

struct cpuid_regs { uint32_t a, b, c, d; };

static inline struct cpuid_regs cpuid_count(uint32_t leaf, uint32_t sub)
{
    struct cpuid_regs r;
    __asm__ volatile("cpuid" : "=a"(r.a), "=b"(r.b), "=c"(r.c), "=d"(r.d) : "a"(leaf), "c"(sub));
    return r;
}
static inline struct cpuid_regs cpuid(uint32_t leaf) { return cpuid_count(leaf, 0); }

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return lo | ((uint64_t)hi << 32);
}
static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" :: "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return lo | ((uint64_t)hi << 32);
}
/* Ordered TSC read: no earlier load may pass it. */
static inline uint64_t rdtsc_ordered(void)
{
    __asm__ volatile("lfence" ::: "memory");
    return rdtsc();
}

#define DEFINE_CR(n) \
    static inline unsigned long read_cr##n(void) { unsigned long v; __asm__ volatile("mov %%cr" #n ", %0" : "=r"(v)); return v; } \
    static inline void write_cr##n(unsigned long v) { __asm__ volatile("mov %0, %%cr" #n :: "r"(v) : "memory"); }
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline void cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }
static inline void local_irq_disable(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void local_irq_enable(void) { __asm__ volatile("sti" ::: "memory"); }
static inline unsigned long local_save_flags(void)
{
    unsigned long f;
    __asm__ volatile("pushf; pop %0" : "=r"(f) :: "memory");
    return f;
}
static inline unsigned long local_irq_save(void)
{
    unsigned long f = local_save_flags();
    local_irq_disable();
    return f;
}
static inline void local_irq_restore(unsigned long f)
{
    __asm__ volatile("push %0; popf" :: "r"(f) : "memory", "cc");
}
static inline bool local_irq_is_enabled(void) { return local_save_flags() & 0x200; }
static inline void halt(void) { __asm__ volatile("hlt" ::: "memory"); }
/* sti;hlt: the one-instruction window means no wakeup is lost between the check and the halt. */
static inline void safe_halt(void) { __asm__ volatile("sti; hlt" ::: "memory"); }

static inline bool cpu_has(uint32_t leaf, int reg, int bit)
{
    struct cpuid_regs r = cpuid(leaf);
    uint32_t v = reg == 0 ? r.a : reg == 1 ? r.b : reg == 2 ? r.c : r.d;
    return (v >> bit) & 1;
}
#define CPUID_ECX 2
#define CPUID_EDX 3
#define cpu_has_x2apic()        cpu_has(1, CPUID_ECX, 21)
#define cpu_has_tsc_deadline()  cpu_has(1, CPUID_ECX, 24)
#define cpu_has_pdpe1gb()       (cpuid(0x80000000).a >= 0x80000001 && cpu_has(0x80000001, CPUID_EDX, 26))
#define cpu_has_smep()          (cpuid(0).a >= 7 && (cpuid_count(7, 0).b & (1u << 7)))
#define cpu_has_nx()            (cpuid(0x80000000).a >= 0x80000001 && cpu_has(0x80000001, CPUID_EDX, 20))
#define cpu_has_invariant_tsc() (cpuid(0x80000000).a >= 0x80000007 && cpu_has(0x80000007, CPUID_EDX, 8))

#endif
