/* SPDX-License-Identifier: GPL-2.0-only */
/* Bug class: a hypervisor that infers "continuation" from a hypercall's return value can be fooled
 * by calls that return guest-chosen values: iret gives back the guest's %rax, get_debugreg a
 * debug register. Both must come back unchanged, directly and inside a multicall. */
#include "guest.h"

const char test_title[] = "guest-chosen return values that look like an internal restart code";

#define STR_(x) #x
#define STR(x) STR_(x)
#define LOOKS_LIKE_RESTART ((uint64_t)-1000)    /* Xenolith's internal continuation number */

/* HYPERVISOR_iret back to kernel mode right after the syscall, with %rax = @rax in the frame. */
static uint64_t iret_with_rax(uint64_t rax)
{
    uint64_t out, flags = vcpu0()->evtchn_upcall_mask ? 0x2 : 0x202;
    asm volatile("mov %%rsp, %%r8\n"
                 "lea 1f(%%rip), %%r9\n"
                 "pushq $" STR(FLAT_KERNEL_SS) "\n"
                 "pushq %%r8\n"
                 "pushq %[fl]\n"
                 "pushq $" STR(FLAT_KERNEL_CS) " & ~3\n"     /* RPL 0: stay in kernel mode */
                 "pushq %%r9\n"
                 "pushq $0\n"
                 "pushq %%rcx\n"
                 "pushq %%r11\n"
                 "pushq %[rax]\n"
                 "mov $" STR(__HYPERVISOR_iret) ", %%eax\n"
                 "syscall\n"
                 "1:\n"
                 : "=a"(out) : [rax] "r"(rax), [fl] "r"(flags)
                 : "r8", "r9", "rcx", "r11", "memory");
    return out;
}

void test_main(void)
{
    uint64_t v = iret_with_rax(LOOKS_LIKE_RESTART);
    check(v == LOOKS_LIKE_RESTART, "iret returned rax %#lx, want %#lx", v, LOOKS_LIKE_RESTART);
    v = iret_with_rax(0x1234);
    check(v == 0x1234, "iret returned rax %#lx, want 0x1234", v);

    /* A canonical guest address that reads back as the restart number. */
    long rc = HC(__HYPERVISOR_set_debugreg, 0, LOOKS_LIKE_RESTART, 0, 0, 0);
    if (rc == 0) {
        uint64_t dr0 = (uint64_t)HC(__HYPERVISOR_get_debugreg, 0, 0, 0, 0, 0);
        check(dr0 == LOOKS_LIKE_RESTART, "get_debugreg(0) returned %#lx", dr0);
        HC(__HYPERVISOR_set_debugreg, 0, 0, 0, 0, 0);
    } else {
        printf("set_debugreg refused the address (%ld); only the iret checks apply\n", rc);
    }

    /* The same value as a multicall entry's result must not restart the batch. */
    struct multicall_entry mc[2] = {
        { .op = __HYPERVISOR_get_debugreg, .args = { 0 } },
        { .op = __HYPERVISOR_xen_version, .args = { XENVER_version, 0 } },
    };
    HC(__HYPERVISOR_set_debugreg, 0, LOOKS_LIKE_RESTART, 0, 0, 0);
    check_rc(hc_multicall(mc, 2), 0);
    check(mc[1].result > 0, "second entry did not run (result %#lx)", mc[1].result);
    HC(__HYPERVISOR_set_debugreg, 0, 0, 0, 0, 0);
}
