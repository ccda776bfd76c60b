/* SPDX-License-Identifier: GPL-2.0-only */
/* MADT parsing: local APICs and x2APICs (CPUs), IO-APICs, interrupt source overrides. */
#include <xen/acpi.h>
#include <xen/lib.h>
#include <xen/string.h>

#define MADT_LAPIC              0
#define MADT_IOAPIC             1
#define MADT_OVERRIDE           2
#define MADT_LAPIC_ADDR         5
#define MADT_X2APIC             9

#define MADT_ENABLED            (1u << 0)
#define MADT_ONLINE_CAPABLE     (1u << 1)

struct madt_fixed {                 /* after the SDT header */
    uint32_t lapic_addr;
    uint32_t flags;                 /* bit 0: PC/AT 8259s present */
} __packed;

/* Minimum length of each entry type we read (shorter means malformed). */
static const uint8_t entry_min_len[] = {
    [MADT_LAPIC] = 8, [MADT_IOAPIC] = 12, [MADT_OVERRIDE] = 10,
    [MADT_LAPIC_ADDR] = 12, [MADT_X2APIC] = 16,
};

static uint32_t get32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t get64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

static void add_cpu(struct madt_info *m, uint32_t apic_id, uint32_t flags)
{
    if (!(flags & (MADT_ENABLED | MADT_ONLINE_CAPABLE))) {
        m->nr_disabled++;
        return;
    }
    for (unsigned int i = 0; i < m->nr_cpus; i++)
        if (m->cpu_apicid[i] == apic_id)
            return;                 /* listed as both LAPIC and x2APIC: once is enough */
    if (m->nr_cpus == NR_CPUS) {
        printk(XENLOG_WARNING "MADT: more than %u CPUs, APIC id %u ignored\n", NR_CPUS, apic_id);
        return;
    }
    m->cpu_apicid[m->nr_cpus++] = apic_id;
}

static void add_ioapic(struct madt_info *m, const uint8_t *e)
{
    if (m->nr_ioapics == MAX_IOAPICS) {
        printk(XENLOG_WARNING "MADT: more than %u IO-APICs, id %u ignored\n", MAX_IOAPICS, e[2]);
        return;
    }
    m->ioapic[m->nr_ioapics++] = (struct madt_ioapic){
        .id = e[2], .addr = get32(e + 4), .gsi_base = get32(e + 8),
    };
}

static void add_override(struct madt_info *m, const uint8_t *e)
{
    if (m->nr_overrides == MAX_IRQ_OVERRIDES) {
        printk(XENLOG_WARNING "MADT: more than %u interrupt overrides, IRQ %u ignored\n",
               MAX_IRQ_OVERRIDES, e[3]);
        return;
    }
    uint16_t flags;
    memcpy(&flags, e + 8, 2);
    m->override[m->nr_overrides++] = (struct madt_override){
        .bus = e[2], .irq = e[3], .gsi = get32(e + 4), .flags = flags,
    };
}

void acpi_parse_madt(const struct acpi_table_header *t, struct madt_info *m)
{
    const uint8_t *base = (const uint8_t *)t;
    size_t off = sizeof(*t) + sizeof(struct madt_fixed);

    memset(m, 0, sizeof(*m));
    m->lapic_addr = MADT_LAPIC_DEFAULT;
    if (t->length < off) {
        printk(XENLOG_WARNING "MADT: table too short (%u bytes), ignored\n", t->length);
        return;
    }
    const struct madt_fixed *fx = (const void *)(t + 1);
    m->lapic_addr = fx->lapic_addr;
    m->pcat_compat = fx->flags & 1;

    while (off < t->length) {
        const uint8_t *e = base + off;
        if (t->length - off < 2 || e[1] < 2 || e[1] > t->length - off) {
            printk(XENLOG_WARNING "MADT: entry at offset %zu overruns the table (%u bytes), "
                   "rest ignored\n", off, t->length);
            return;
        }
        uint8_t type = e[0], len = e[1];
        off += len;
        if (type < ARRAY_SIZE(entry_min_len) && entry_min_len[type] && len < entry_min_len[type]) {
            printk(XENLOG_WARNING "MADT: type %u entry at offset %zu too short (%u), skipped\n",
                   type, off - len, len);
            continue;
        }
        switch (type) {
        case MADT_LAPIC:
            add_cpu(m, e[3], get32(e + 4));
            break;
        case MADT_X2APIC:
            add_cpu(m, get32(e + 4), get32(e + 8));
            break;
        case MADT_IOAPIC:
            add_ioapic(m, e);
            break;
        case MADT_OVERRIDE:
            add_override(m, e);
            break;
        case MADT_LAPIC_ADDR:
            m->lapic_addr = get64(e + 4);
            break;
        default:                    /* NMI sources, LAPIC NMI, GIC...: nothing we use */
            break;
        }
    }
}
