/* SPDX-License-Identifier: GPL-2.0-only */
/* Compile-time proof that the offsets assembly uses match the C structures. */
#include <xen/lib.h>
#include <asm/current.h>

BUILD_BUG_ON(offsetof(struct cpu_user_regs, rax) != UREGS_rax);
BUILD_BUG_ON(offsetof(struct cpu_user_regs, error_code) != UREGS_error_code);
BUILD_BUG_ON(offsetof(struct cpu_user_regs, rip) != UREGS_rip);
BUILD_BUG_ON(offsetof(struct cpu_user_regs, cs) != UREGS_cs);
BUILD_BUG_ON(offsetof(struct cpu_user_regs, rflags) != UREGS_rflags);
BUILD_BUG_ON(offsetof(struct cpu_user_regs, rsp) != UREGS_rsp);
BUILD_BUG_ON(offsetof(struct cpu_user_regs, ss) != UREGS_ss);
BUILD_BUG_ON(sizeof(struct cpu_user_regs) != UREGS_size);
BUILD_BUG_ON(offsetof(struct cpu_info, guest_regs) != CPUINFO_guest_regs);
BUILD_BUG_ON(offsetof(struct cpu_info, syscall_scratch) != CPUINFO_syscall_scratch);
