/* SPDX-License-Identifier: GPL-2.0-only */
/* An unprivileged initial domain is refused privileged operations with the errno Xen 4.17 gives a domU. */
/*
 * Bug class: privilege checks that trust "the initial domain" instead of
 * the privilege flag, or refuse with an errno a domU never sees on Xen.
 * Errnos follow Xen 4.17's code paths for a domain without privilege:
 * XSM_PRIV checks (-EPERM), get_pg_owner (-ESRCH for ourselves by number
 * or an unknown domain), cache_flush_permitted (-EACCES / -EINVAL for the
 * global flush), get_page_from_l1e (-EPERM for MMIO, -EBUSY for RAM of
 * another owner), remote_shutdown (-ESRCH before the XSM -EPERM).
 */
#include "guest.h"

const char test_title[] = "unprivileged initial domain: privileged operations refused";

#define OWN_DOMID 0     /* Xenolith builds the initial domain as domain 0 even unprivileged */

static long uvm_other(void *va, uint64_t pte, domid_t dom)
{
    return HC(__HYPERVISOR_update_va_mapping_otherdomain, va, pte, UVMF_INVLPG, dom, 0);
}

static uint64_t unowned_ram_frame(void)
{
    long max_mfn = hc_memory_op(XENMEM_maximum_ram_page, NULL);

    for (uint64_t mfn = 0x100; max_mfn > 0 && mfn < (uint64_t)max_mfn; mfn += 7) {
        uint64_t pfn = m2p[mfn];
        if (pfn >= start_info->nr_pages || p2m[pfn] != mfn)
            return mfn;
    }
    return 0;
}

void test_main(void)
{
    if (is_privileged()) {
        test_skip("needs an unprivileged initial domain");
        return;
    }

    /* Host memory map and hypervisor identity: XSM_PRIV. */
    struct xen_e820_entry e820[8];
    struct xen_memory_map map = { .nr_entries = ARRAY_SIZE(e820) };
    set_xen_guest_handle(map.buffer, e820);
    check_rc(hc_memory_op(XENMEM_machine_memory_map, &map), -XEN_EPERM);
    static char cmdline[XEN_COMMANDLINE_INFO_LEN];
    check_rc(hc_xen_version(XENVER_commandline, cmdline), -XEN_EPERM);
    static uint8_t bid_buf[sizeof(struct xen_build_id) + 64];
    struct xen_build_id *bid = (struct xen_build_id *)bid_buf;
    bid->len = 64;
    check_rc(hc_xen_version(XENVER_build_id, bid), -XEN_EPERM);

    /* update_va_mapping_otherdomain: DOMID_SELF is ordinary, everything else is refused. */
    uint64_t *page = alloc_page();
    uint64_t pte = virt_to_maddr(page) | PTE_P | PTE_RW | PTE_A | PTE_D;
    check_rc(uvm_other(page, pte & ~PTE_RW, DOMID_SELF), 0);
    uint64_t v;
    check(probe_write(page, 1) == (0x100 | 14), "otherdomain(DOMID_SELF) did not make the page read-only");
    check_rc(uvm_other(page, pte, DOMID_SELF), 0);
    check(probe_write(page, 1) == 0, "otherdomain(DOMID_SELF) did not restore the page");
    check_rc(uvm_other(page, pte, OWN_DOMID), -XEN_ESRCH);
    check_rc(uvm_other(page, pte, 7), -XEN_ESRCH);
    check_rc(uvm_other(page, pte, DOMID_IO), -XEN_EPERM);
    check_rc(uvm_other(page, pte, DOMID_XEN), -XEN_EPERM);

    /* Cache flushes need I/O resources. */
    check_rc(mmuext1(MMUEXT_FLUSH_CACHE, 0, 0), -XEN_EACCES);
    check_rc(mmuext1(MMUEXT_FLUSH_CACHE_GLOBAL, 0, 0), -XEN_EINVAL);

    /* Frames we do not own: MMIO (local APIC, VGA) and another owner's RAM. */
    check_rc(hc_update_va_mapping(page, (0xfee00UL << PAGE_SHIFT) | PTE_P | PTE_A, UVMF_INVLPG),
             -XEN_EPERM);
    check_rc(hc_update_va_mapping(page, (0xb8UL << PAGE_SHIFT) | PTE_P | PTE_A, UVMF_INVLPG),
             -XEN_EPERM);
    uint64_t foreign = unowned_ram_frame();
    check(foreign, "no unowned RAM frame found");
    if (foreign)
        check_rc(hc_update_va_mapping(page, (foreign << PAGE_SHIFT) | PTE_P | PTE_A, UVMF_INVLPG),
                 -XEN_EBUSY);
    check(probe_read(page, &v) == 0, "our page lost its mapping after the refusals");
    check_rc(make_writable(page), 0);

    /* Shutting a domain down from outside: bad pointer, unknown domain, then XSM. */
    struct sched_remote_shutdown rs = { .domain_id = OWN_DOMID, .reason = SHUTDOWN_poweroff };
    check_rc(hc_sched_op(SCHEDOP_remote_shutdown, 0xffff830000000000UL), -XEN_EFAULT);
    rs.domain_id = 7;
    check_rc(hc_sched_op(SCHEDOP_remote_shutdown, &rs), -XEN_ESRCH);
    rs.domain_id = OWN_DOMID;
    check_rc(hc_sched_op(SCHEDOP_remote_shutdown, &rs), -XEN_EPERM);
}
