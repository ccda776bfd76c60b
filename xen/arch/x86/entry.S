/* SPDX-License-Identifier: GPL-2.0-only */
/* Interrupt and exception entry: one 16-byte stub per vector, one common path to do_trap(). */
#include <asm/layout.h>

/*
 * Register contract at common_trap:
 *   the hardware frame (ss, rsp, rflags, cs, rip) is on the stack, under it one
 *   quadword: error code (low half; 0 when the CPU pushes none) and the vector
 *   number (high half). We push the GPRs to complete struct cpu_user_regs
 *   (asm/regs.h) and pass its address to do_trap(). All registers are restored.
 */

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERRCODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

        .text
        .balign 16
        .globl trap_stubs
trap_stubs:
        .set    vec, 0
        .rept   256
        .balign 16
        .if     HAS_ERRCODE(vec)
        .else
        push    $0
        .endif
        movl    $vec, 4(%rsp)
        jmp     common_trap
        .set    vec, vec + 1
        .endr

common_trap:
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
        cld
        mov     %rsp, %rdi
        /* Frame pointer chain continues through the interrupted code for backtraces. */
        mov     %rsp, %rbp
        call    do_trap
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
        add     $8, %rsp
        iretq
