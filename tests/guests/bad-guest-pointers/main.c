/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: hypercalls trusting guest pointers and counts. Pointers into
 * the hypervisor hole, unmapped or read-only memory, and absurd counts
 * must give -EFAULT (or another error), never a hang, a crash, or a
 * write through a mapping the guest could not write itself.
 */
#include "guest.h"

const char test_title[] = "bad guest pointers and counts";

#define HOLE   ((void *)0xffff830000000000UL)
#define NOWHERE ((void *)0x0000100000000000UL)

void test_main(void)
{
    check_rc(hc_console_io(CONSOLEIO_write, 16, HOLE), -XEN_EFAULT);
    check_rc(hc_console_io(CONSOLEIO_write, 16, NOWHERE), -XEN_EFAULT);
    check_rc(hc_console_io(99, 0, NULL), -XEN_ENOSYS);

    check_rc(hc_xen_version(XENVER_extraversion, HOLE), -XEN_EFAULT);
    check_rc(hc_xen_version(XENVER_extraversion, NOWHERE), -XEN_EFAULT);
    check_rc(hc_xen_version(XENVER_get_features, NULL), -XEN_EFAULT);

    /* Output into memory the guest may only read: the M2P and its own page tables. */
    uint64_t m2p0 = m2p[0];
    check_rc(hc_xen_version(XENVER_extraversion, m2p), -XEN_EFAULT);
    check(m2p[0] == m2p0, "M2P entry 0 overwritten: %#lx", m2p[0]);
    uint64_t *l1 = (uint64_t *)((uint64_t)pte_of(start_info, 1) & ~(PAGE_SIZE - 1));
    uint64_t l1_0 = l1[0], l1_1 = l1[1];
    check_rc(hc_xen_version(XENVER_extraversion, l1), -XEN_EFAULT);
    check(l1[0] == l1_0 && l1[1] == l1_1, "page-table page written by xen_version");
    struct xen_machphys_mapping *ro = (struct xen_machphys_mapping *)l1;
    check_rc(hc_memory_op(XENMEM_machphys_mapping, ro), -XEN_EFAULT);
    check(l1[0] == l1_0, "page-table page written by memory_op");

    check_rc(hc_memory_op(XENMEM_current_reservation, HOLE), -XEN_EFAULT);
    check_rc(hc_memory_op(XENMEM_machphys_mapping, NOWHERE), -XEN_EFAULT);

    check_rc(hc_event_channel_op(EVTCHNOP_alloc_unbound, HOLE), -XEN_EFAULT);
    check_rc(hc_event_channel_op(EVTCHNOP_send, NOWHERE), -XEN_EFAULT);
    check_rc(hc_sched_op(SCHEDOP_shutdown, HOLE), -XEN_EFAULT);
    check_rc(hc_sched_op(SCHEDOP_shutdown, NOWHERE), -XEN_EFAULT);
    check_rc(hc_vcpu_op(VCPUOP_register_runstate_memory_area, 0, HOLE), -XEN_EFAULT);
    check_rc(hc_callback_op(CALLBACKOP_register, HOLE), -XEN_EFAULT);
    check_rc(hc_physdev_op(PHYSDEVOP_set_iopl, HOLE), -XEN_EFAULT);
    check_rc(hc_set_trap_table(HOLE), -XEN_EFAULT);
    check_rc(hc_set_trap_table(NOWHERE), -XEN_EFAULT);

    /* Batches: bad list pointers and absurd counts. */
    check_rc(hc_mmu_update(HOLE, 1, NULL, DOMID_SELF), -XEN_EFAULT);
    check(hc_mmu_update(NOWHERE, 0x7fffffff, NULL, DOMID_SELF) < 0, "mmu_update of 2^31 bad entries");
    check_rc(hc_mmuext_op(HOLE, 1, NULL, DOMID_SELF), -XEN_EFAULT);
    check(hc_mmuext_op(NOWHERE, 0x7fffffff, NULL, DOMID_SELF) < 0, "mmuext_op of 2^31 bad entries");
    check_rc(hc_multicall(HOLE, 1), -XEN_EFAULT);
    check(hc_multicall(NOWHERE, 0x7fffffff) < 0, "multicall of 2^31 bad entries");

    /* A bad `done` pointer after a good request. */
    uint64_t *scratch = alloc_page();
    struct mmu_update u = { .ptr = pte_maddr(scratch, 1),
                            .val = (virt_to_mfn(scratch) << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A | PTE_D };
    long rc = hc_mmu_update(&u, 1, HOLE, DOMID_SELF);
    check(rc == -XEN_EFAULT || rc == 0, "mmu_update with done in the hole: %ld", rc);

    /* update_va_mapping for an address with no L1 at all. */
    rc = hc_update_va_mapping(NOWHERE, (virt_to_mfn(scratch) << PAGE_SHIFT) | PTE_P, UVMF_INVLPG);
    check(rc < 0, "update_va_mapping without an L1 succeeded");
    check_rc(hc_update_va_mapping(scratch, (virt_to_mfn(scratch) << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A,
                                  UVMF_INVLPG | (uint64_t)HOLE), -XEN_EFAULT);
    check(probe_write(scratch, 5) == 0, "scratch unusable");
}
