/* SPDX-License-Identifier: GPL-2.0-only */
/* Which non-RAM machine frames a domain may map, and how: Xen's iomem_caps and mmio_ro_ranges. */
#include <xen/acpi.h>
#include <xen/bootinfo.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/ioapic.h>
#include <asm/iomem.h>

extern struct boot_info boot_info;

#define MSI_WINDOW_FIRST    0xfee00UL   /* the local APIC page and the MSI address window */
#define MSI_WINDOW_LAST     0xfeeffUL

/* Frames the hypervisor lets the privileged domain read but never write (mmio_ro_ranges). */
static unsigned long ro_frames[MAX_IOAPICS + 1 + IOMEM_MAX_RO_EXTRA];
static unsigned int nr_ro_frames;

void iomem_mark_read_only(unsigned long mfn)
{
    for (unsigned int i = 0; i < nr_ro_frames; i++)
        if (ro_frames[i] == mfn)
            return;
    if (nr_ro_frames < ARRAY_SIZE(ro_frames))
        ro_frames[nr_ro_frames++] = mfn;
}

void iomem_unmark_read_only(unsigned long mfn)
{
    for (unsigned int i = 0; i < nr_ro_frames; i++)
        if (ro_frames[i] == mfn) {
            ro_frames[i] = ro_frames[--nr_ro_frames];
            return;
        }
}

/* The IO-APIC pages (the hypervisor routes every pin) and the HPET page (as Xen's ro_hpet). */
void iomem_init(void)
{
    for (unsigned int i = 0; i < nr_ioapics; i++)
        iomem_mark_read_only(ioapics[i].addr >> PAGE_SHIFT);
    if (acpi.hpet_addr)
        iomem_mark_read_only(acpi.hpet_addr >> PAGE_SHIFT);
}

static bool in_unusable_range(unsigned long mfn)
{
    uint64_t pa = (uint64_t)mfn << PAGE_SHIFT;
    for (unsigned int i = 0; i < boot_info.map.nr; i++) {
        const struct memmap_entry *e = &boot_info.map.e[i];
        if (e->type == E820_UNUSABLE && mfn >= 0x100 && pa >= e->addr && pa < e->addr + e->size)
            return true;
    }
    return false;
}

enum iomem_access iomem_access(const struct domain *d, unsigned long mfn, unsigned int paddr_bits)
{
    if (!d->is_privileged || mfn >= (1UL << (paddr_bits - PAGE_SHIFT)))
        return IOMEM_DENIED;
    if ((mfn >= MSI_WINDOW_FIRST && mfn <= MSI_WINDOW_LAST) || in_unusable_range(mfn))
        return IOMEM_DENIED;
    for (unsigned int i = 0; i < nr_ro_frames; i++)
        if (ro_frames[i] == mfn)
            return IOMEM_READ_ONLY;
    return IOMEM_WRITABLE;
}
