/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/arch/x86/acpi/tables.c */
/* RSDP validation and scan, table checksums and lengths, the RSDT and XSDT walks, from hand-built bytes. */
#include <test.h>
#include <acpi_build.h>
#include <xen/errno.h>

#define RSDP_AT 0xe010
#define RSDT_AT 0x100
#define XSDT_AT 0x200
#define MADT_AT 0x1000
#define FADT_AT 0x2000

static struct acpi_rsdp *make_rsdp(paddr_t at, uint8_t rev, uint32_t rsdt, uint64_t xsdt)
{
    struct acpi_rsdp *r = (void *)(phys + at);
    memset(r, 0, sizeof(*r));
    memcpy(r->signature, "RSD PTR ", 8);
    memcpy(r->oem_id, "XENOLT", 6);
    r->revision = rev;
    r->rsdt_address = rsdt;
    r->length = sizeof(*r);
    r->xsdt_address = xsdt;
    r->checksum = -acpi_checksum(r, ACPI_RSDP_V1_SIZE);
    r->extended_checksum = -acpi_checksum(r, sizeof(*r));
    return r;
}

static struct acpi_table_header *make_madt_fadt(void)
{
    struct acpi_table_header *madt = table_start(MADT_AT, "APIC", 4);
    uint32_t fixed[2] = { 0xfee00000, 0 };
    table_append(madt, fixed, sizeof(fixed));
    table_seal(madt);
    struct acpi_table_header *fadt = table_start(FADT_AT, "FACP", 1);
    uint8_t body[80] = { 0 };
    table_append(fadt, body, sizeof(body));
    table_seal(fadt);
    return madt;
}

static void make_rsdt(void)
{
    struct acpi_table_header *h = table_start(RSDT_AT, "RSDT", 1);
    uint32_t e[3] = { MADT_AT, 0x3000 /* nothing there: bad signature and length */, FADT_AT };
    table_append(h, e, sizeof(e));
    table_seal(h);
}

static void test_checksum(void)
{
    uint8_t b[4] = { 1, 2, 3, (uint8_t)-6 };
    CHECK_EQ(acpi_checksum(b, 4), 0);
    b[0] = 2;
    CHECK_EQ(acpi_checksum(b, 4), 1);
}

static void test_rsdt_walk(void)
{
    memset(phys, 0, sizeof(phys));
    make_madt_fadt();
    make_rsdt();
    make_rsdp(RSDP_AT, 0, RSDT_AT, 0);
    struct acpi_tables t;
    test_log_clear();
    CHECK_EQ(acpi_tables_find(fake_map, RSDP_AT, &t), 0);
    CHECK(t.madt == (void *)(phys + MADT_AT));
    CHECK(t.fadt == (void *)(phys + FADT_AT));
    CHECK_LOG("ACPI: RSDT 0x00000100");
    CHECK_LOG("at 0x3000 has a bad length (0)");     /* the empty entry is named and skipped */
}

static void test_bad_checksum_ignored_and_named(void)
{
    memset(phys, 0, sizeof(phys));
    make_madt_fadt();
    make_rsdt();
    make_rsdp(RSDP_AT, 0, RSDT_AT, 0);
    phys[MADT_AT + 40] ^= 0x55;         /* corrupt the MADT */
    struct acpi_tables t;
    test_log_clear();
    CHECK_EQ(acpi_tables_find(fake_map, RSDP_AT, &t), 0);
    CHECK(t.madt == NULL);
    CHECK(t.fadt != NULL);
    CHECK_LOG("ACPI: APIC at 0x1000 has a bad checksum, ignored");
}

static void test_length_overrun_rejected(void)
{
    memset(phys, 0, sizeof(phys));
    struct acpi_table_header *h = table_start(FAKE_PHYS_SIZE - 64, "SSDT", 1);
    h->length = 4096;                   /* runs past the end of "memory" */
    test_log_clear();
    CHECK(acpi_table_get(fake_map, FAKE_PHYS_SIZE - 64, "SSDT") == NULL);
    CHECK_LOG("ACPI: SSDT at 0xffc0 cannot be mapped");
    h = table_start(0x400, "DSDT", 1);
    h->length = 20;                     /* shorter than its own header */
    test_log_clear();
    CHECK(acpi_table_get(fake_map, 0x400, "DSDT") == NULL);
    CHECK_LOG("ACPI: DSDT at 0x400 has a bad length (20)");
    h->length = ACPI_MAX_TABLE_LEN + 1;
    CHECK(acpi_table_get(fake_map, 0x400, "DSDT") == NULL);
}

static void test_xsdt_walk_and_fallback(void)
{
    memset(phys, 0, sizeof(phys));
    make_madt_fadt();
    make_rsdt();
    struct acpi_table_header *x = table_start(XSDT_AT, "XSDT", 1);
    uint64_t e[1] = { MADT_AT };
    table_append(x, e, sizeof(e));
    table_seal(x);
    struct acpi_rsdp *r = make_rsdp(RSDP_AT, 2, RSDT_AT, XSDT_AT);
    struct acpi_tables t;
    test_log_clear();
    CHECK_EQ(acpi_tables_find(fake_map, RSDP_AT, &t), 0);
    CHECK(t.madt != NULL);
    CHECK(t.fadt == NULL);              /* only the XSDT's entries count when it is valid */
    CHECK_LOG("ACPI: XSDT 0x00000200");

    /* A bad extended checksum: warned, then the RSDT is used. */
    r->extended_checksum ^= 1;
    test_log_clear();
    CHECK_EQ(acpi_tables_find(fake_map, RSDP_AT, &t), 0);
    CHECK(t.fadt != NULL);
    CHECK_LOG("RSDP extended checksum or length (36) bad, using the RSDT");

    /* A corrupt XSDT: named, then the RSDT is used. */
    r->extended_checksum ^= 1;
    phys[XSDT_AT + 36] ^= 1;
    test_log_clear();
    CHECK_EQ(acpi_tables_find(fake_map, RSDP_AT, &t), 0);
    CHECK(t.fadt != NULL);
    CHECK_LOG("ACPI: XSDT at 0x200 has a bad checksum");
}

static void test_root_table_wrong_signature(void)
{
    memset(phys, 0, sizeof(phys));
    struct acpi_table_header *h = table_start(RSDT_AT, "FACP", 1);
    table_seal(h);
    make_rsdp(RSDP_AT, 0, RSDT_AT, 0);
    struct acpi_tables t;
    test_log_clear();
    CHECK_EQ(acpi_tables_find(fake_map, RSDP_AT, &t), -EINVAL);
    CHECK_LOG("root table has signature 'FACP'");
}

static void test_rsdp_scan(void)
{
    memset(phys, 0, sizeof(phys));
    CHECK_EQ(acpi_rsdp_scan(fake_map, 0xe000, 0x2000), 0);
    struct acpi_rsdp *bad = make_rsdp(0xe100, 0, RSDT_AT, 0);
    bad->checksum ^= 1;                 /* signature alone is not enough */
    CHECK_EQ(acpi_rsdp_scan(fake_map, 0xe000, 0x2000), 0);
    make_rsdp(0xe008, 0, RSDT_AT, 0);   /* not on a 16-byte boundary: not found */
    CHECK_EQ(acpi_rsdp_scan(fake_map, 0xe000, 0x2000), 0);
    make_rsdp(0xe200, 0, RSDT_AT, 0);
    CHECK_EQ(acpi_rsdp_scan(fake_map, 0xe000, 0x2000), 0xe200);
    CHECK_EQ(acpi_rsdp_scan(fake_map, 0xe000, 0x200), 0);        /* outside the range */
    CHECK_EQ(acpi_rsdp_scan(fake_map, FAKE_PHYS_SIZE, 0x100), 0); /* unmappable range */
    struct acpi_tables t;
    CHECK_EQ(acpi_tables_find(fake_map, 0xe100, &t), -EINVAL);
    CHECK_LOG("RSDP at 0xe100 is invalid");
}

/* HPET: event timer block id, then the base as a generic address; only memory space counts. */
static void test_hpet(void)
{
    memset(phys, 0, sizeof(phys));
    struct acpi_table_header *h = table_start(0x3000, "HPET", 1);
    uint8_t body[20] = { 0x01, 0xa2, 0x86, 0x80, ACPI_SPACE_MEM, 64, 0, 0,
                         0x00, 0x00, 0xd0, 0xfe, 0, 0, 0, 0 };
    table_append(h, body, sizeof(body));
    table_seal(h);
    CHECK_EQ(acpi_parse_hpet(h), 0xfed00000);
    ((uint8_t *)(h + 1))[4] = ACPI_SPACE_IO;
    CHECK_EQ(acpi_parse_hpet(h), 0);
    h->length = sizeof(*h) + 8;         /* too short for the address */
    CHECK_EQ(acpi_parse_hpet(h), 0);
}

int main(void)
{
    test_hpet();
    test_checksum();
    test_rsdt_walk();
    test_bad_checksum_ignored_and_named();
    test_length_overrun_rejected();
    test_xsdt_walk_and_fallback();
    test_root_table_wrong_signature();
    test_rsdp_scan();
    return test_done();
}
