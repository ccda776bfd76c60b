/* SPDX-License-Identifier: GPL-2.0-only */
/* PV vCPU state switching: guest kernel/user mode, and moving a physical CPU between vCPUs. */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/pv-priv.h>

#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101


extern const char ret_to_guest[];

void pv_load_page_table(struct vcpu *v)
{
    unsigned long mfn = v->arch.kernel_mode ? v->arch.guest_table : v->arch.guest_table_user;
    write_cr3(mfn << PAGE_SHIFT);
}

void toggle_guest_mode(struct vcpu *v)
{
    /* Keep the outgoing mode's live base: a guest selector load may have changed it (swapgs-like). */
    if (v->arch.kernel_mode)
        v->arch.gs_base_kernel = rdmsr(MSR_GS_BASE);
    else
        v->arch.gs_base_user = rdmsr(MSR_GS_BASE);
    v->arch.kernel_mode = !v->arch.kernel_mode;
    pv_load_page_table(v);
    wrmsr(MSR_GS_BASE, v->arch.kernel_mode ? v->arch.gs_base_kernel : v->arch.gs_base_user);
    if (v->arch.kernel_mode)
        vcpu_runstate_retry(v);         /* the user L4 may not map the runstate area */
}

static void fpu_save(struct vcpu *v)
{
    write_cr0(read_cr0() & ~X86_CR0_TS);
    __asm__ volatile("fxsave64 %0" : "=m"(v->arch.fpu_state));
}

static void fpu_restore(struct vcpu *v)
{
    write_cr0(read_cr0() & ~X86_CR0_TS);
    if (v->arch.fpu_initialised) {
        __asm__ volatile("fxrstor64 %0" :: "m"(v->arch.fpu_state));
    } else {
        uint32_t mxcsr = 0x1f80;        /* the reset state: all SIMD exceptions masked */
        __asm__ volatile("fninit; ldmxcsr %0" :: "m"(mxcsr));
        v->arch.fpu_initialised = true;
    }
    if (v->arch.ctrlreg0_ts)
        write_cr0(read_cr0() | X86_CR0_TS);
}

void context_switch(struct vcpu *prev, struct vcpu *next)
{
    struct cpu_user_regs *frame = guest_cpu_user_regs();

    if (!is_idle_vcpu(prev)) {
        prev->arch.user_regs = *frame;
        pv_save_segments(prev);
        fpu_save(prev);
        vtime_switch_out(prev);         /* while prev's page tables are still loaded */
        sched_context_saved(prev);      /* from here another CPU may load prev */
    }
    current = next;
    if (is_idle_vcpu(next)) {
        pv_load_debugregs(NULL);
        write_cr3(__pa(idle_pg_table));
        if (!is_idle_vcpu(prev))
            __atomic_fetch_sub(&prev->ctxt_loaded, 1, __ATOMIC_RELEASE);    /* vcpu_sleep_sync() */
        reset_stack_and_jump_to(frame, idle_loop);
    }
    *frame = next->arch.user_regs;
    __atomic_fetch_add(&next->ctxt_loaded, 1, __ATOMIC_ACQUIRE);
    pv_load_page_table(next);
    if (!is_idle_vcpu(prev))
        __atomic_fetch_sub(&prev->ctxt_loaded, 1, __ATOMIC_RELEASE);    /* its CR3 is gone */
    pv_load_descriptor_tables(next);
    pv_load_segments(next);     /* before the bases: a selector load resets them */
    wrmsr(MSR_FS_BASE, next->arch.fs_base);
    wrmsr(MSR_GS_BASE, next->arch.kernel_mode ? next->arch.gs_base_kernel : next->arch.gs_base_user);
    fpu_restore(next);
    pv_load_debugregs(next);
    vtime_switch_in(next);
    reset_stack_and_jump_to(frame, (void *)ret_to_guest);
}
