/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time ACPI: find the RSDP, read MADT, FADT and \_S5 into `acpi`, print what was found. */
#include <xen/acpi.h>
#include <xen/bootinfo.h>
#include <xen/lib.h>
#include <xen/mm.h>

extern struct boot_info boot_info;      /* setup.c */

struct acpi_state acpi;
uint32_t acpi_pm_tmr_port;

#define FOUR_GIB (1ULL << 32)

/* Firmware tables live below 4 GiB in practice (boot direct map); anything higher goes through ioremap. */
static const void *acpi_map(paddr_t pa, size_t len)
{
    if (pa + len < pa)
        return NULL;
    if (pa + len <= FOUR_GIB)
        return __va(pa);
    return ioremap(pa, len);
}

/* The loader's copy first, then the EBDA's first KiB, then the BIOS area 0xe0000-0xfffff. */
static paddr_t find_rsdp(void)
{
    bool xsdt;

    if (boot_info.rsdp) {
        if (acpi_rsdp_valid(acpi_map(boot_info.rsdp, ACPI_RSDP_V1_SIZE), &xsdt))
            return boot_info.rsdp;
        printk(XENLOG_WARNING "ACPI: the boot loader's RSDP copy is invalid, scanning the BIOS areas\n");
    }
    const uint16_t *ebda_seg = acpi_map(0x40e, 2);
    paddr_t ebda = (paddr_t)*ebda_seg << 4;
    paddr_t pa = 0;
    if (ebda >= 0x80000 && ebda < 0xa0000)      /* a sane EBDA lies just below 640 KiB */
        pa = acpi_rsdp_scan(acpi_map, ebda, 1024);
    if (!pa)
        pa = acpi_rsdp_scan(acpi_map, 0xe0000, 0x20000);
    return pa;
}

static void print_madt(const struct madt_info *m)
{
    printk("ACPI: MADT: %u usable CPUs (%u disabled), local APIC at %#llx, %u IO-APICs%s\n",
           m->nr_cpus, m->nr_disabled, (unsigned long long)m->lapic_addr, m->nr_ioapics,
           m->pcat_compat ? ", legacy PICs" : "");
    for (unsigned int i = 0; i < m->nr_overrides; i++)
        printk("ACPI: interrupt override: bus %u IRQ %u -> GSI %u (flags %#x)\n",
               m->override[i].bus, m->override[i].irq, m->override[i].gsi, m->override[i].flags);
}

static void read_fadt(const struct acpi_table_header *t)
{
    struct fadt_info *f = &acpi.fadt;

    acpi_parse_fadt(t, f);
    acpi.have_fadt = true;
    acpi_pm_tmr_port = f->pm_tmr;
    printk("ACPI: FADT: PM1a_CNT %#x PM1b_CNT %#x PM timer %#x (%s bits) reset %s century %#x\n",
           f->pm1a_cnt, f->pm1b_cnt, f->pm_tmr, f->pm_tmr_32bit ? "32" : "24",
           f->reset_supported ? "register" : "none", f->century);

    const struct acpi_table_header *dsdt = acpi_table_get(acpi_map, f->dsdt, "DSDT");
    if (dsdt && acpi_find_s5((const uint8_t *)(dsdt + 1), dsdt->length - sizeof(*dsdt),
                             acpi.s5_typ) == 0) {
        acpi.have_s5 = true;
        printk("ACPI: S5 (soft off): SLP_TYPa %u SLP_TYPb %u\n", acpi.s5_typ[0], acpi.s5_typ[1]);
    } else {
        printk(XENLOG_WARNING "ACPI: no \\_S5 package in the DSDT, power-off will not work\n");
    }
}

void acpi_init(void)
{
    struct acpi_tables t;
    paddr_t rsdp = find_rsdp();

    if (!rsdp) {
        printk(XENLOG_WARNING "ACPI: no RSDP found; one CPU, no IO-APIC, no ACPI power-off\n");
        return;
    }
    if (acpi_tables_find(acpi_map, rsdp, &t))
        return;
    acpi.present = true;
    if (t.madt) {
        acpi_parse_madt(t.madt, &acpi.madt);
        acpi.have_madt = true;
        print_madt(&acpi.madt);
    } else {
        printk(XENLOG_WARNING "ACPI: no valid MADT; only the boot CPU will run\n");
    }
    if (t.hpet && (acpi.hpet_addr = acpi_parse_hpet(t.hpet)))
        printk("ACPI: HPET at %#llx (not used by the hypervisor)\n", (unsigned long long)acpi.hpet_addr);
    if (t.fadt)
        read_fadt(t.fadt);
    else
        printk(XENLOG_WARNING "ACPI: no valid FADT; no ACPI power-off or reset\n");
}
