/* SPDX-License-Identifier: GPL-2.0-only */
/* Raw `syscall` hypercalls and hypercall-page stubs must reach the same handlers. */
#include "guest.h"

const char test_title[] = "raw syscall vs hypercall page";

void test_main(void)
{
    bool filled = false;

    for (unsigned int i = 0; i < PAGE_SIZE; i++)
        if (hypercall_page[i])
            filled = true;
    check(filled, "hypercall page left empty despite the HYPERCALL_PAGE note");

    long a = hypercall_raw(__HYPERVISOR_xen_version, XENVER_version, 0, 0, 0, 0);
    long b = hypercall_via_page(__HYPERVISOR_xen_version, XENVER_version, 0, 0, 0, 0);
    check(a > 0 && a == b, "xen_version: raw %#lx, page %#lx", a, b);

    a = hypercall_raw(__HYPERVISOR_xen_version, XENVER_pagesize, 0, 0, 0, 0);
    b = hypercall_via_page(__HYPERVISOR_xen_version, XENVER_pagesize, 0, 0, 0, 0);
    check(a == 4096 && b == 4096, "pagesize: raw %ld, page %ld", a, b);

    static const char msg[] = "console via hypercall page\n";
    b = hypercall_via_page(__HYPERVISOR_console_io, CONSOLEIO_write, sizeof(msg) - 1,
                           (unsigned long)msg, 0, 0);
    check(b == 0, "console_io via page returned %ld", b);

    /* Unknown numbers: -ENOSYS both ways (page stubs exist for 0..127). */
    a = hypercall_raw(60, 0, 0, 0, 0, 0);
    b = hypercall_via_page(60, 0, 0, 0, 0, 0);
    check(a == -XEN_ENOSYS && b == -XEN_ENOSYS, "hypercall 60: raw %ld, page %ld", a, b);
    a = hypercall_raw(0x100000, 0, 0, 0, 0, 0);
    check(a == -XEN_ENOSYS, "hypercall 0x100000: %ld", a);
    a = hypercall_raw(~0UL, 0, 0, 0, 0, 0);
    check(a == -XEN_ENOSYS, "hypercall ~0: %ld", a);

    /* Callee-saved registers survive a raw syscall hypercall. */
    uint64_t rbx = 0x1111222233334444, rbp_in = 0x5555666677778888, r12 = 0x9999aaaabbbbcccc;
    uint64_t rbx_out, r12_out;
    asm volatile("syscall"
                 : "=b"(rbx_out), "=a"(a)
                 : "0"(rbx), "a"((unsigned long)__HYPERVISOR_xen_version), "D"(0UL), "S"(0UL)
                 : "rcx", "r11", "rdx", "r8", "r9", "r10", "memory");
    asm volatile("mov %1, %%r12; mov $17, %%eax; xor %%edi, %%edi; xor %%esi, %%esi; syscall; mov %%r12, %0"
                 : "=r"(r12_out) : "r"(r12) : "rax", "rcx", "r11", "rdi", "rsi", "r12", "memory");
    (void)rbp_in;
    check(rbx_out == rbx, "rbx clobbered by syscall hypercall: %#lx", rbx_out);
    check(r12_out == r12, "r12 clobbered by syscall hypercall: %#lx", r12_out);
}
