/* SPDX-License-Identifier: GPL-2.0-only */
/* Hypercall handlers: one table in common/hypercall.c; handlers are do_<name>. */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include <xen/types.h>
#include <public/xen.h>

/* A preempted hypercall asks to be re-issued: the dispatcher rewinds the guest's rip. */
#define ERESTART_INTERNAL 1000
/* Store new argument values (nr unchanged) and return -ERESTART_INTERNAL from the handler. */
/* Fill a guest page with the 128 32-byte hypercall stubs (builder, and MSR 0x40000000). */
void write_hypercall_page(uint8_t *p);

long hypercall_create_continuation(unsigned int nargs, ...);
bool hypercall_preempt_check(void);
/* Run hypercall @nr with the table's permission check (dispatcher and multicall). */
long hypercall_invoke(unsigned long nr, const unsigned long args[6]);
/* While set, continuations store their arguments into @args (a multicall entry's). */
void hypercall_set_multicall_args(unsigned long *args);

long do_set_trap_table(unsigned long traps);
long do_stack_switch(unsigned long ss, unsigned long esp);
long do_set_callbacks(unsigned long event, unsigned long failsafe, unsigned long syscall);
long do_fpu_taskswitch(int set);
long do_xen_version(int cmd, unsigned long arg);
long do_console_io(int cmd, unsigned int count, unsigned long buffer);
long do_vm_assist(unsigned int cmd, unsigned int type);
long do_iret(void);
long do_set_segment_base(unsigned int which, unsigned long base);
long do_sched_op(int cmd, unsigned long arg);
long do_callback_op(int cmd, unsigned long arg);
long do_set_gdt(unsigned long frame_list, unsigned int entries);
long do_update_descriptor(uint64_t maddr, uint64_t desc);
long do_set_debugreg(int reg, unsigned long value);
long do_get_debugreg(int reg);
long do_physdev_op(int cmd, unsigned long arg);
long do_platform_op(unsigned long arg);
long do_set_timer_op(int64_t timeout);
long do_event_channel_op(int cmd, unsigned long arg);
long do_vcpu_op(int cmd, unsigned int vcpuid, unsigned long arg);
long do_mmu_update(unsigned long ureqs, unsigned int count, unsigned long pdone, unsigned int foreigndom);
long do_mmuext_op(unsigned long uops, unsigned int count, unsigned long pdone, unsigned int foreigndom);
long do_update_va_mapping(unsigned long va, uint64_t val, unsigned long flags);
long do_update_va_mapping_otherdomain(unsigned long va, uint64_t val, unsigned long flags, domid_t domid);
long do_multicall(unsigned long call_list, unsigned int nr_calls);
long do_memory_op(unsigned long cmd, unsigned long arg);
long do_domctl(unsigned long arg);
long do_sysctl(unsigned long arg);
long memory_exchange(unsigned long arg);       /* XENMEM_exchange (common/memory_exchange.c) */
long do_grant_table_op(unsigned int cmd, unsigned long uop, unsigned int count);

#endif
