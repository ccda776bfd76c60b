/* SPDX-License-Identifier: GPL-2.0-only */
/* Interrupt and exception entry: one 16-byte stub per vector, one common path to do_trap(). */
#include <asm/layout.h>
#include <asm/boot-defs.h>
#include <asm/regs.h>

        .macro SAVE_GPRS
        push    %rdi
        push    %rsi
        push    %rdx
        push    %rcx
        push    %rax
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        .endm

        .macro RESTORE_GPRS
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rax
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
        .endm

/* %rax = this CPU's guest frame (&cpu_info->guest_regs), computed from %rsp. */
        .macro GUEST_FRAME_ADDR
        mov     %rsp, %rax
        or      $(STACK_SIZE - 1), %rax
        add     $(1 - CPUINFO_SIZE + CPUINFO_guest_regs), %rax
        .endm

/*
 * Register contract at common_trap:
 *   the hardware frame (ss, rsp, rflags, cs, rip) is on the stack, under it one
 *   quadword: error code (low half; 0 when the CPU pushes none) and the vector
 *   number (high half). We push the GPRs to complete struct cpu_user_regs
 *   (asm/regs.h) and pass its address to do_trap(). All registers are restored.
 */


        .text
        .balign 16
        .globl trap_stubs
trap_stubs:
        .set    vec, 0
        .rept   256
        .balign 16
        .set    errcode, 0                  /* does the CPU push an error code for vec? */
        .if     vec < 32
        .set    errcode, (EXC_HAS_ERRCODE_MASK >> vec) & 1
        .endif
        .if     errcode == 0
        push    $0
        .endif
        movl    $vec, 4(%rsp)
        .if     vec == 1
        jmp     db_ist_entry
        .else
        jmp     common_trap
        .endif
        .set    vec, vec + 1
        .endr

/*
 * #DB arrives on its own IST stack: after a MOV SS/POP SS that hit a guest watchpoint
 * the CPU delivers it at the first instruction of the SYSCALL stub, still on the
 * guest's %rsp (CVE-2018-8897). In the hypervisor it is handled there; from a guest the
 * frame moves to guest_regs, where every other guest exception lands, and continues as one.
 */
db_ist_entry:
        testb   $3, 16(%rsp)                /* the interrupted cs */
        jz      common_trap
        push    %rax
        push    %rcx
        GUEST_FRAME_ADDR
        add     $UREGS_error_code, %rax
        .irp    off, 0, 8, 16, 24, 32, 40   /* error code/vector, rip, cs, rflags, rsp, ss */
        mov     16+\off(%rsp), %rcx
        mov     %rcx, \off(%rax)
        .endr
        pop     %rcx
        xchg    %rax, (%rsp)
        pop     %rsp                        /* onto the guest frame */
        jmp     common_trap

common_trap:
        SAVE_GPRS
        cld
        mov     %rsp, %rdi
        /* Frame pointer chain continues through the interrupted code for backtraces. */
        mov     %rsp, %rbp
        call    do_trap
        /* A guest interrupted on the normal stack leaves through the exit path; IST entries do not. */
        testb   $3, UREGS_cs(%rsp)
        jz      1f
        GUEST_FRAME_ADDR
        cmp     %rax, %rsp
        je      ret_to_guest
1:      RESTORE_GPRS
        add     $8, %rsp
        iretq

/*
 * SYSCALL from a guest, via this CPU's stub (arch/x86/syscall.c): %rsp points at
 * [guest rsp, ss slot] at the top of guest_regs, guest %rax is in cpu_info's scratch,
 * %rcx/%r11 hold the guest rip/rflags. Interrupts are off (SYSCALL_MASK).
 */
        .macro SYSCALL_ENTRY vector
        push    %r11
        push    $0
        push    %rcx
        push    $0
        movl    $\vector, 4(%rsp)
        SAVE_GPRS
        cld
        mov     (CPUINFO_syscall_scratch - CPUINFO_guest_regs)(%rsp), %rax
        mov     %rax, UREGS_rax(%rsp)
        mov     %rsp, %rdi
        xor     %ebp, %ebp
        call    pv_syscall_entry
        jmp     ret_to_guest
        .endm

        .globl syscall_enter, syscall32_enter
syscall_enter:
        SYSCALL_ENTRY TRAP_syscall
syscall32_enter:
        SYSCALL_ENTRY TRAP_syscall32

/*
 * Every return to a guest. %rsp = &cpu_info->guest_regs, a complete frame.
 * pv_exit_to_guest() runs softirqs and delivers events; it returns with interrupts off.
 */
        .globl ret_to_guest
ret_to_guest:
        cli
        mov     %rsp, %rdi
        xor     %ebp, %ebp
        call    pv_exit_to_guest
        RESTORE_GPRS
        add     $8, %rsp
1:      iretq
        /* iretq faults only on a frame the checks let through: the domain is crashed. */
        .pushsection .fixup, "ax"
2:      GUEST_FRAME_ADDR
        mov     %rax, %rsp
        mov     %rax, %rdi
        call    pv_iret_fault
        .popsection
        .pushsection .ex_table, "a"
        .balign 4
        .long   1b - .
        .long   2b - .
        .popsection

/* Discard this stack and continue at @fn (%rsi) with %rsp = guest frame (%rdi). */
        .globl reset_stack_and_jump_to
reset_stack_and_jump_to:
        mov     %rdi, %rsp
        xor     %ebp, %ebp
        jmp     *%rsi
