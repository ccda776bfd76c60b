/* SPDX-License-Identifier: GPL-2.0-only */
/* Exception, event and user-return entry stubs; all exits go through the iret hypercall. */

/*
 * Xen bounces to a handler with %rsp at { rcx, r11, [error], rip, cs,
 * rflags, rsp, ss }. Each stub pops rcx/r11, makes the error slot
 * uniform, pushes the vector and all GPRs (struct exc_frame in
 * guest.h), calls the C dispatcher with the frame, then leaves through
 * the iret hypercall, which needs { rax, r11, rcx, flags, rip, cs,
 * rflags, rsp, ss } at %rsp.
 */

.macro save_all
    push %rax
    push %rbx
    push %rcx
    push %rdx
    push %rsi
    push %rdi
    push %rbp
    push %r8
    push %r9
    push %r10
    push %r11
    push %r12
    push %r13
    push %r14
    push %r15
.endm

.macro restore_all
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %r11
    pop %r10
    pop %r9
    pop %r8
    pop %rbp
    pop %rdi
    pop %rsi
    pop %rdx
    pop %rcx
    pop %rbx
    pop %rax
.endm

.macro trap_stub vec, has_err
    .globl trap_entry_\vec
trap_entry_\vec:
    pop %rcx
    pop %r11
    .if \has_err == 0
    push $0
    .endif
    push $\vec
    jmp trap_common
.endm

    .text
    trap_stub 0, 0
    trap_stub 1, 0
    trap_stub 2, 0
    trap_stub 3, 0
    trap_stub 4, 0
    trap_stub 5, 0
    trap_stub 6, 0
    trap_stub 7, 0
    trap_stub 8, 1
    trap_stub 10, 1
    trap_stub 11, 1
    trap_stub 12, 1
    trap_stub 13, 1
    trap_stub 14, 1
    trap_stub 16, 0
    trap_stub 17, 1
    trap_stub 18, 0
    trap_stub 19, 0
    trap_stub 20, 0
    trap_stub 128, 0

    .globl event_entry
event_entry:
    pop %rcx
    pop %r11
    push $0
    push $256                   /* pseudo vector: event upcall */
    jmp trap_common

    .globl failsafe_entry
failsafe_entry:
    /* { rcx, r11, ds, es, fs, gs, rip, cs, rflags, rsp, ss } */
    pop %rcx
    pop %r11
    add $32, %rsp
    push $0
    push $257                   /* pseudo vector: failsafe callback */
    jmp trap_common

trap_common:
    save_all
    mov %rsp, %rdi
    call trap_dispatch
    restore_all
    add $16, %rsp               /* vector, error code */
    .globl iret_to_guest
iret_to_guest:
    push $0                     /* flags */
    push %rcx
    push %r11
    push %rax
    mov $23, %eax               /* __HYPERVISOR_iret */
    syscall
    ud2

/*
 * long user_call(void (*fn)(void), uint64_t user_rsp)
 * Runs fn in guest user mode on user_rsp. fn ends by `int $0x80`
 * through user_trampoline; the dispatcher sends us back to
 * user_call_return on the saved kernel stack.
 */
    .globl user_call
user_call:
    push %rbx
    push %rbp
    push %r12
    push %r13
    push %r14
    push %r15
    mov %rsp, user_saved_rsp(%rip)
    mov %rdi, %rbx              /* survives the iret hypercall */
    /* iret frame for user mode, IF clear: events stay masked. */
    push $0xe02b                /* FLAT_USER_SS */
    push %rsi                   /* rsp */
    push $0x2                   /* rflags */
    push $0xe033                /* FLAT_USER_CS, RPL 3 */
    lea user_trampoline(%rip), %rax
    push %rax                   /* rip */
    push $0                     /* flags */
    push $0                     /* rcx */
    push $0                     /* r11 */
    push $0                     /* rax */
    mov $23, %eax
    syscall
    ud2

user_trampoline:
    call *%rbx
    mov $0x5553, %eax           /* "US": user call finished */
    int $0x80
    ud2

    .globl user_call_return
user_call_return:
    mov user_saved_rsp(%rip), %rsp
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbp
    pop %rbx
    ret

    .data
    .globl user_saved_rsp
user_saved_rsp:
    .quad 0

    .section .note.GNU-stack, "", @progbits
