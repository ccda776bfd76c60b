/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypercall-page MSR that CPUID 0x40000002 advertises: writing a page
 * of ours to it fills the page with working stubs. Hostile values (an
 * index past the one page, a live page table, a frame beyond RAM) get #GP
 * and change nothing.
 */
#include "priv.h"

const char test_title[] = "hypercall page through the Xen MSR";

void test_main(void)
{
    uint32_t msr = xen_cpuid(0x40000002, 0).b;
    uint8_t *page = alloc_page();

    check_rc(probe_wrmsr(msr, virt_to_maddr(page)), 0);
    long (*xen_version)(long, long) = (long (*)(long, long))(page + __HYPERVISOR_xen_version * 32);
    long via_page = xen_version(XENVER_version, 0);
    check(via_page == hc_xen_version(XENVER_version, 0), "xen_version through the MSR page: %#lx", via_page);

    check_rc(probe_wrmsr(msr, virt_to_maddr(page) | 1), 0x100 | 13);
    uint64_t *l1 = pte_of(page, 1);
    uint64_t before = *l1;
    check_rc(probe_wrmsr(msr, pt_mfn(page, 1) << PAGE_SHIFT), 0x100 | 13);
    check(*l1 == before, "page-table entry changed to %#lx", *l1);
    check_rc(probe_wrmsr(msr, 0xffffffffff000UL), 0x100 | 13);
}
