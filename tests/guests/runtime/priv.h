/* SPDX-License-Identifier: GPL-2.0-only */
/* Privileged instructions for tests: each probe returns 0, or 0x100 | vector if it faulted (see probe_read). */
#ifndef GUEST_PRIV_H
#define GUEST_PRIV_H

#include "guest.h"

#define PRIV_EXTABLE ".pushsection .extable, \"a\"\n.quad 1b, 2b\n.popsection\n"
#define PRIV_FAULTED(before) \
    (last_trap.count != (before) ? 0x100 | (unsigned int)last_trap.vector : 0)

struct cpuid_res {
    uint32_t a, b, c, d;
};

/* CPUID through Xen's forced-emulation prefix (ud2; .ascii "xen"; cpuid). */
static inline struct cpuid_res xen_cpuid(uint32_t leaf, uint32_t sub)
{
    struct cpuid_res r;
    asm volatile(".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e; cpuid"
                 : "=a"(r.a), "=b"(r.b), "=c"(r.c), "=d"(r.d)
                 : "a"(leaf), "c"(sub));
    return r;
}

static inline unsigned int probe_rdmsr(uint32_t msr, uint64_t *val)
{
    uint64_t before = last_trap.count;
    uint32_t lo = 0, hi = 0;
    asm volatile("1: rdmsr\n2:\n" PRIV_EXTABLE : "+a"(lo), "+d"(hi) : "c"(msr) : "memory");
    *val = ((uint64_t)hi << 32) | lo;
    return PRIV_FAULTED(before);
}

static inline unsigned int probe_wrmsr(uint32_t msr, uint64_t val)
{
    uint64_t before = last_trap.count;
    asm volatile("1: wrmsr\n2:\n" PRIV_EXTABLE ::"c"(msr), "a"((uint32_t)val),
                 "d"((uint32_t)(val >> 32))
                 : "memory");
    return PRIV_FAULTED(before);
}

#define PROBE_READ_CR(n)                                                              \
    static inline unsigned int probe_read_cr##n(uint64_t *val)                        \
    {                                                                                 \
        uint64_t before = last_trap.count, v = 0;                                     \
        asm volatile("1: mov %%cr" #n ", %0\n2:\n" PRIV_EXTABLE : "+r"(v)::"memory"); \
        *val = v;                                                                     \
        return PRIV_FAULTED(before);                                                  \
    }
PROBE_READ_CR(0)
PROBE_READ_CR(2)
PROBE_READ_CR(3)
PROBE_READ_CR(4)

static inline unsigned int probe_inb(uint16_t port, uint8_t *val)
{
    uint64_t before = last_trap.count;
    uint8_t v = 0;
    asm volatile("1: inb %w1, %b0\n2:\n" PRIV_EXTABLE : "+a"(v) : "Nd"(port) : "memory");
    *val = v;
    return PRIV_FAULTED(before);
}

static inline unsigned int probe_outb(uint16_t port, uint8_t val)
{
    uint64_t before = last_trap.count;
    asm volatile("1: outb %b0, %w1\n2:\n" PRIV_EXTABLE ::"a"(val), "Nd"(port) : "memory");
    return PRIV_FAULTED(before);
}

/* Load @sel into %ds (then null again). */
static inline unsigned int probe_load_ds(uint16_t sel)
{
    uint64_t before = last_trap.count;
    asm volatile("1: mov %w0, %%ds\n2:\n" PRIV_EXTABLE ::"r"(sel) : "memory");
    asm volatile("mov %w0, %%ds" ::"r"(0));
    return PRIV_FAULTED(before);
}

#endif
