/* SPDX-License-Identifier: GPL-2.0-only */
/* Compiler attributes and helpers; force-included into every hypervisor object. */
#ifndef XEN_COMPILER_H
#define XEN_COMPILER_H

#ifndef __ASSEMBLY__
#pragma GCC visibility push(hidden)     /* PIE code without a GOT: every symbol is local */
#endif

#define __packed            __attribute__((packed))
#define __aligned(n)        __attribute__((aligned(n)))
#define __section(s)        __attribute__((section(s)))
#define __used              __attribute__((used))
#define __unused            __attribute__((unused))
#define __noreturn          __attribute__((noreturn))
#define __printf(a, b)      __attribute__((format(printf, a, b)))
#define __always_inline     inline __attribute__((always_inline))
#define noinline            __attribute__((noinline))
#define likely(x)           __builtin_expect(!!(x), 1)
#define unlikely(x)         __builtin_expect(!!(x), 0)
#define barrier()           __asm__ volatile("" ::: "memory")
#define ACCESS_ONCE(x)      (*(volatile __typeof__(x) *)&(x))
#define READ_ONCE(x)        ACCESS_ONCE(x)
#define WRITE_ONCE(x, v)    (ACCESS_ONCE(x) = (v))

#define __stringify_1(x)    #x
#define __stringify(x)      __stringify_1(x)

#endif
