/* SPDX-License-Identifier: GPL-2.0-only */
/* An event left pending by the kernel is delivered as soon as it returns to user mode with events on: the upcall lands on kernel_sp with the user frame (RPL-3 CS). */
#include "guest.h"

const char test_title[] = "event upcall delivered while in user mode";

void user_call_return(void);
extern uint64_t user_saved_rsp;
void user_call_events_on(void (*fn)(void), uint64_t user_rsp);
extern const char user_events_trampoline[];

/* Like the runtime's user_call, but the user iret frame has IF set: events unmasked in user mode. */
asm(".pushsection .text\n"
    ".globl user_call_events_on, user_events_trampoline\n"
    "user_call_events_on:\n"
    "    push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15\n"
    "    mov %rsp, user_saved_rsp(%rip)\n"
    "    mov %rdi, %rbx\n"
    "    push $0xe02b\n"            /* FLAT_USER_SS */
    "    push %rsi\n"
    "    push $0x202\n"             /* IF: the iret hypercall clears the upcall mask */
    "    push $0xe033\n"            /* FLAT_USER_CS */
    "    lea user_events_trampoline(%rip), %rax\n"
    "    push %rax\n"
    "    push $0; push $0; push $0; push $0\n"   /* flags, rcx, r11, rax */
    "    mov $23, %eax\n"
    "    syscall\n"
    "    ud2\n"
    "user_events_trampoline:\n"
    "    call *%rbx\n"
    "    mov $0x5554, %eax\n"
    "    int $0x80\n"
    "    ud2\n"
    ".popsection\n");

static uint8_t user_stack[2 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static volatile unsigned int upcall_hits, spins;
static volatile uint64_t upcall_cs, upcall_rip, upcall_local;
static volatile bool user_started;

static void on_event(evtchn_port_t port)
{
    volatile uint64_t here = 0;
    /* The bounce frame Xen built at the 16-byte aligned kernel_sp: ..., rip, cs, rflags, rsp, ss. */
    const uint64_t *top = (const uint64_t *)(user_kernel_stack + 2 * PAGE_SIZE);

    (void)port;
    upcall_hits++;
    upcall_local = (uint64_t)&here;
    upcall_cs = top[-4];
    upcall_rip = top[-5];
}

/* The user side: the upcall should already have happened on the way in. */
static void user_fn(void)
{
    user_started = true;
    for (unsigned int i = 0; i < 10000000 && !upcall_hits; i++)
        spins++;
}

/* Back from user mode: resume in the kernel after user_call_events_on. */
static bool on_int80(struct exc_frame *f)
{
    if ((f->cs & 3) != 3 || f->rax != 0x5554)
        return false;
    f->rip = (uint64_t)user_call_return;
    f->cs = KERNEL_CS_RPL0;
    f->ss = FLAT_KERNEL_SS & ~3;
    f->rsp = user_saved_rsp;
    f->rflags = 0x2;
    return true;
}

static void noop(void) {}

void test_main(void)
{
    struct evtchn_bind_ipi bi = { .vcpu = 0 };

    run_in_user(noop);      /* sets the runtime's user L4 */
    check_rc(hc_event_channel_op(EVTCHNOP_bind_ipi, &bi), 0);
    evtchn_set_handler(bi.port, on_event);
    evtchn_unmask_local(bi.port);
    trap_set_handler(0x80, on_int80);

    /* Pending while the kernel has events masked: no upcall yet. */
    events_disable();
    struct evtchn_send snd = { .port = bi.port };
    check_rc(hc_event_channel_op(EVTCHNOP_send, &snd), 0);
    check_rc(hc_xen_version(0, 0) > 0, 1);
    check(upcall_hits == 0, "upcall delivered with events masked");
    check(vcpu0()->evtchn_upcall_pending, "upcall_pending not set after send");

    check_rc(hc_stack_switch(FLAT_KERNEL_SS, user_kernel_stack + 2 * PAGE_SIZE), 0);
    user_call_events_on(user_fn, (uint64_t)user_stack + sizeof(user_stack));
    events_disable();

    check(user_started, "the user function never ran");
    check(upcall_hits == 1, "%u upcalls, want 1", upcall_hits);
    check(spins == 0, "the upcall came only after %u user-mode spins, not on the return to user mode",
          spins);
    check((upcall_cs & 3) == 3, "upcall frame CS %#lx: not the user frame (RPL 3)", upcall_cs);
    check(upcall_rip == (uint64_t)user_events_trampoline,
          "upcall frame rip %#lx, want the first user instruction %p", upcall_rip, user_events_trampoline);
    uint64_t ks = (uint64_t)user_kernel_stack;
    check(upcall_local >= ks && upcall_local < ks + 2 * PAGE_SIZE,
          "upcall ran at %#lx, not on kernel_sp's stack", upcall_local);
}
