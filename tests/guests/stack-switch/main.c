/* SPDX-License-Identifier: GPL-2.0-only */
/* stack_switch: user-to-kernel bounces land on the registered kernel stack. */
#include "guest.h"

const char test_title[] = "stack_switch kernel stack for user-mode traps";

static volatile uint64_t frame_at;
static uint8_t kstack[2 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static bool on_bp(struct exc_frame *f)
{
    frame_at = (uint64_t)f;
    return true;
}

static void user_fn(void)
{
    asm volatile("int3");
}

void test_main(void)
{
    trap_set_handler(3, on_bp);

    /* run_in_user() registers user_kernel_stack; check the frame is on it. */
    run_in_user(user_fn);
    uint64_t lo = (uint64_t)user_kernel_stack, hi = lo + 2 * PAGE_SIZE;
    check(frame_at >= lo && frame_at < hi, "user #BP frame at %#lx, not in [%#lx, %#lx)",
          frame_at, lo, hi);

    /*
     * A second stack: switch while in kernel mode; kernel-mode traps stay
     * on the current stack.
     */
    check_rc(hc_stack_switch(FLAT_KERNEL_SS, kstack + sizeof(kstack)), 0);
    frame_at = 0;
    asm volatile("int3");
    check(frame_at && !(frame_at >= (uint64_t)kstack && frame_at < (uint64_t)kstack + sizeof(kstack)),
          "kernel-mode #BP frame %#lx moved to the kernel_sp stack", frame_at);

    /* Through a multicall, as Linux's context switch does. */
    struct multicall_entry mc = { .op = __HYPERVISOR_stack_switch,
                                  .args = { FLAT_KERNEL_SS, (uint64_t)kstack + sizeof(kstack) } };
    check_rc(hc_multicall(&mc, 1), 0);
    check(mc.result == 0, "multicall stack_switch result %ld", (long)mc.result);
}
