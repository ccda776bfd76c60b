/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/memmap.c */
/* Memory-map clean-up and range sets: sorting, overlaps, merging, bad entries, subtraction, allocation. */
#include <string.h>
#include <test.h>
#include <xen/memmap.h>

static struct memmap map;

static void add(uint64_t addr, uint64_t size, uint32_t type)
{
    map.e[map.nr++] = (struct memmap_entry){ addr, size, type };
}

static void check_entry(unsigned int i, uint64_t addr, uint64_t end, uint32_t type)
{
    CHECK(i < map.nr);
    CHECK_EQ(map.e[i].addr, addr);
    CHECK_EQ(map.e[i].addr + map.e[i].size, end);
    CHECK_EQ(map.e[i].type, type);
}

static void test_qemu_map_unchanged(void)
{
    map.nr = 0;
    add(0, 0x9fc00, E820_RAM);
    add(0x9fc00, 0x400, E820_RESERVED);
    add(0xf0000, 0x10000, E820_RESERVED);
    add(0x100000, 0x7ee0000, E820_RAM);
    add(0x7fe0000, 0x20000, E820_RESERVED);
    test_log_clear();
    CHECK_EQ(memmap_sanitise(&map), 0);
    CHECK_EQ(map.nr, 5);
    CHECK_STR(test_log(), "");
    check_entry(3, 0x100000, 0x7fe0000, E820_RAM);

    struct mem_ranges ram;
    memmap_ram(&map, &ram);
    CHECK_EQ(ram.nr, 2);
    CHECK_EQ(ram.r[0].start, 0);
    CHECK_EQ(ram.r[0].end, 0x9f000);           /* shrunk inward to a page */
    CHECK_EQ(ranges_total(&ram), 0x9f000 + 0x7ee0000);
}

static void test_sort_merge_overlap(void)
{
    map.nr = 0;
    add(0x200000, 0x100000, E820_RAM);          /* out of order, adjacent: merge */
    add(0x100000, 0x100000, E820_RAM);
    add(0x280000, 0x10000, E820_ACPI);          /* inside RAM: ACPI wins, RAM split */
    add(0x1000000, 0x1000000, E820_RAM);
    add(0x1800000, 0x1000000, E820_RESERVED);   /* overlaps the RAM's tail */
    add(0x5000000, 0, E820_RAM);                /* empty: dropped */
    test_log_clear();
    CHECK_EQ(memmap_sanitise(&map), 2);
    CHECK_LOG("0x280000-0x290000 is listed with conflicting types; using ACPI data");
    CHECK_LOG("using reserved");
    CHECK_EQ(map.nr, 5);
    check_entry(0, 0x100000, 0x280000, E820_RAM);
    check_entry(1, 0x280000, 0x290000, E820_ACPI);
    check_entry(2, 0x290000, 0x300000, E820_RAM);
    check_entry(3, 0x1000000, 0x1800000, E820_RAM);
    check_entry(4, 0x1800000, 0x2800000, E820_RESERVED);
}

static void test_duplicates_and_unknown_types(void)
{
    map.nr = 0;
    add(0x100000, 0x100000, E820_RAM);
    add(0x100000, 0x100000, E820_RAM);          /* the same entry twice: no conflict */
    add(0x180000, 0x1000, 77);                  /* unknown type beats RAM */
    test_log_clear();
    CHECK_EQ(memmap_sanitise(&map), 1);
    CHECK_EQ(map.nr, 3);
    check_entry(1, 0x180000, 0x181000, 77);
}

static void test_absurd_entries(void)
{
    map.nr = 0;
    add(0x100000, 0x100000, E820_RAM);
    add(~0ULL - 0x1000, 0x10000, E820_RAM);     /* wraps around */
    add(MAX_PHYS_ADDR - 0x1000, 0x2000, E820_RAM);  /* runs past 2^52: clipped */
    test_log_clear();
    CHECK_EQ(memmap_sanitise(&map), 2);
    CHECK_LOG("beyond the physical address space; ignored");
    CHECK_LOG("clipped");
    CHECK_EQ(map.nr, 2);
    check_entry(1, MAX_PHYS_ADDR - 0x1000, MAX_PHYS_ADDR, E820_RAM);
}

static void test_too_many_pieces(void)
{
    /* 128 RAM entries each cut by a reserved one would need more regions than the map holds. */
    map.nr = 0;
    for (unsigned int i = 0; i < MAX_MEMMAP / 2; i++) {
        add(i * 0x100000ULL, 0x80000, E820_RAM);
        add(i * 0x100000ULL + 0x20000, 0x1000, E820_RESERVED);
    }
    test_log_clear();
    CHECK(memmap_sanitise(&map) >= 1);
    CHECK_LOG("more than 128 regions");
    CHECK_EQ(map.nr, MAX_MEMMAP);
    check_entry(0, 0, 0x20000, E820_RAM);
    check_entry(1, 0x20000, 0x21000, E820_RESERVED);
    check_entry(2, 0x21000, 0x80000, E820_RAM);
}

static void test_ranges(void)
{
    static struct mem_ranges r;
    r.nr = 0;
    ranges_add(&r, 0x3000, 0x5000);
    ranges_add(&r, 0x1000, 0x2000);
    ranges_add(&r, 0x2000, 0x3000);             /* touches both: one range */
    CHECK_EQ(r.nr, 1);
    CHECK_EQ(r.r[0].start, 0x1000);
    CHECK_EQ(r.r[0].end, 0x5000);
    ranges_add(&r, 0x10000, 0x20000);
    ranges_remove(&r, 0x2000, 0x3000);          /* a hole */
    CHECK_EQ(r.nr, 3);
    CHECK_EQ(ranges_total(&r), 0x1000 + 0x2000 + 0x10000);
    CHECK(ranges_contain(&r, 0x3000, 0x5000));
    CHECK(!ranges_contain(&r, 0x1000, 0x4000));
    ranges_remove(&r, 0, 0x11000);              /* swallows two, trims the third */
    CHECK_EQ(r.nr, 1);
    CHECK_EQ(r.r[0].start, 0x11000);
    ranges_add(&r, 0, 0x100000);                /* covers everything */
    CHECK_EQ(r.nr, 1);
    CHECK_EQ(ranges_total(&r), 0x100000);

    r.nr = 0;
    ranges_add(&r, 0x1000, 0x9f000);
    ranges_add(&r, 0x100000, 0x400000);
    CHECK_EQ(ranges_alloc(&r, 0x1000, 0x1000, 0x100000), 0x9e000);     /* highest below 1 MiB */
    CHECK_EQ(ranges_alloc(&r, 0x200000, 0x200000, ~0ULL), 0x200000);   /* aligned */
    CHECK_EQ(ranges_alloc(&r, 0x200000, 0x200000, ~0ULL), INVALID_PADDR);
    CHECK_EQ(ranges_total(&r), 0x9d000 + 0x100000);
    CHECK_EQ(ranges_alloc(&r, 0x100000, 0x1000, ~0ULL), 0x100000);
    CHECK_EQ(ranges_alloc(&r, 0x9e000, 0x1000, ~0ULL), INVALID_PADDR);
}

static void test_range_overflow_panics(void)
{
    static struct mem_ranges r;
    r.nr = 0;
    for (unsigned int i = 0; i < MAX_MEM_RANGES; i++)
        ranges_add(&r, i * 0x10000ULL, i * 0x10000ULL + 0x1000);
    CHECK_EQ(r.nr, MAX_MEM_RANGES);
    EXPECT_BUG(ranges_remove(&r, 0x800, 0x900));
    CHECK(strstr(test_bug_msg, "more than 256 separate ranges") != NULL);
}

int main(void)
{
    test_qemu_map_unchanged();
    test_sort_merge_overlap();
    test_duplicates_and_unknown_types();
    test_absurd_entries();
    test_too_many_pieces();
    test_ranges();
    test_range_overflow_panics();
    return test_done();
}
