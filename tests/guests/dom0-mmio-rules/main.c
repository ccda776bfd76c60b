/* SPDX-License-Identifier: GPL-2.0-only */
/* The privileged domain maps device memory as Xen's iomem_caps and mmio_ro_ranges allow. */
/*
 * Bug class: a hypervisor that lets dom0 write the hardware it drives itself
 * (local APIC, IO-APIC, the MSI window) or that refuses device memory dom0
 * needs (ACPI SystemMemory regions such as the HPET). As Xen 4.17: the local
 * APIC page and the MSI window 0xfee00000-0xfeefffff are refused (-EPERM),
 * the IO-APIC and HPET pages are mapped but read-only even when asked
 * writable (Xen drops _PAGE_RW) and a plain store to them is dropped (the
 * instruction is skipped, no #PF), other MMIO is mapped as asked.
 */
#include "guest.h"

const char test_title[] = "privileged domain: MMIO mapping rules (APIC, IO-APIC, HPET, MSI window)";

#define PTE_PWT (1UL << 3)
#define PTE_PCD (1UL << 4)
#define IO_FLAGS (PTE_P | PTE_RW | PTE_A | PTE_D | PTE_PCD | PTE_PWT)

static long map_io(void *va, uint64_t maddr, uint64_t flags)
{
    return hc_update_va_mapping(va, maddr | flags, UVMF_INVLPG);
}

void test_main(void)
{
    if (!is_privileged()) {
        test_skip("needs the privileged initial domain");
        return;
    }
    uint64_t *page = alloc_page(), v = 0;

    /* Local APIC and the MSI window: never, not even read-only. */
    check_rc(map_io(page, 0xfee00000, IO_FLAGS), -XEN_EPERM);
    check_rc(map_io(page, 0xfee00000, IO_FLAGS & ~PTE_RW), -XEN_EPERM);
    check_rc(map_io(page, 0xfeef0000, IO_FLAGS), -XEN_EPERM);

    /* IO-APIC (QEMU: 0xfec00000): readable, the write bit is dropped. */
    check_rc(map_io(page, 0xfec00000, IO_FLAGS), 0);
    check(probe_read(page, &v) == 0, "IO-APIC page not readable");
    check(!(*pte_of(page, 1) & PTE_RW), "IO-APIC mapping kept _PAGE_RW: %#lx", *pte_of(page, 1));
    check(probe_write(page, 0) == 0, "store to the IO-APIC page not dropped");

    /* HPET (QEMU: 0xfed00000): readable (vendor 0x8086 in the capabilities), not writable. */
    check_rc(map_io(page, 0xfed00000, IO_FLAGS), 0);
    check(probe_read(page, &v) == 0 && (v & 0xffff0000) == 0x80860000,
          "HPET capabilities unreadable or wrong: %#lx", v);
    uint64_t cfg = 0, after = 1;
    volatile uint64_t *gen_cfg = (volatile uint64_t *)((uint8_t *)page + 0x10);
    check(probe_read(gen_cfg, &cfg) == 0 && probe_write(gen_cfg, cfg ^ 1) == 0 &&
          probe_read(gen_cfg, &after) == 0 && after == cfg,
          "HPET configuration written: %#lx -> %#lx", cfg, after);

    /* Other device memory (the PCI hole below the IO-APIC): mapped as asked. */
    check_rc(map_io(page, 0xfebff000, IO_FLAGS), 0);
    check(*pte_of(page, 1) & PTE_RW, "PCI-hole MMIO lost _PAGE_RW");
    check(probe_write(page, 0) == 0, "PCI-hole MMIO not writable");

    check_rc(make_writable(page), 0);
    check(probe_write(page, 5) == 0 && probe_read(page, &v) == 0 && v == 5, "page not restored");
}
