/* SPDX-License-Identifier: GPL-2.0-only */
/* FADT parsing (PM1 control blocks, PM timer, reset register, century) and the DSDT's \_S5 package. */
#include <xen/acpi.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

/* Byte offsets in the FADT (ACPI 6.x, "Fixed ACPI Description Table"). */
#define FADT_DSDT           40
#define FADT_SMI_CMD        48
#define FADT_ACPI_ENABLE    52
#define FADT_PM1A_CNT       64
#define FADT_PM1B_CNT       68
#define FADT_PM_TMR         76
#define FADT_CENTURY        108
#define FADT_FLAGS          112
#define FADT_RESET_REG      116
#define FADT_RESET_VALUE    128
#define FADT_X_DSDT         140
#define FADT_X_PM1A_CNT     172
#define FADT_X_PM1B_CNT     184
#define FADT_X_PM_TMR       208

/* Copy @size bytes at @off into @v if the table is long enough; false (v zeroed) otherwise. */
static bool field(const struct acpi_table_header *t, size_t off, void *v, size_t size)
{
    memset(v, 0, size);
    if (off + size > t->length)
        return false;
    memcpy(v, (const uint8_t *)t + off, size);
    return true;
}

static uint32_t field32(const struct acpi_table_header *t, size_t off)
{
    uint32_t v;
    field(t, off, &v, 4);
    return v;
}

/* An I/O port block: the X_ GAS when it is a usable port, else the legacy 32-bit field. */
static uint32_t port_block(const struct acpi_table_header *t, size_t x_off, size_t legacy_off,
                           const char *name)
{
    struct acpi_gas g;
    uint32_t legacy = field32(t, legacy_off);

    if (field(t, x_off, &g, sizeof(g)) && g.address) {
        if (g.space_id == ACPI_SPACE_IO && g.address <= 0xffff)
            return (uint32_t)g.address;
        if (!legacy)
            printk(XENLOG_WARNING "FADT: %s is not an I/O port (space %u), not used\n", name,
                   g.space_id);
    }
    return legacy <= 0xffff ? legacy : 0;
}

void acpi_parse_fadt(const struct acpi_table_header *t, struct fadt_info *f)
{
    uint64_t xdsdt;

    memset(f, 0, sizeof(*f));
    f->pm1a_cnt = port_block(t, FADT_X_PM1A_CNT, FADT_PM1A_CNT, "PM1a_CNT_BLK");
    f->pm1b_cnt = port_block(t, FADT_X_PM1B_CNT, FADT_PM1B_CNT, "PM1b_CNT_BLK");
    f->pm_tmr = port_block(t, FADT_X_PM_TMR, FADT_PM_TMR, "PM_TMR_BLK");
    uint32_t flags = field32(t, FADT_FLAGS);
    f->pm_tmr_32bit = flags & FADT_TMR_VAL_EXT;
    field(t, FADT_SMI_CMD, &f->smi_cmd, 4);
    field(t, FADT_ACPI_ENABLE, &f->acpi_enable, 1);
    field(t, FADT_CENTURY, &f->century, 1);
    /* The reset register exists from FADT revision 2 on, and only counts when flagged. */
    f->reset_supported = t->revision >= 2 && (flags & FADT_RESET_REG_SUP) &&
                         field(t, FADT_RESET_REG, &f->reset_reg, sizeof(f->reset_reg)) &&
                         field(t, FADT_RESET_VALUE, &f->reset_value, 1) && f->reset_reg.address;
    if (field(t, FADT_X_DSDT, &xdsdt, 8) && xdsdt)
        f->dsdt = xdsdt;
    else
        f->dsdt = field32(t, FADT_DSDT);
}

#define AML_ZERO_OP     0x00
#define AML_ONE_OP      0x01
#define AML_NAME_OP     0x08
#define AML_BYTE_PREFIX 0x0a
#define AML_WORD_PREFIX 0x0b
#define AML_DWORD_PREFIX 0x0c
#define AML_PACKAGE_OP  0x12
#define AML_ROOT_CHAR   0x5c

/* Decode one integer package element at @p (bounded by @end); its length, or 0 if not a constant. */
static size_t aml_int(const uint8_t *p, const uint8_t *end, uint32_t *v)
{
    static const uint8_t size[] = { [AML_BYTE_PREFIX] = 1, [AML_WORD_PREFIX] = 2, [AML_DWORD_PREFIX] = 4 };

    if (p >= end)
        return 0;
    if (*p == AML_ZERO_OP || *p == AML_ONE_OP) {
        *v = *p;
        return 1;
    }
    if (*p < AML_BYTE_PREFIX || *p > AML_DWORD_PREFIX || end - p < 1 + size[*p])
        return 0;
    *v = 0;
    memcpy(v, p + 1, size[*p]);
    return 1 + size[*p];
}

int acpi_find_s5(const uint8_t *aml, size_t len, uint8_t typ[2])
{
    const uint8_t *end = aml + len;

    for (const uint8_t *p = aml; p + 4 <= end; p++) {
        if (memcmp(p, "_S5_", 4))
            continue;
        /* Must be a name declaration: NameOp, optionally the root prefix, then the name. */
        bool named = (p > aml && p[-1] == AML_NAME_OP) ||
                     (p > aml + 1 && p[-1] == AML_ROOT_CHAR && p[-2] == AML_NAME_OP);
        const uint8_t *q = p + 4;
        if (!named || q >= end || *q != AML_PACKAGE_OP)
            continue;
        q++;
        /* PkgLength (bits 7-6 of its lead byte count the extra bytes), then NumElements. */
        if (q >= end || (size_t)(end - q) < 2u + (*q >> 6))
            continue;
        q += 2 + (*q >> 6);
        uint32_t v[2];
        size_t n0 = aml_int(q, end, &v[0]);
        size_t n1 = n0 ? aml_int(q + n0, end, &v[1]) : 0;
        if (!n1)
            continue;
        typ[0] = v[0] & 7;              /* SLP_TYP is a 3-bit field */
        typ[1] = v[1] & 7;
        return 0;
    }
    return -ENOENT;
}
