/* SPDX-License-Identifier: GPL-2.0-only */
/* Software interrupt `int $0x80` through a DPL-3 trap-table entry, from guest kernel and user mode. */
#include "guest.h"

const char test_title[] = "int $0x80 through the trap table";

static volatile unsigned int hits;
static volatile uint64_t seen_rip, seen_cs, seen_rax;

static bool on_int80(struct exc_frame *f)
{
    if (f->rax == 0x5553)
        return false; /* the runtime's user-return gate */
    hits++;
    seen_rip = f->rip;
    seen_cs = f->cs;
    seen_rax = f->rax;
    f->rax = 0xc0ffee;
    return true;
}

static volatile uint64_t user_rax, user_after;

static void user_fn(void)
{
    uint64_t rax = 0x1234, after;

    asm volatile("int $0x80\n1: lea 1b(%%rip), %1" : "+a"(rax), "=r"(after));
    user_rax = rax;
    user_after = after;
}

void test_main(void)
{
    trap_set_handler(0x80, on_int80);

    uint64_t rax = 0x4242, after;
    asm volatile("int $0x80\n1: lea 1b(%%rip), %1" : "+a"(rax), "=r"(after));
    check(hits == 1, "kernel int $0x80 handler ran %u times", hits);
    check(seen_rip == after, "kernel int $0x80 frame rip %#lx, want %#lx", seen_rip, after);
    check((seen_cs & 3) == 0, "kernel int $0x80 frame CS %#lx not kernel", seen_cs);
    check(seen_rax == 0x4242, "rax in frame %#lx", seen_rax);
    check(rax == 0xc0ffee, "handler's rax not returned (%#lx)", rax);

    run_in_user(user_fn);
    check(hits == 2, "user int $0x80 handler ran %u times", hits);
    check(seen_rip == user_after, "user int $0x80 frame rip %#lx, want %#lx", seen_rip, user_after);
    check((seen_cs & 3) == 3, "user int $0x80 frame CS %#lx not RPL 3", seen_cs);
    check(seen_rax == 0x1234 && user_rax == 0xc0ffee, "user rax in %#lx out %#lx", seen_rax, user_rax);
}
