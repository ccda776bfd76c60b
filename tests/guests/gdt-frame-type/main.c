/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: descriptor-table frames that stay guest-writable. set_gdt
 * must refuse frames that are mapped writable, oversized tables and
 * frames the guest does not own; once a frame is a GDT it may not be
 * mapped writable until the GDT is replaced.
 */
#include "guest.h"

const char test_title[] = "set_gdt frame ownership and type";

void test_main(void)
{
    uint64_t *gdt = alloc_page();
    uint64_t frames[16] = { virt_to_mfn(gdt) };

    gdt[5] = 0x00cff2000000ffffULL; /* flat data, DPL 3: selector 0x2b */
    gdt[6] = 0x00affa000000ffffULL; /* 64-bit code, DPL 3: selector 0x33 */

    long rc = HC(__HYPERVISOR_set_gdt, frames, 16, 0, 0, 0);
    check(rc < 0, "set_gdt took a writable frame (rc %ld)", rc);

    check_rc(make_readonly(gdt), 0);
    check(HC(__HYPERVISOR_set_gdt, frames, FIRST_RESERVED_GDT_ENTRY + 1, 0, 0, 0) < 0,
          "set_gdt with %u entries accepted", FIRST_RESERVED_GDT_ENTRY + 1);
    uint64_t bad[1] = { 0xffffffffffUL };
    check(HC(__HYPERVISOR_set_gdt, bad, 16, 0, 0, 0) < 0, "set_gdt with a frame beyond RAM");
    check_rc(HC(__HYPERVISOR_set_gdt, 0xffff830000000000UL, 16, 0, 0, 0), -XEN_EFAULT);

    rc = HC(__HYPERVISOR_set_gdt, frames, 16, 0, 0, 0);
    check_rc(rc, 0);
    if (rc == 0) {
        /* Our data selector loads; the frame cannot become writable. */
        uint16_t sel = 0x2b, got;
        asm volatile("mov %1, %%ds; mov %%ds, %0" : "=r"(got) : "r"(sel));
        check(got == 0x2b, "%%ds reads %#x", got);
        asm volatile("mov %0, %%ds" :: "r"(0));
        check(make_writable(gdt) < 0, "live GDT frame mapped writable");
        check(mmu_update1(pte_maddr(gdt, 1), (frames[0] << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A) < 0,
              "live GDT frame mapped writable via mmu_update");
        /* Entries change only through update_descriptor, which validates them. */
        check_rc(hc_update_descriptor(virt_to_maddr(&gdt[7]), 0x00cff2000000ffffULL), 0);
        check(gdt[7] == 0x00cff2000000ffffULL, "GDT entry 7 reads %#lx", gdt[7]);
        check(hc_update_descriptor(virt_to_maddr(&gdt[8]), 0x0000890000000067ULL | (3ULL << 45)) < 0,
              "TSS descriptor written into a live GDT");

        /* Replace it with an empty GDT; the frame is ours again. */
        check_rc(HC(__HYPERVISOR_set_gdt, frames, 0, 0, 0, 0), 0);
        check_rc(make_writable(gdt), 0);
    }
}
