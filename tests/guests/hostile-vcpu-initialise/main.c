/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: VCPUOP_initialise trusting a guest-built vcpu_guest_context.
 * A second initialise gives -EEXIST; missing vCPUs -ENOENT; unreadable
 * contexts -EFAULT; non-canonical entry points or stacks, a misplaced LDT,
 * too many GDT entries, user mode without a user page table, a cr3 that is
 * not an L4 the domain may take as one (a hypervisor frame, a frame typed
 * otherwise, a writable data page), GDT frames it may not use: -EINVAL and
 * the vCPU stays uninitialised. Selectors with a kernel RPL and an MXCSR
 * with reserved bits must not hurt the hypervisor: the vCPU still starts.
 */
#include "guest.h"

const char test_title[] = "VCPUOP_initialise with bad vCPUs, pointers and contexts";

#define HOLE ((void *)0xffff830000000000UL)
#define NONCANON 0x0000900000000000UL

static uint8_t stack1[4 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static volatile uint64_t v1_cs, v1_mxcsr, v1_ran;
static struct vcpu_guest_context good, bad;

static void __attribute__((noreturn)) vcpu1_main(void)
{
    uint64_t cs;
    uint32_t mxcsr;
    asm volatile("mov %%cs, %0" : "=r"(cs));
    asm volatile("stmxcsr %0" : "=m"(mxcsr));
    v1_cs = cs;
    v1_mxcsr = mxcsr;
    v1_ran = 1;
    for (;;)
        hc_sched_op(SCHEDOP_yield, NULL);
}

/* Start from the good context, break one thing, expect @want and no initialisation. */
#define BAD(what, want, ...) do { \
    bad = good; \
    __VA_ARGS__; \
    long rc_ = hc_vcpu_op(VCPUOP_initialise, 1, &bad); \
    if (rc_ != (want)) \
        test_fail("%s: got %ld, want %d", what, rc_, want); \
    if (hc_vcpu_op(VCPUOP_up, 1, NULL) != -XEN_EINVAL) \
        test_fail("%s: vCPU 1 became initialised", what); \
} while (0)

void test_main(void)
{
    vcpu_context_init(&good, vcpu1_main, stack1, sizeof(stack1));

    /* vCPU 0 runs already; vCPUs the domain does not have. */
    check_rc(hc_vcpu_op(VCPUOP_initialise, 0, &good), -XEN_EEXIST);
    static const unsigned int ids[] = { 2, 31, 64, 0x7fffffff, ~0u };
    for (unsigned int i = 0; i < ARRAY_SIZE(ids); i++) {
        check_rc(hc_vcpu_op(VCPUOP_initialise, ids[i], &good), -XEN_ENOENT);
        check_rc(hc_vcpu_op(VCPUOP_up, ids[i], NULL), -XEN_ENOENT);
        check_rc(hc_vcpu_op(VCPUOP_down, ids[i], NULL), -XEN_ENOENT);
        check_rc(hc_vcpu_op(VCPUOP_is_up, ids[i], NULL), -XEN_ENOENT);
    }

    /* Unreadable contexts. */
    check_rc(hc_vcpu_op(VCPUOP_initialise, 1, NULL), -XEN_EFAULT);
    check_rc(hc_vcpu_op(VCPUOP_initialise, 1, HOLE), -XEN_EFAULT);
    check_rc(hc_vcpu_op(VCPUOP_initialise, 1, (void *)NONCANON), -XEN_EFAULT);
    check_rc(hc_vcpu_op(VCPUOP_up, 1, NULL), -XEN_EINVAL);

    /* Addresses and descriptor-table limits. */
    BAD("non-canonical rip", -XEN_EINVAL, bad.user_regs.rip = NONCANON);
    BAD("non-canonical rsp", -XEN_EINVAL, bad.user_regs.rsp = NONCANON);
    BAD("non-canonical kernel_sp", -XEN_EINVAL, bad.kernel_sp = NONCANON);
    BAD("non-canonical event callback", -XEN_EINVAL, bad.event_callback_eip = NONCANON);
    BAD("non-canonical failsafe callback", -XEN_EINVAL, bad.failsafe_callback_eip = NONCANON);
    BAD("non-canonical syscall callback", -XEN_EINVAL, bad.syscall_callback_eip = NONCANON);
    BAD("non-canonical fs_base", -XEN_EINVAL, bad.fs_base = NONCANON);
    BAD("non-canonical gs_base_kernel", -XEN_EINVAL, bad.gs_base_kernel = NONCANON);
    BAD("non-canonical trap handler", -XEN_EINVAL, bad.trap_ctxt[14].address = NONCANON);
    BAD("unaligned LDT", -XEN_EINVAL, bad.ldt_base = 0x1008, bad.ldt_ents = 1);
    BAD("LDT in the hypervisor's range", -XEN_EINVAL, bad.ldt_base = 0xffff830000000000UL, bad.ldt_ents = 1);
    BAD("8193 LDT entries", -XEN_EINVAL, bad.ldt_base = 0x10000, bad.ldt_ents = 8193);
    BAD("user mode without a user cr3", -XEN_EINVAL, bad.flags = 0);
    BAD("GDT beyond 14 frames", -XEN_EINVAL, bad.gdt_ents = 14 * 512 + 1);

    /* Frames: cr3 and GDT frames must be the domain's and take the type asked for. */
    uint8_t *data = alloc_page();       /* mapped writable */
    uint64_t l1 = pt_mfn((void *)stack1, 1);
    BAD("cr3 = machine frame 0", -XEN_EINVAL, bad.ctrlreg[3] = 0);
    BAD("cr3 = a frame beyond RAM", -XEN_EINVAL, bad.ctrlreg[3] = xen_pfn_to_cr3(0xfffffffffUL));
    BAD("cr3 = a writable data page", -XEN_EINVAL, bad.ctrlreg[3] = xen_pfn_to_cr3(virt_to_mfn(data)));
    BAD("cr3 = an L1 table", -XEN_EINVAL, bad.ctrlreg[3] = xen_pfn_to_cr3(l1));
    BAD("cr3 = shared_info", -XEN_EINVAL, bad.ctrlreg[3] = start_info->shared_info & ~0xfffUL);
    BAD("user cr3 = a writable data page", -XEN_EINVAL,
        bad.ctrlreg[1] = xen_pfn_to_cr3(virt_to_mfn(data)));
    BAD("GDT frame = machine frame 0", -XEN_EINVAL, bad.gdt_frames[0] = 0, bad.gdt_ents = 16);
    BAD("GDT frame = a writable data page", -XEN_EINVAL, bad.gdt_frames[0] = virt_to_mfn(data),
        bad.gdt_ents = 16);
    BAD("GDT frame = an L1 table", -XEN_EINVAL, bad.gdt_frames[0] = l1, bad.gdt_ents = 16);

    /* The refused attempts left the frames as they were: the data page is still writable. */
    check(probe_write(data, 0x1234) == 0, "data page no longer writable");

    /* Kernel RPL selectors are raised to RPL 3 and an impossible MXCSR does not stop the vCPU. */
    bad = good;
    bad.user_regs.cs = FLAT_KERNEL_CS & ~3;
    bad.user_regs.ss = FLAT_KERNEL_SS & ~3;
    bad.kernel_ss = FLAT_KERNEL_SS & ~3;
    bad.trap_ctxt[14].cs = FLAT_KERNEL_CS & ~3;
    bad.flags |= VGCF_i387_valid;
    memset(bad.fpu_ctxt.x, 0, sizeof(bad.fpu_ctxt.x));
    bad.fpu_ctxt.x[0] = 0x7f;           /* FCW 0x037f */
    bad.fpu_ctxt.x[1] = 0x03;
    memset(&bad.fpu_ctxt.x[24], 0xff, 4);   /* MXCSR: every bit, reserved ones included */
    check_rc(hc_vcpu_op(VCPUOP_initialise, 1, &bad), 0);
    check_rc(hc_vcpu_op(VCPUOP_initialise, 1, &good), -XEN_EEXIST);
    check_rc(hc_vcpu_op(VCPUOP_up, 1, NULL), 0);
    uint64_t end = pvclock_now() + 2000000000UL;
    while (!v1_ran && pvclock_now() < end)
        hc_sched_op(SCHEDOP_yield, NULL);
    check(v1_ran, "vCPU 1 did not start");
    printf("vCPU 1: cs %#lx mxcsr %#lx\n", v1_cs, v1_mxcsr);
    check(v1_cs == FLAT_KERNEL_CS, "vCPU 1 runs with cs %#lx", v1_cs);
    /* Not checked: QEMU's TCG keeps reserved MXCSR bits that hardware would fault on. */
    check_rc(hc_vcpu_op(VCPUOP_down, 1, NULL), 0);
    check_rc(hc_vcpu_op(VCPUOP_is_up, 1, NULL), 0);
}
