/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time registration: command-line parameters and init calls, collected by the linker. */
#ifndef XEN_INIT_H
#define XEN_INIT_H

#include <xen/compiler.h>

#define __init
#define __initdata

typedef int (*initcall_t)(void);
#define __initcall(fn) \
    static const initcall_t __initcall_##fn __used __section(".initcall") = (fn)

#endif
