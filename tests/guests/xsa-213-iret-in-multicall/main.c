/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug (XSA-213): the iret hypercall inside a multicall switched the vCPU
 * to guest user mode and the multicall carried on, running the remaining
 * entries on behalf of user mode. The iret must end the multicall.
 */
#include "guest.h"

const char test_title[] = "XSA-213: iret in a multicall ends the batch";

#define IRET_RAX 0xdeadUL

static struct multicall_entry mc[2];
uint64_t xsa213_saved_rsp;
volatile bool xsa213_reached_user;

void xsa213_user_entry(void);
void xsa213_resume(void);
asm(".pushsection .text\n"
    "xsa213_user_entry:\n"
    "    movb $1, xsa213_reached_user(%rip)\n"
    "    mov $0x5a5a, %ebx\n"
    "    int $0x80\n"
    "    ud2\n"
    ".popsection");

static bool on_int80(struct exc_frame *f)
{
    if (f->rbx != 0x5a5a)
        return false;
    f->rip = (uint64_t)xsa213_resume;
    f->cs = KERNEL_CS_RPL0;
    f->ss = FLAT_KERNEL_SS & ~3;
    f->rsp = xsa213_saved_rsp;
    f->rflags = 0x202;
    f->rax = ~0UL;
    return true;
}

static uint8_t user_stack[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static long multicall_with_iret(void)
{
    long rc;

    /* Frame for the iret hypercall at %rsp: rax r11 rcx flags rip cs rflags rsp ss. */
    asm volatile("push %%rbx\n push %%rbp\n push %%r12\n push %%r13\n push %%r14\n push %%r15\n"
                 "mov %%rsp, xsa213_saved_rsp(%%rip)\n"
                 "push $0xe02b\n"
                 "push %%rdx\n"
                 "push $0x2\n"
                 "push $0xe033\n"
                 "lea xsa213_user_entry(%%rip), %%rax\n push %%rax\n"
                 "push $0\n push $0\n push $0\n"
                 "push %[iret_rax]\n"
                 "mov %[nr], %%eax\n"
                 "syscall\n"
                 "xsa213_resume:\n"
                 "mov xsa213_saved_rsp(%%rip), %%rsp\n"
                 "pop %%r15\n pop %%r14\n pop %%r13\n pop %%r12\n pop %%rbp\n pop %%rbx\n"
                 : "=a"(rc)
                 : [nr] "i"(__HYPERVISOR_multicall), "D"(mc), "S"(2UL), "d"(user_stack + PAGE_SIZE), [iret_rax] "i"(IRET_RAX)
                 : "rcx", "r8", "r9", "r10", "r11", "memory");
    return rc;
}


void test_main(void)
{
    trap_set_handler(0x80, on_int80);
    check_rc(mmuext1(MMUEXT_NEW_USER_BASEPTR, pt_mfn(mc, 4), 0), 0);
    check_rc(hc_stack_switch(FLAT_KERNEL_SS, user_kernel_stack + 2 * PAGE_SIZE), 0);

    mc[0].op = __HYPERVISOR_iret;
    mc[1].op = __HYPERVISOR_xen_version;
    mc[1].args[0] = XENVER_version;
    mc[1].result = 0;

    long rc = multicall_with_iret();
    events_enable();
    printf("multicall: rc %#lx, reached user %d, entry 1 result %#lx\n", rc, xsa213_reached_user,
           mc[1].result);
    if (!xsa213_reached_user)
        test_error("the iret entry never reached user mode (rc %ld)", rc);
    check(mc[1].result == 0, "xen_version ran after the iret (result %#lx)", mc[1].result);
}
