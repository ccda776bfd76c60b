/* SPDX-License-Identifier: GPL-2.0-only */
/* ACPI table discovery: RSDP validation and scan, checksummed table access, the RSDT/XSDT walk. */
#include <xen/acpi.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

uint8_t acpi_checksum(const void *p, size_t len)
{
    const uint8_t *b = p;
    uint8_t sum = 0;
    while (len--)
        sum += *b++;
    return sum;
}

bool acpi_rsdp_valid(const struct acpi_rsdp *p, bool *use_xsdt)
{
    *use_xsdt = false;
    if (memcmp(p->signature, "RSD PTR ", 8) || acpi_checksum(p, ACPI_RSDP_V1_SIZE))
        return false;
    if (p->revision < 2)
        return true;
    /* An ACPI 2.0+ RSDP whose extended part is bad still has a usable RSDT. */
    if (p->length < sizeof(*p) || p->length > 4096 || acpi_checksum(p, p->length)) {
        printk(XENLOG_WARNING "ACPI: RSDP extended checksum or length (%u) bad, using the RSDT\n",
               p->length);
        return true;
    }
    *use_xsdt = p->xsdt_address != 0;
    return true;
}

paddr_t acpi_rsdp_scan(acpi_map_t map, paddr_t base, size_t len)
{
    const uint8_t *area = map(base, len);
    bool xsdt;

    if (!area)
        return 0;
    /* The v1 part must fit the area; the extended part is checked only when it claims to be there. */
    for (size_t off = 0; off + ACPI_RSDP_V1_SIZE <= len; off += 16) {
        const struct acpi_rsdp *p = (const void *)(area + off);
        if (memcmp(p->signature, "RSD PTR ", 8))
            continue;
        if (p->revision >= 2 && off + sizeof(*p) > len)
            continue;
        if (acpi_rsdp_valid(p, &xsdt))
            return base + off;
    }
    return 0;
}

const struct acpi_table_header *acpi_table_get(acpi_map_t map, paddr_t pa, const char *what)
{
    const struct acpi_table_header *h = pa ? map(pa, sizeof(*h)) : NULL;

    if (!h) {
        printk(XENLOG_WARNING "ACPI: %s at %#llx cannot be mapped, ignored\n", what,
               (unsigned long long)pa);
        return NULL;
    }
    if (h->length < sizeof(*h) || h->length > ACPI_MAX_TABLE_LEN) {
        printk(XENLOG_WARNING "ACPI: %s at %#llx has a bad length (%u), ignored\n", what,
               (unsigned long long)pa, h->length);
        return NULL;
    }
    h = map(pa, h->length);
    if (!h) {
        printk(XENLOG_WARNING "ACPI: %s at %#llx cannot be mapped, ignored\n", what,
               (unsigned long long)pa);
        return NULL;
    }
    if (acpi_checksum(h, h->length)) {
        printk(XENLOG_WARNING "ACPI: %s at %#llx has a bad checksum, ignored\n", what,
               (unsigned long long)pa);
        return NULL;
    }
    return h;
}

static void print_table(const struct acpi_table_header *h, paddr_t pa)
{
    printk("ACPI: %.4s %#010llx %06x (v%02u %.6s %.8s)\n", h->signature, (unsigned long long)pa,
           h->length, h->revision, h->oem_id, h->oem_table_id);
}

/* Remember the first valid table of each kind we use. */
static void note_table(acpi_map_t map, paddr_t pa, struct acpi_tables *out)
{
    const struct acpi_table_header *h = pa ? map(pa, sizeof(*h)) : NULL;
    char name[5] = { 0 };

    if (!h) {
        printk(XENLOG_WARNING "ACPI: root table entry %#llx cannot be mapped, ignored\n",
               (unsigned long long)pa);
        return;
    }
    memcpy(name, h->signature, 4);
    for (int i = 0; i < 4; i++)         /* keep garbage signatures printable */
        if (name[i] < 0x20 || name[i] > 0x7e)
            name[i] = '?';
    h = acpi_table_get(map, pa, name);
    if (!h)
        return;
    print_table(h, pa);
    if (!memcmp(h->signature, "APIC", 4) && !out->madt)
        out->madt = h;
    else if (!memcmp(h->signature, "FACP", 4) && !out->fadt)
        out->fadt = h;
    else if (!memcmp(h->signature, "HPET", 4) && !out->hpet)
        out->hpet = h;
}

/* HPET table: header, event timer block id (4), then the base address as a generic address. */
paddr_t acpi_parse_hpet(const struct acpi_table_header *t)
{
    struct acpi_gas base;
    if (t->length < sizeof(*t) + 4 + sizeof(base))
        return 0;
    memcpy(&base, (const uint8_t *)(t + 1) + 4, sizeof(base));
    return base.space_id == ACPI_SPACE_MEM ? base.address : 0;
}

int acpi_tables_find(acpi_map_t map, paddr_t rsdp_pa, struct acpi_tables *out)
{
    const struct acpi_rsdp *rsdp = map(rsdp_pa, ACPI_RSDP_V1_SIZE);
    bool xsdt;

    memset(out, 0, sizeof(*out));
    if (!rsdp || !acpi_rsdp_valid(rsdp, &xsdt)) {
        printk(XENLOG_WARNING "ACPI: RSDP at %#llx is invalid, ACPI ignored\n",
               (unsigned long long)rsdp_pa);
        return -EINVAL;
    }
    if (rsdp->revision >= 2)
        rsdp = map(rsdp_pa, sizeof(*rsdp));
    printk("ACPI: RSDP %#010llx (v%02u %.6s)\n", (unsigned long long)rsdp_pa, rsdp->revision,
           rsdp->oem_id);

    const struct acpi_table_header *root = NULL;
    if (xsdt)
        root = acpi_table_get(map, rsdp->xsdt_address, "XSDT");
    if (!root) {
        xsdt = false;
        root = acpi_table_get(map, rsdp->rsdt_address, "RSDT");
    }
    if (!root)
        return -EINVAL;
    if (memcmp(root->signature, xsdt ? "XSDT" : "RSDT", 4)) {
        printk(XENLOG_WARNING "ACPI: root table has signature '%.4s', ACPI ignored\n",
               root->signature);
        return -EINVAL;
    }
    print_table(root, xsdt ? rsdp->xsdt_address : rsdp->rsdt_address);

    size_t esize = xsdt ? 8 : 4;
    size_t n = (root->length - sizeof(*root)) / esize;
    const uint8_t *e = (const uint8_t *)(root + 1);
    for (size_t i = 0; i < n; i++) {
        uint64_t pa = 0;
        memcpy(&pa, e + i * esize, esize);      /* entries are unaligned in XSDTs */
        note_table(map, pa, out);
    }
    return 0;
}
