/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-CPU variables: one copy of .data.percpu per CPU. They must be zero-initialised. */
#ifndef XEN_PERCPU_H
#define XEN_PERCPU_H

#include <xen/config.h>
#include <xen/compiler.h>
#include <asm/current.h>

#define DEFINE_PER_CPU(type, name) \
    __section(".data.percpu") __typeof__(type) per_cpu__##name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) per_cpu__##name

/* CPU 0 uses the section itself (offset 0); others get a zeroed copy. */
extern unsigned long __per_cpu_offset[NR_CPUS];

#define per_cpu(name, cpu) \
    (*(__typeof__(per_cpu__##name) *)((char *)&per_cpu__##name + __per_cpu_offset[cpu]))
#define this_cpu(name) per_cpu(name, smp_processor_id())

#endif
