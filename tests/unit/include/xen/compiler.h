/* SPDX-License-Identifier: GPL-2.0-only */
/* Host build: the hypervisor's compiler.h, without hidden visibility (which would hide libc's symbols). */
#ifndef HOST_XEN_COMPILER_H
#define HOST_XEN_COMPILER_H
#include_next <xen/compiler.h>
#pragma GCC visibility pop
#endif
