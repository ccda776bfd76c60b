/* SPDX-License-Identifier: GPL-2.0-only */
/* Cleaning up the loader's memory map and keeping sets of physical ranges. Pure. */
#include <xen/lib.h>
#include <xen/memmap.h>

static const char *type_name(uint32_t type)
{
    static const char *const names[] = { "type 0", "RAM", "reserved", "ACPI data", "ACPI NVS", "unusable" };
    return type < ARRAY_SIZE(names) ? names[type] : "unknown type";
}

/* Who wins an overlap: RAM loses to everything, unknown types count as reserved. */
static int type_rank(uint32_t type)
{
    switch (type) {
    case E820_RAM: return 0;
    case E820_ACPI: return 1;
    case E820_NVS: return 2;
    case E820_UNUSABLE: return 3;
    default: return 4;
    }
}

static void sort_paddrs(paddr_t *v, unsigned int n)
{
    for (unsigned int i = 1; i < n; i++)
        for (unsigned int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            paddr_t t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
}

/* Drop what cannot be used as given; clip what runs past the physical address space. */
static unsigned int drop_bad_entries(struct memmap *map)
{
    unsigned int problems = 0, n = 0;
    for (unsigned int i = 0; i < map->nr; i++) {
        struct memmap_entry e = map->e[i];
        if (!e.size)
            continue;
        uint64_t end = e.addr + e.size;
        if (end < e.addr || end > MAX_PHYS_ADDR) {
            problems++;
            if (e.addr >= MAX_PHYS_ADDR) {
                printk(XENLOG_WARNING "memory map: %s entry at %#llx is beyond the physical "
                       "address space; ignored\n", type_name(e.type), (unsigned long long)e.addr);
                continue;
            }
            printk(XENLOG_WARNING "memory map: %s entry at %#llx runs past the physical "
                   "address space; clipped\n", type_name(e.type), (unsigned long long)e.addr);
            e.size = MAX_PHYS_ADDR - e.addr;
        }
        map->e[n++] = e;
    }
    map->nr = n;
    return problems;
}

unsigned int memmap_sanitise(struct memmap *map)
{
    static paddr_t edge[2 * MAX_MEMMAP];
    static struct memmap out;
    unsigned int problems = drop_bad_entries(map), nedge = 0;

    for (unsigned int i = 0; i < map->nr; i++) {
        edge[nedge++] = map->e[i].addr;
        edge[nedge++] = map->e[i].addr + map->e[i].size;
    }
    sort_paddrs(edge, nedge);

    /* Every piece between two consecutive edges gets the winning type of the entries covering it. */
    out.nr = 0;
    for (unsigned int k = 0; k + 1 < nedge; k++) {
        paddr_t s = edge[k], e = edge[k + 1];
        if (s == e)
            continue;
        int best = -1, nr_types = 0;
        uint32_t type = 0, first = 0;
        for (unsigned int i = 0; i < map->nr; i++) {
            const struct memmap_entry *m = &map->e[i];
            if (m->addr > s || m->addr + m->size < e)
                continue;
            if (!nr_types++)
                first = m->type;
            else if (m->type != first)
                nr_types = 99;
            if (type_rank(m->type) > best) {
                best = type_rank(m->type);
                type = m->type;
            }
        }
        if (best < 0)
            continue;                       /* a hole */
        if (nr_types == 99) {
            problems++;
            printk(XENLOG_WARNING "memory map: %#llx-%#llx is listed with conflicting types; "
                   "using %s\n", (unsigned long long)s, (unsigned long long)e, type_name(type));
        }
        struct memmap_entry *last = out.nr ? &out.e[out.nr - 1] : NULL;
        if (last && last->type == type && last->addr + last->size == s) {
            last->size += e - s;
        } else if (out.nr < MAX_MEMMAP) {
            out.e[out.nr++] = (struct memmap_entry){ s, e - s, type };
        } else {
            problems++;
            printk(XENLOG_WARNING "memory map: more than %d regions; %#llx and above ignored\n",
                   MAX_MEMMAP, (unsigned long long)s);
            break;
        }
    }
    *map = out;
    return problems;
}

void memmap_ram(const struct memmap *map, struct mem_ranges *ram)
{
    ram->nr = 0;
    for (unsigned int i = 0; i < map->nr; i++) {
        if (map->e[i].type != E820_RAM)
            continue;
        paddr_t s = PAGE_ALIGN(map->e[i].addr), e = (map->e[i].addr + map->e[i].size) & PAGE_MASK;
        if (s < e)
            ranges_add(ram, s, e);
    }
}

static void insert_at(struct mem_ranges *rs, unsigned int i, paddr_t start, paddr_t end)
{
    if (rs->nr == MAX_MEM_RANGES)
        panic("memory map: more than %d separate ranges of memory; cannot track them",
              MAX_MEM_RANGES);
    memmove(&rs->r[i + 1], &rs->r[i], (rs->nr - i) * sizeof(rs->r[0]));
    rs->r[i] = (struct mem_range){ start, end };
    rs->nr++;
}

static void delete_at(struct mem_ranges *rs, unsigned int i)
{
    memmove(&rs->r[i], &rs->r[i + 1], (rs->nr - i - 1) * sizeof(rs->r[0]));
    rs->nr--;
}

void ranges_add(struct mem_ranges *rs, paddr_t start, paddr_t end)
{
    if (start >= end)
        return;
    unsigned int i = 0;
    while (i < rs->nr && rs->r[i].end < start)
        i++;
    if (i == rs->nr || rs->r[i].start > end) {
        insert_at(rs, i, start, end);
        return;
    }
    /* Overlaps or touches r[i]: grow it, then swallow the ranges it now reaches. */
    rs->r[i].start = MIN(rs->r[i].start, start);
    rs->r[i].end = MAX(rs->r[i].end, end);
    while (i + 1 < rs->nr && rs->r[i + 1].start <= rs->r[i].end) {
        rs->r[i].end = MAX(rs->r[i].end, rs->r[i + 1].end);
        delete_at(rs, i + 1);
    }
}

void ranges_remove(struct mem_ranges *rs, paddr_t start, paddr_t end)
{
    for (unsigned int i = 0; i < rs->nr && start < end; i++) {
        struct mem_range *r = &rs->r[i];
        if (r->end <= start || r->start >= end)
            continue;
        if (r->start < start && r->end > end) {         /* a hole in the middle */
            paddr_t tail = r->end;
            r->end = start;
            insert_at(rs, i + 1, end, tail);
            return;
        }
        if (r->start < start)
            r->end = start;
        else if (r->end > end)
            r->start = end;
        else
            delete_at(rs, i--);
    }
}

bool ranges_contain(const struct mem_ranges *rs, paddr_t start, paddr_t end)
{
    for (unsigned int i = 0; i < rs->nr; i++)
        if (rs->r[i].start <= start && end <= rs->r[i].end)
            return true;
    return false;
}

uint64_t ranges_total(const struct mem_ranges *rs)
{
    uint64_t total = 0;
    for (unsigned int i = 0; i < rs->nr; i++)
        total += rs->r[i].end - rs->r[i].start;
    return total;
}

paddr_t ranges_alloc(struct mem_ranges *rs, uint64_t size, uint64_t align, paddr_t limit)
{
    for (unsigned int i = rs->nr; i-- > 0;) {
        paddr_t top = MIN(rs->r[i].end, limit);
        if (top < rs->r[i].start + size)
            continue;
        paddr_t at = ROUNDDOWN(top - size, align);
        if (at < rs->r[i].start)
            continue;
        ranges_remove(rs, at, at + size);
        return at;
    }
    return INVALID_PADDR;
}
