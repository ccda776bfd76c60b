/* SPDX-License-Identifier: GPL-2.0-only */
/* Hypervisor command-line options, declared next to the code that uses them. */
#ifndef XEN_PARAM_H
#define XEN_PARAM_H

#include <xen/compiler.h>
#include <xen/types.h>

enum param_type { PARAM_BOOL, PARAM_UINT, PARAM_SIZE, PARAM_STRING, PARAM_CUSTOM };

struct kernel_param {
    const char *name;
    enum param_type type;
    unsigned int len;               /* size of the variable / string buffer */
    union {
        void *var;
        int (*func)(const char *value);   /* 0, or -errno with the default kept */
    } par;
};

#define __param(nm, t, l, member, v)                                           \
    static const struct kernel_param __used __aligned(8) __section(".init.setup") \
        __param_##v = { .name = nm, .type = t, .len = l, .par.member = v }
#define __param_var(nm, t, v_)                                                 \
    static const struct kernel_param __used __aligned(8) __section(".init.setup") \
        __param_##v_ = { .name = nm, .type = t, .len = sizeof(v_), .par.var = &v_ }

#define boolean_param(nm, v_)   __param_var(nm, PARAM_BOOL, v_)
#define integer_param(nm, v_)   __param_var(nm, PARAM_UINT, v_)
#define size_param(nm, v_)      __param_var(nm, PARAM_SIZE, v_)
#define string_param(nm, v_)    __param_var(nm, PARAM_STRING, v_)
#define custom_param(nm, fn)    __param(nm, PARAM_CUSTOM, 0, func, fn)

/* Parse @cmdline against the table [start, end). Warnings go through printk. */
void cmdline_parse(const char *cmdline, const struct kernel_param *start,
                   const struct kernel_param *end);

/* "512M", "4G", "1024K", "123" (KiB when no unit, as Xen); *end past the number. */
unsigned long long parse_size_and_unit(const char *s, const char **end);
/* yes/no/on/off/true/false/enable/disable/1/0: 1, 0, or -1 when none. */
int parse_bool(const char *s, const char *end);

#endif
