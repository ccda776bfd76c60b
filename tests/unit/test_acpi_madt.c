/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/arch/x86/acpi/madt.c xen/arch/x86/acpi/tables.c */
/* MADT parsing from hand-built bytes: CPUs (enabled, disabled, online-capable, x2APIC), IO-APICs, overrides, malformed entries. */
#include <test.h>
#include <acpi_build.h>

static struct madt_info m;

static struct acpi_table_header *madt_start(uint32_t lapic, uint32_t flags)
{
    struct acpi_table_header *h = table_start(0x1000, "APIC", 4);
    uint32_t fixed[2] = { lapic, flags };
    table_append(h, fixed, sizeof(fixed));
    return h;
}

static void lapic(struct acpi_table_header *h, uint8_t uid, uint8_t id, uint32_t flags)
{
    uint8_t e[8] = { 0, 8, uid, id };
    memcpy(e + 4, &flags, 4);
    table_append(h, e, sizeof(e));
}

static void x2apic(struct acpi_table_header *h, uint32_t id, uint32_t flags)
{
    uint8_t e[16] = { 9, 16 };
    memcpy(e + 4, &id, 4);
    memcpy(e + 8, &flags, 4);
    table_append(h, e, sizeof(e));
}

static void ioapic(struct acpi_table_header *h, uint8_t id, uint32_t addr, uint32_t gsi)
{
    uint8_t e[12] = { 1, 12, id };
    memcpy(e + 4, &addr, 4);
    memcpy(e + 8, &gsi, 4);
    table_append(h, e, sizeof(e));
}

static void override(struct acpi_table_header *h, uint8_t irq, uint32_t gsi, uint16_t flags)
{
    uint8_t e[10] = { 2, 10, 0, irq };
    memcpy(e + 4, &gsi, 4);
    memcpy(e + 8, &flags, 2);
    table_append(h, e, sizeof(e));
}

static void test_full_table(void)
{
    struct acpi_table_header *h = madt_start(0xfee00000, 1);
    lapic(h, 0, 0, 1);
    lapic(h, 1, 1, 1);
    lapic(h, 2, 2, 0);              /* disabled, not online-capable: skipped */
    lapic(h, 3, 3, 2);              /* online-capable: kept */
    x2apic(h, 300, 1);
    x2apic(h, 1, 1);                /* same CPU as the LAPIC entry for id 1 */
    ioapic(h, 2, 0xfec00000, 0);
    ioapic(h, 3, 0xfec01000, 24);
    override(h, 0, 2, 0);
    override(h, 9, 9, 0xd);
    uint8_t lapic_addr[12] = { 5, 12 };
    uint64_t a = 0xfee10000;
    memcpy(lapic_addr + 4, &a, 8);
    table_append(h, lapic_addr, sizeof(lapic_addr));
    uint8_t nmi[6] = { 4, 6, 0xff, 0, 0, 1 };   /* LAPIC NMI: ignored */
    table_append(h, nmi, sizeof(nmi));
    table_seal(h);

    CHECK(acpi_table_get(fake_map, 0x1000, "MADT") == h);
    test_log_clear();
    acpi_parse_madt(h, &m);
    CHECK_EQ(m.nr_cpus, 4);
    CHECK_EQ(m.cpu_apicid[0], 0);
    CHECK_EQ(m.cpu_apicid[1], 1);
    CHECK_EQ(m.cpu_apicid[2], 3);
    CHECK_EQ(m.cpu_apicid[3], 300);
    CHECK_EQ(m.nr_disabled, 1);
    CHECK(m.pcat_compat);
    CHECK_EQ(m.lapic_addr, 0xfee10000);
    CHECK_EQ(m.nr_ioapics, 2);
    CHECK_EQ(m.ioapic[1].id, 3);
    CHECK_EQ(m.ioapic[1].addr, 0xfec01000);
    CHECK_EQ(m.ioapic[1].gsi_base, 24);
    CHECK_EQ(m.nr_overrides, 2);
    CHECK_EQ(m.override[0].irq, 0);
    CHECK_EQ(m.override[0].gsi, 2);
    CHECK_EQ(m.override[1].flags, 0xd);
    CHECK_STR(test_log(), "");      /* a good table parses silently */
}

static void test_entry_overruns_table(void)
{
    struct acpi_table_header *h = madt_start(0xfee00000, 0);
    lapic(h, 0, 0, 1);
    uint8_t bad[4] = { 1, 12, 7, 0 };    /* claims 12 bytes, only 4 left */
    table_append(h, bad, sizeof(bad));
    table_seal(h);
    test_log_clear();
    acpi_parse_madt(h, &m);
    CHECK_EQ(m.nr_cpus, 1);         /* entries before the bad one are kept */
    CHECK_EQ(m.nr_ioapics, 0);
    CHECK_LOG("MADT: entry at offset 52 overruns the table");
}

static void test_zero_length_entry_stops(void)
{
    struct acpi_table_header *h = madt_start(0xfee00000, 0);
    uint8_t zero[8] = { 0, 0 };      /* length 0 would loop forever */
    table_append(h, zero, sizeof(zero));
    lapic(h, 0, 5, 1);
    table_seal(h);
    test_log_clear();
    acpi_parse_madt(h, &m);
    CHECK_EQ(m.nr_cpus, 0);
    CHECK_LOG("MADT: entry at offset 44 overruns");
}

static void test_short_entry_skipped(void)
{
    struct acpi_table_header *h = madt_start(0xfee00000, 0);
    uint8_t short_io[6] = { 1, 6, 1, 0, 0, 0 };     /* IO-APIC entries are 12 bytes */
    table_append(h, short_io, sizeof(short_io));
    lapic(h, 0, 4, 1);
    table_seal(h);
    test_log_clear();
    acpi_parse_madt(h, &m);
    CHECK_EQ(m.nr_ioapics, 0);
    CHECK_EQ(m.nr_cpus, 1);         /* the walk goes on after a short entry */
    CHECK_EQ(m.cpu_apicid[0], 4);
    CHECK_LOG("MADT: type 1 entry at offset 44 too short");
}

static void test_table_shorter_than_fixed_part(void)
{
    struct acpi_table_header *h = table_start(0x1000, "APIC", 1);
    table_seal(h);
    test_log_clear();
    acpi_parse_madt(h, &m);
    CHECK_EQ(m.nr_cpus, 0);
    CHECK_EQ(m.lapic_addr, MADT_LAPIC_DEFAULT);
    CHECK_LOG("MADT: table too short");
}

static void test_too_many_ioapics(void)
{
    struct acpi_table_header *h = madt_start(0xfee00000, 0);
    for (unsigned int i = 0; i < MAX_IOAPICS + 2; i++)
        ioapic(h, i, 0xfec00000 + i * 0x1000, i * 24);
    table_seal(h);
    test_log_clear();
    acpi_parse_madt(h, &m);
    CHECK_EQ(m.nr_ioapics, MAX_IOAPICS);
    CHECK_LOG("IO-APICs, id 16 ignored");
}

int main(void)
{
    test_full_table();
    test_entry_overruns_table();
    test_zero_length_entry_stops();
    test_short_entry_skipped();
    test_table_shorter_than_fixed_part();
    test_too_many_ioapics();
    return test_done();
}
