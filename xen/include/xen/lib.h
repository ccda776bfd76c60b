/* SPDX-License-Identifier: GPL-2.0-only */
/* printk, panic, assertions and the formatting routines every file uses. */
#ifndef XEN_LIB_H
#define XEN_LIB_H

#include <xen/compiler.h>
#include <xen/types.h>
#include <xen/string.h>

/* Log levels, Xen's order: lower is more important. */
#define LOG_ERR     0
#define LOG_WARNING 1
#define LOG_INFO    2
#define LOG_DEBUG   3
#define XENLOG_ERR      "<0>"
#define XENLOG_WARNING  "<1>"
#define XENLOG_INFO     "<2>"
#define XENLOG_DEBUG    "<3>"

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list args);
void __noreturn panic(const char *fmt, ...) __printf(1, 2);
void __noreturn __bug(const char *file, int line, const char *cond);

#define BUG()           __bug(__FILE__, __LINE__, NULL)
#define BUG_ON(c)       do { if (unlikely(c)) __bug(__FILE__, __LINE__, #c); } while (0)
#define ASSERT(c)       BUG_ON(!(c))
#define BUILD_BUG_ON(c) _Static_assert(!(c), #c)

/* Symbol lookup for backtraces; returns NULL when the address is not in the image. */
const char *symbol_lookup(unsigned long addr, unsigned long *offset, unsigned long *size);

#endif
