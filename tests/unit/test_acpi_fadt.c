/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/arch/x86/acpi/fadt.c xen/arch/x86/acpi/tables.c */
/* FADT fields (legacy and X_ forms, reset register, short tables) and the \_S5 scan over hand-built AML. */
#include <test.h>
#include <acpi_build.h>
#include <xen/errno.h>

static struct fadt_info f;

static void put(struct acpi_table_header *h, size_t off, const void *v, size_t n)
{
    memcpy((uint8_t *)h + off, v, n);
}

static void put32(struct acpi_table_header *h, size_t off, uint32_t v) { put(h, off, &v, 4); }

static void put_gas(struct acpi_table_header *h, size_t off, uint8_t space, uint64_t addr)
{
    struct acpi_gas g = { .space_id = space, .bit_width = 8, .address = addr };
    put(h, off, &g, sizeof(g));
}

/* A FADT of @len bytes (116: revision 1, 244: revision 3), zero-filled. */
static struct acpi_table_header *fadt(size_t len, uint8_t rev)
{
    static uint8_t zeros[512];
    struct acpi_table_header *h = table_start(0x2000, "FACP", rev);
    table_append(h, zeros, len - sizeof(*h));
    return h;
}

static void test_fadt_v1_qemu_pc(void)
{
    struct acpi_table_header *h = fadt(116, 1);
    put32(h, 40, 0x7fe0040);            /* DSDT */
    put32(h, 48, 0xb2);                 /* SMI_CMD */
    put32(h, 64, 0x604);                /* PM1a_CNT_BLK */
    put32(h, 76, 0x608);                /* PM_TMR_BLK */
    ((uint8_t *)h)[108] = 0x32;         /* century */
    table_seal(h);
    acpi_parse_fadt(h, &f);
    CHECK_EQ(f.pm1a_cnt, 0x604);
    CHECK_EQ(f.pm1b_cnt, 0);
    CHECK_EQ(f.pm_tmr, 0x608);
    CHECK(!f.pm_tmr_32bit);
    CHECK_EQ(f.century, 0x32);
    CHECK_EQ(f.smi_cmd, 0xb2);
    CHECK_EQ(f.dsdt, 0x7fe0040);
    CHECK(!f.reset_supported);          /* revision 1 has no reset register */
}

static void test_fadt_v3_x_fields_and_reset(void)
{
    struct acpi_table_header *h = fadt(244, 3);
    put32(h, 40, 0x1000);
    put32(h, 64, 0x604);
    put32(h, 76, 0x608);
    put32(h, 112, (1u << 10) | (1u << 8));      /* RESET_REG_SUP, TMR_VAL_EXT */
    put_gas(h, 116, ACPI_SPACE_IO, 0xcf9);
    ((uint8_t *)h)[128] = 6;
    uint64_t xdsdt = 0x123456000ULL;
    put(h, 140, &xdsdt, 8);
    put_gas(h, 172, ACPI_SPACE_IO, 0x1004);     /* X_PM1a_CNT wins over the legacy field */
    put_gas(h, 208, ACPI_SPACE_MEM, 0xfed00000); /* a memory-space timer: legacy port kept */
    table_seal(h);
    test_log_clear();
    acpi_parse_fadt(h, &f);
    CHECK_EQ(f.pm1a_cnt, 0x1004);
    CHECK_EQ(f.pm_tmr, 0x608);
    CHECK(f.pm_tmr_32bit);
    CHECK(f.reset_supported);
    CHECK_EQ(f.reset_reg.space_id, ACPI_SPACE_IO);
    CHECK_EQ(f.reset_reg.address, 0xcf9);
    CHECK_EQ(f.reset_value, 6);
    CHECK_EQ(f.dsdt, 0x123456000ULL);
}

static void test_fadt_truncated(void)
{
    /* Too short for PM_TMR_BLK (offset 76): the field reads as absent, nothing past the end is read. */
    struct acpi_table_header *h = fadt(70, 1);
    put32(h, 64, 0x604);
    table_seal(h);
    acpi_parse_fadt(h, &f);
    CHECK_EQ(f.pm1a_cnt, 0x604);
    CHECK_EQ(f.pm_tmr, 0);
    CHECK_EQ(f.century, 0);
    CHECK(!f.reset_supported);
}

static void test_fadt_memory_pm1_without_port(void)
{
    struct acpi_table_header *h = fadt(244, 5);
    put_gas(h, 172, ACPI_SPACE_MEM, 0xfed80000);
    table_seal(h);
    test_log_clear();
    acpi_parse_fadt(h, &f);
    CHECK_EQ(f.pm1a_cnt, 0);
    CHECK_LOG("FADT: PM1a_CNT_BLK is not an I/O port (space 0)");
}

static void check_s5(const uint8_t *aml, size_t len, int rc, uint8_t a, uint8_t b)
{
    uint8_t typ[2] = { 0xee, 0xee };
    CHECK_EQ(acpi_find_s5(aml, len, typ), rc);
    if (rc == 0) {
        CHECK_EQ(typ[0], a);
        CHECK_EQ(typ[1], b);
    }
}

static void test_s5_encodings(void)
{
    /* QEMU: Name (_S5, Package (4) { Zero, Zero, Zero, Zero }) */
    static const uint8_t qemu[] = { 0x10, 0x08, 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0, 0, 0, 0 };
    check_s5(qemu, sizeof(qemu), 0, 0, 0);
    /* Name (\_S5, Package () { 0x05, 0x05, Zero, Zero }): root prefix, byte-prefixed values */
    static const uint8_t bytes[] = { 0x08, '\\', '_', 'S', '5', '_', 0x12, 0x0a, 0x04, 0x0a, 0x05, 0x0a, 0x05, 0, 0 };
    check_s5(bytes, sizeof(bytes), 0, 5, 5);
    /* Mixed: BytePrefix 7 then One */
    static const uint8_t mixed[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x07, 0x02, 0x0a, 0x07, 0x01 };
    check_s5(mixed, sizeof(mixed), 0, 7, 1);
    /* A two-byte PkgLength (lead byte 0x4X) and a WordPrefix value masked to 3 bits */
    static const uint8_t pkglen2[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x48, 0x00, 0x02, 0x0b, 0x0e, 0x00, 0x0a, 0x03 };
    check_s5(pkglen2, sizeof(pkglen2), 0, 6, 3);
}

static void test_s5_not_a_declaration_then_real(void)
{
    /* "_S5_" as a method call's argument first (not after NameOp), then the real declaration. */
    static const uint8_t aml[] = { 0x70, '_', 'S', '5', '_', 0x12, 0x04, 0x02, 0x01, 0x01,
                                   0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x0a, 0x02, 0x00 };
    check_s5(aml, sizeof(aml), 0, 2, 0);
}

static void test_s5_missing_or_truncated(void)
{
    static const uint8_t none[] = { 0x08, '_', 'S', '4', '_', 0x12, 0x04, 0x02, 0x00, 0x00 };
    check_s5(none, sizeof(none), -ENOENT, 0, 0);
    static const uint8_t cut[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x0a };
    check_s5(cut, sizeof(cut), -ENOENT, 0, 0);
    static const uint8_t cut2[] = { 0x08, '_', 'S', '5', '_', 0x12, 0xc0 };
    check_s5(cut2, sizeof(cut2), -ENOENT, 0, 0);
    /* A method, not a package: not understood, so not found. */
    static const uint8_t method[] = { 0x14, 0x08, '_', 'S', '5', '_', 0x00, 0xa4, 0x00 };
    check_s5(method, sizeof(method), -ENOENT, 0, 0);
    check_s5(none, 0, -ENOENT, 0, 0);
}

int main(void)
{
    test_fadt_v1_qemu_pc();
    test_fadt_v3_x_fields_and_reset();
    test_fadt_truncated();
    test_fadt_memory_pm1_without_port();
    test_s5_encodings();
    test_s5_not_a_declaration_then_real();
    test_s5_missing_or_truncated();
    return test_done();
}
