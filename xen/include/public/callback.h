/* SPDX-License-Identifier: MIT */
/* Xen guest entry points: callback_op(cmd, arg) registration. */
#ifndef XEN_PUBLIC_CALLBACK_H
#define XEN_PUBLIC_CALLBACK_H

#include "xen.h"

#define CALLBACKTYPE_event               0
#define CALLBACKTYPE_failsafe            1
#define CALLBACKTYPE_syscall             2 /* 64-bit user syscall */
#define CALLBACKTYPE_sysenter_deprecated 3
#define CALLBACKTYPE_nmi                 4
#define CALLBACKTYPE_sysenter            5 /* 32-bit compat sysenter */
#define CALLBACKTYPE_syscall32           7 /* 32-bit compat syscall */

#define CALLBACKF_mask_events (1 << 0) /* mask events while in the callback */

#define CALLBACKOP_register   0 /* struct callback_register */
#define CALLBACKOP_unregister 1 /* struct callback_unregister */

#ifndef __ASSEMBLY__

struct callback_register {
    uint16_t type;          /* IN: CALLBACKTYPE_* */
    uint16_t flags;         /* IN: CALLBACKF_* */
    xen_callback_t address; /* IN */
};

struct callback_unregister {
    uint16_t type; /* IN */
    uint16_t _unused;
};

#endif

#endif
