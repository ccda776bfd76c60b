/* SPDX-License-Identifier: GPL-2.0-only */
/* A user-mode syscall reaches the registered syscall callback in kernel mode with the frame
 * [rcx r11 rip cs rflags rsp ss] on the kernel stack, and iret(VGCF_in_syscall) returns to user. */
#include "guest.h"

const char test_title[] = "user syscall bounced to the syscall callback";

volatile uint64_t sc_frame[7];
volatile uint32_t sc_hits;

void sc_entry(void);
asm(".pushsection .text\n"
    "sc_entry:\n"
    "    push %rdi\n"
    "    push %rsi\n"
    "    push %rcx\n"
    "    lea 24(%rsp), %rsi\n"           /* the bounce frame */
    "    lea sc_frame(%rip), %rdi\n"
    "    mov $7, %ecx\n"
    "    rep movsq\n"
    "    pop %rcx\n"
    "    pop %rsi\n"
    "    pop %rdi\n"
    "    incl sc_hits(%rip)\n"
    "    jmp syscall_return_to_user\n"
    ".popsection\n");

static volatile uint64_t user_rax, user_after, user_rsp;

static void user_fn(void)
{
    uint64_t rax = 0x5ca11, after, sp;

    asm volatile("mov %%rsp, %2\n"
                 "syscall\n"
                 "1: lea 1b(%%rip), %1"
                 : "+a"(rax), "=r"(after), "=r"(sp) :: "rcx", "r11", "memory");
    user_rax = rax;
    user_after = after;
    user_rsp = sp;
}

void test_main(void)
{
    struct callback_register cb = { .type = CALLBACKTYPE_syscall, .address = (uint64_t)sc_entry };
    check_rc(hc_callback_op(CALLBACKOP_register, &cb), 0);

    run_in_user(user_fn);
    check(sc_hits == 1, "syscall callback ran %u times", sc_hits);
    check(sc_frame[0] == user_after, "frame rcx %#lx, want the return rip %#lx", sc_frame[0], user_after);
    check(sc_frame[2] == user_after, "frame rip %#lx, want %#lx", sc_frame[2], user_after);
    check((sc_frame[3] & 3) == 3, "frame CS %#lx is not a user selector", sc_frame[3]);
    check(sc_frame[5] == user_rsp, "frame rsp %#lx, want the user rsp %#lx", sc_frame[5], user_rsp);
    check((sc_frame[6] & 3) == 3, "frame SS %#lx is not a user selector", sc_frame[6]);
    check(user_rax == 0x5ca11, "rax after the round trip %#lx", user_rax);

    run_in_user(user_fn);               /* a second round trip: nothing left behind */
    check(sc_hits == 2, "second syscall: callback ran %u times", sc_hits);
}
