/* SPDX-License-Identifier: GPL-2.0-only */
/* mov from CR0/CR2/CR3/CR4 is emulated with the guest's view; guest user mode gets #GP. */
#include "priv.h"

const char test_title[] = "control-register reads";

#define CR0_PE (1UL << 0)
#define CR0_TS (1UL << 3)
#define CR0_PG (1UL << 31)
#define CR4_PSE (1UL << 4)
#define CR4_PAE (1UL << 5)
#define CR4_VMXE (1UL << 13)

static volatile unsigned int user_rc;

static void user_fn(void)
{
    uint64_t v;
    user_rc = probe_read_cr0(&v);
}

void test_main(void)
{
    uint64_t v;

    check_rc(hc_fpu_taskswitch(1), 0);
    check_rc(probe_read_cr0(&v), 0);
    printf("cr0 %#lx with TS set\n", v);
    check((v & (CR0_PE | CR0_PG)) == (CR0_PE | CR0_PG), "CR0 %#lx lacks PE/PG", v);
    check(v & CR0_TS, "CR0.TS clear after fpu_taskswitch(1): %#lx", v);
    check_rc(hc_fpu_taskswitch(0), 0);
    check_rc(probe_read_cr0(&v), 0);
    check(!(v & CR0_TS), "CR0.TS set after fpu_taskswitch(0): %#lx", v);

    /* CR3: the machine address of our (kernel) L4. */
    check_rc(probe_read_cr3(&v), 0);
    uint64_t l4 = pt_mfn((void *)test_main, 4);
    check(v >> PAGE_SHIFT == l4, "CR3 %#lx, L4 is mfn %#lx", v, l4);

    check_rc(probe_read_cr4(&v), 0);
    printf("cr4 %#lx\n", v);
    check(v & CR4_PAE, "CR4.PAE clear: %#lx", v);
    check(!(v & (CR4_PSE | CR4_VMXE)), "CR4 shows PSE/VMXE: %#lx", v);

    /* CR2: the address of the last page fault, as in vcpu_info. */
    volatile uint64_t *unmapped = (uint64_t *)0x1000;
    uint64_t dummy;
    check(probe_read(unmapped, &dummy) == (0x100 | 14), "read of 0x1000 did not fault");
    check_rc(probe_read_cr2(&v), 0);
    check(v == 0x1000, "CR2 %#lx after a fault at 0x1000", v);

    run_in_user(user_fn);
    check(user_rc == (0x100 | 13), "user-mode mov from CR0: %#x (want #GP)", user_rc);
}
