/* SPDX-License-Identifier: GPL-2.0-only */
/* The privileged initial domain gets Xen's errnos for unowned frames and for naming itself or an unknown domain as a foreign owner. */
/*
 * Bug class: refusals with the wrong errno (guests such as Linux tell
 * -EBUSY, -EPERM and -EINVAL apart) and treating "domain 0 by number" as
 * DOMID_SELF, which Xen's get_pg_owner rejects (-ESRCH).
 */
#include "guest.h"

const char test_title[] = "errnos for unowned frames and foreign page owners";

void test_main(void)
{
    uint64_t *page = alloc_page();
    long max_mfn = hc_memory_op(XENMEM_maximum_ram_page, NULL);
    uint64_t foreign = 0;

    for (uint64_t mfn = 0x100; max_mfn > 0 && mfn < (uint64_t)max_mfn && !foreign; mfn += 7) {
        uint64_t pfn = m2p[mfn];
        if (pfn >= start_info->nr_pages || p2m[pfn] != mfn)
            foreign = mfn;
    }
    check(foreign, "no unowned RAM frame below %#lx", max_mfn);
    /* RAM of another owner cannot be pinned; beyond the machine is I/O space; all ones is invalid. */
    if (foreign)
        check_rc(hc_update_va_mapping(page, (foreign << PAGE_SHIFT) | PTE_P | PTE_A, UVMF_INVLPG),
                 -XEN_EBUSY);
    check_rc(hc_update_va_mapping(page, (1UL << 40) | PTE_P | PTE_A, UVMF_INVLPG), -XEN_EPERM);
    check_rc(hc_update_va_mapping(page, (0xffffffffffUL << PAGE_SHIFT) | PTE_P | PTE_A, UVMF_INVLPG),
             -XEN_EINVAL);

    /* Ourselves by number is not a foreign owner; an unknown domain is not found. */
    uint64_t pte = virt_to_maddr(page) | PTE_P | PTE_A;
    check_rc(HC(__HYPERVISOR_update_va_mapping_otherdomain, page, pte, UVMF_INVLPG, 0, 0), -XEN_ESRCH);
    check_rc(HC(__HYPERVISOR_update_va_mapping_otherdomain, page, pte, UVMF_INVLPG, 7, 0), -XEN_ESRCH);
    check_rc(HC(__HYPERVISOR_update_va_mapping_otherdomain, page, pte, UVMF_INVLPG, DOMID_SELF, 0), 0);
    uint64_t v;
    check(probe_write(page, 1) == (0x100 | 14), "otherdomain(DOMID_SELF) did not map the page read-only");
    struct sched_remote_shutdown rs = { .domain_id = 7, .reason = SHUTDOWN_poweroff };
    check_rc(hc_sched_op(SCHEDOP_remote_shutdown, &rs), -XEN_ESRCH);
    check_rc(make_writable(page), 0);
    check(probe_read(page, &v) == 0 && probe_write(page, 2) == 0, "page not usable after the refusals");
}
