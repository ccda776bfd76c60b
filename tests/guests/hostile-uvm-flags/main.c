/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: update_va_mapping trusting its flags and address. The bits
 * above the flush type are a vCPU-mask pointer: unmapped or non-canonical
 * masks give -EFAULT when a flush needs them and are never read otherwise;
 * masks naming vCPUs that do not exist are harmless; virtual addresses in
 * the hypervisor hole or non-canonical are refused with -EINVAL.
 */
#include "guest.h"

const char test_title[] = "update_va_mapping with hostile flags, masks and addresses";

#define UNMAPPED 0x0000100000000000UL
#define HOLE     0xffff830000000000UL

static long uvm(void *va, uint64_t pte, uint64_t flags)
{
    long rc = hc_update_va_mapping(va, pte, flags);
    printf("update_va_mapping %p flags %#lx: %ld\n", va, flags, rc);
    return rc;
}

void test_main(void)
{
    uint64_t *page = alloc_page();
    uint64_t pte = (virt_to_mfn(page) << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D;

    /* Bad masks where a flush needs them. */
    check_rc(uvm(page, pte, UVMF_INVLPG | UNMAPPED), -XEN_EFAULT);
    check_rc(uvm(page, pte, UVMF_TLB_FLUSH | UNMAPPED), -XEN_EFAULT);
    check_rc(uvm(page, pte, UVMF_TLB_FLUSH | 0x8000000000000000UL), -XEN_EFAULT);
    check_rc(uvm(page, pte, UVMF_INVLPG | 0xfffffffffffffff8UL), -XEN_EFAULT);

    /* Flush type none (and the undefined type 3): the mask is never read. */
    check_rc(uvm(page, pte, UVMF_NONE | UNMAPPED), 0);
    check_rc(uvm(page, pte, UVMF_NONE | HOLE), 0);
    check_rc(uvm(page, pte, UVMF_FLUSHTYPE_MASK | HOLE), 0);
    check_rc(uvm(page, pte, UVMF_FLUSHTYPE_MASK | UVMF_ALL), 0);

    /* Masks naming vCPUs that do not exist. */
    static uint64_t mask[2] = { ~0UL, ~0UL };
    check_rc(uvm(page, pte, UVMF_INVLPG | (uint64_t)mask), 0);
    check_rc(uvm(page, pte, UVMF_TLB_FLUSH | (uint64_t)mask), 0);
    mask[0] = 0;
    check_rc(uvm(page, pte, UVMF_INVLPG | (uint64_t)mask), 0);
    check_rc(uvm(page, pte, UVMF_INVLPG | UVMF_ALL), 0);
    check(probe_write(page, 42) == 0 && page[0] == 42, "page unusable after the flushes");

    /* Addresses the guest cannot own. */
    check_rc(uvm((void *)HOLE, pte, UVMF_INVLPG), -XEN_EINVAL);
    check_rc(uvm((void *)0xffff800000000000UL, pte, UVMF_INVLPG), -XEN_EINVAL);
    check_rc(uvm((void *)0x0000800000000000UL, pte, UVMF_INVLPG), -XEN_EINVAL);
    check_rc(uvm((void *)0x8000000000000000UL, 0, UVMF_INVLPG), -XEN_EINVAL);

    /* Another domain's mapping through the otherdomain variant. */
    long rc = HC(__HYPERVISOR_update_va_mapping_otherdomain, page, pte, UVMF_INVLPG, 0x7ff5, 0);
    check_rc(rc, -XEN_ESRCH);
    rc = HC(__HYPERVISOR_update_va_mapping_otherdomain, page, pte, UVMF_INVLPG, 7, 0);
    check_rc(rc, -XEN_ESRCH);
    check(page[0] == 42, "page contents changed");
}
