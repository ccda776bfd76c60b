/* SPDX-License-Identifier: GPL-2.0-only */
/* What Debian's <libfdt.h> expects from its environment, for the freestanding hypervisor build. */
#ifndef XEN_LIBFDT_ENV_H
#define XEN_LIBFDT_ENV_H

/* Found before the system's libfdt_env.h (which needs libc headers) by -Iinclude/libfdt-env. */
#include <xen/types.h>
#include <xen/string.h>

#define INT_MAX     __INT_MAX__
#define UINT_MAX    (__INT_MAX__ * 2u + 1u)

typedef uint16_t fdt16_t;               /* big-endian on the wire */
typedef uint32_t fdt32_t;
typedef uint64_t fdt64_t;

static inline uint16_t fdt16_to_cpu(fdt16_t x) { return __builtin_bswap16(x); }
static inline fdt16_t cpu_to_fdt16(uint16_t x) { return __builtin_bswap16(x); }
static inline uint32_t fdt32_to_cpu(fdt32_t x) { return __builtin_bswap32(x); }
static inline fdt32_t cpu_to_fdt32(uint32_t x) { return __builtin_bswap32(x); }
static inline uint64_t fdt64_to_cpu(fdt64_t x) { return __builtin_bswap64(x); }
static inline fdt64_t cpu_to_fdt64(uint64_t x) { return __builtin_bswap64(x); }

#endif
