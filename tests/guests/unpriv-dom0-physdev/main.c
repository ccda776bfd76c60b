/* SPDX-License-Identifier: GPL-2.0-only */
/* An unprivileged initial domain cannot route interrupts, touch PCI configuration or use platform_op. */
/*
 * Bug class: interrupt and platform hypercalls that check "initial domain"
 * or nothing instead of the privilege flag. As Xen 4.17 for a domain
 * without privilege: map_pirq -EPERM (an unknown domain -ESRCH first),
 * setup_gsi -EINVAL out of range then -EPERM, apic_read/pci sub-ops -EPERM,
 * bind_pirq of a pirq it has not mapped -EPERM, eoi of it -EINVAL,
 * irq_status_query answers (needs EOI), platform_op -EACCES for a wrong
 * version then -EPERM; its PCI configuration reads return all ones.
 */
#include "guest.h"
#include "priv.h"

const char test_title[] = "unprivileged initial domain: physdev IRQ/PCI and platform_op refused";

void test_main(void)
{
    if (is_privileged()) {
        test_skip("needs an unprivileged initial domain");
        return;
    }
    struct physdev_map_pirq m = { .domid = DOMID_SELF, .type = MAP_PIRQ_TYPE_GSI, .index = 8, .pirq = 8 };
    check_rc(hc_physdev_op(PHYSDEVOP_map_pirq, &m), -XEN_EPERM);
    m.domid = 77;
    check_rc(hc_physdev_op(PHYSDEVOP_map_pirq, &m), -XEN_ESRCH);
    struct physdev_setup_gsi sg = { .gsi = 100000 };
    check_rc(hc_physdev_op(PHYSDEVOP_setup_gsi, &sg), -XEN_EINVAL);
    sg.gsi = 8;
    check_rc(hc_physdev_op(PHYSDEVOP_setup_gsi, &sg), -XEN_EPERM);
    struct physdev_apic ap = { .apic_physbase = 0xfec00000, .reg = 1 };
    check_rc(hc_physdev_op(PHYSDEVOP_apic_read, &ap), -XEN_EPERM);
    check_rc(hc_physdev_op(PHYSDEVOP_apic_write, &ap), -XEN_EPERM);
    struct physdev_pci_device_add pa = { .bus = 0, .devfn = 8 };
    check_rc(hc_physdev_op(PHYSDEVOP_pci_device_add, &pa), -XEN_EPERM);
    struct physdev_manage_pci mp = { .bus = 0, .devfn = 8 };
    check_rc(hc_physdev_op(PHYSDEVOP_manage_pci_add, &mp), -XEN_EPERM);

    struct evtchn_bind_pirq bp = { .pirq = 8 };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_pirq, &bp), -XEN_EPERM);
    struct physdev_eoi eoi = { .irq = 8 };
    check_rc(hc_physdev_op(PHYSDEVOP_eoi, &eoi), -XEN_EINVAL);
    struct physdev_irq_status_query q = { .irq = 8 };
    check_rc(hc_physdev_op(PHYSDEVOP_irq_status_query, &q), 0);
    check(q.flags & XENIRQSTAT_needs_eoi, "status flags %#x", q.flags);

    static struct xen_platform_op op = { .cmd = XENPF_get_cpuinfo, .interface_version = 1 };
    check_rc(hc_platform_op(&op), -XEN_EACCES);
    op.interface_version = XENPF_INTERFACE_VERSION;
    check_rc(hc_platform_op(&op), -XEN_EPERM);

    /* PCI configuration: no access at all (all ones), even with the port permission bits. */
    struct physdev_set_iopl iopl = { .iopl = 1 };
    check_rc(hc_physdev_op(PHYSDEVOP_set_iopl, &iopl), 0);
    uint64_t before = last_trap.count;
    uint32_t v = 0x80000000u;
    asm volatile("1: outl %0, %w1\n2:\n" PRIV_EXTABLE : "+a"(v) : "Nd"(0xcf8) : "memory");
    v = 0;
    asm volatile("1: inl %w1, %0\n2:\n" PRIV_EXTABLE : "+a"(v) : "Nd"(0xcfc) : "memory");
    check(PRIV_FAULTED(before) == 0 && v == 0xffffffffu, "PCI vendor/device read %#x", v);
}
