/* SPDX-License-Identifier: GPL-2.0-only */
/* ACPI: the static tables the hypervisor reads (RSDP, RSDT/XSDT, MADT, FADT, the DSDT's \_S5). */
#ifndef XEN_ACPI_H
#define XEN_ACPI_H

#include <xen/config.h>
#include <xen/compiler.h>
#include <xen/types.h>

/* ---- Firmware layouts (ACPI 6.x), all little-endian and packed. ---- */

struct acpi_rsdp {
    char signature[8];          /* "RSD PTR " */
    uint8_t checksum;           /* over the first 20 bytes */
    char oem_id[6];
    uint8_t revision;           /* 0: ACPI 1.0 (20 bytes); >= 2: the fields below exist */
    uint32_t rsdt_address;
    uint32_t length;
    uint64_t xsdt_address;
    uint8_t extended_checksum;  /* over @length bytes */
    uint8_t reserved[3];
} __packed;
#define ACPI_RSDP_V1_SIZE 20

struct acpi_table_header {
    char signature[4];
    uint32_t length;            /* whole table, header included */
    uint8_t revision;
    uint8_t checksum;           /* all @length bytes sum to 0 */
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    uint32_t creator_id;
    uint32_t creator_revision;
} __packed;
_Static_assert(sizeof(struct acpi_table_header) == 36, "ACPI SDT header is 36 bytes");

/* Generic address structure (FADT registers). */
struct acpi_gas {
    uint8_t space_id;           /* 0 memory, 1 system I/O, 2 PCI config */
    uint8_t bit_width, bit_offset, access_size;
    uint64_t address;
} __packed;
#define ACPI_SPACE_MEM  0
#define ACPI_SPACE_IO   1
#define ACPI_SPACE_PCI  2

/* Biggest table we accept: far above any real DSDT, small enough to catch garbage lengths. */
#define ACPI_MAX_TABLE_LEN  (16u << 20)

/* ---- Table access: the parsers only see memory through this, so host tests can feed buffers. ---- */

/* Return a readable pointer to [pa, pa + len), or NULL when it cannot be mapped. */
typedef const void *(*acpi_map_t)(paddr_t pa, size_t len);

uint8_t acpi_checksum(const void *p, size_t len);      /* 0 when valid */
/* Is @p a valid RSDP (signature, checksums)? Warns when the extended part is bad (then v1 is used). */
bool acpi_rsdp_valid(const struct acpi_rsdp *p, bool *use_xsdt);
/* First valid RSDP in [base, base + len), searched on 16-byte boundaries; 0 if none. */
paddr_t acpi_rsdp_scan(acpi_map_t map, paddr_t base, size_t len);
/* Map and validate the table at @pa (length bounds, checksum). NULL, with a warning naming it, if bad. */
const struct acpi_table_header *acpi_table_get(acpi_map_t map, paddr_t pa, const char *what);

/* Tables found through the RSDT/XSDT. */
struct acpi_tables {
    const struct acpi_table_header *madt, *fadt, *hpet;
};
/* Base address of the HPET table's timer block (0 if the table is malformed or not in memory space). */
paddr_t acpi_parse_hpet(const struct acpi_table_header *t);
/* Walk the root table of the RSDP at @rsdp_pa; 0, or -EINVAL (warned) if the root table is unusable. */
int acpi_tables_find(acpi_map_t map, paddr_t rsdp_pa, struct acpi_tables *out);

/* ---- MADT ---- */

#define MAX_IOAPICS         16
#define MAX_IRQ_OVERRIDES   32
#define MADT_LAPIC_DEFAULT  0xfee00000

struct madt_ioapic {
    uint32_t id;
    paddr_t addr;
    uint32_t gsi_base;
};

struct madt_override {           /* ISA IRQ @irq arrives on @gsi */
    uint8_t bus, irq;
    uint32_t gsi;
    uint16_t flags;             /* MPS INTI flags: polarity bits 0-1, trigger bits 2-3 */
};

struct madt_info {
    paddr_t lapic_addr;
    bool pcat_compat;           /* legacy 8259s present */
    unsigned int nr_cpus;       /* usable (enabled or online-capable), in table order */
    uint32_t cpu_apicid[NR_CPUS];
    unsigned int nr_disabled;   /* listed but neither enabled nor online-capable */
    unsigned int nr_ioapics;
    struct madt_ioapic ioapic[MAX_IOAPICS];
    unsigned int nr_overrides;
    struct madt_override override[MAX_IRQ_OVERRIDES];
};

/* Fill @m from the (validated) MADT; malformed entries end the walk with a warning. */
void acpi_parse_madt(const struct acpi_table_header *t, struct madt_info *m);

/* ---- FADT and \_S5 ---- */

#define FADT_RESET_REG_SUP  (1u << 10)
#define FADT_TMR_VAL_EXT    (1u << 8)

struct fadt_info {
    uint32_t pm1a_cnt, pm1b_cnt;    /* I/O ports, 0 when absent */
    uint32_t pm_tmr;                /* I/O port, 0 when absent */
    bool pm_tmr_32bit;
    bool reset_supported;
    struct acpi_gas reset_reg;
    uint8_t reset_value;
    uint8_t century;                /* CMOS index of the century, 0 when absent */
    uint32_t smi_cmd;
    uint8_t acpi_enable;
    paddr_t dsdt;
};

/* Fill @f from the (validated) FADT, preferring the 64-bit X_ fields where present. */
void acpi_parse_fadt(const struct acpi_table_header *t, struct fadt_info *f);

/* Find Name(_S5, Package(){a, b, ...}) in AML; 0 with @typ = {a, b}, or -ENOENT. */
int acpi_find_s5(const uint8_t *aml, size_t len, uint8_t typ[2]);

/* ---- What the boot CPU learnt (acpi/boot.c) ---- */

struct acpi_state {
    bool present;
    struct madt_info madt;
    bool have_madt;
    struct fadt_info fadt;
    bool have_fadt;
    bool have_s5;
    uint8_t s5_typ[2];              /* SLP_TYPa, SLP_TYPb for power-off */
    paddr_t hpet_addr;              /* HPET register block, 0 when there is none */
};

extern struct acpi_state acpi;
extern uint32_t acpi_pm_tmr_port;   /* ACPI PM timer I/O port, 0 when there is none */

void acpi_init(void);               /* boot CPU, once, after traps are set up */

#endif
