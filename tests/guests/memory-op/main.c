/* SPDX-License-Identifier: GPL-2.0-only */
/* memory_op: maximum_ram_page, reservations, memory maps, machphys_mapping; P2M/M2P agree. */
#include "guest.h"

const char test_title[] = "memory_op queries and P2M/M2P consistency";

void test_main(void)
{
    long max_mfn = hc_memory_op(XENMEM_maximum_ram_page, NULL);
    printf("maximum_ram_page %#lx\n", max_mfn);
    check(max_mfn > 0, "maximum_ram_page returned %ld", max_mfn);

    domid_t self = DOMID_SELF;
    long cur = hc_memory_op(XENMEM_current_reservation, &self);
    long max = hc_memory_op(XENMEM_maximum_reservation, &self);
    printf("current %ld max %ld nr_pages %lu\n", cur, max, start_info->nr_pages);
    check(cur == (long)start_info->nr_pages, "current_reservation %ld != nr_pages %lu", cur,
          start_info->nr_pages);
    check(max >= cur, "maximum_reservation %ld < current %ld", max, cur);
    domid_t bogus = 0x7ff5;
    check(hc_memory_op(XENMEM_current_reservation, &bogus) < 0, "reservation of domain 0x7ff5");

    struct xen_machphys_mapping mm = { 0 };
    check_rc(hc_memory_op(XENMEM_machphys_mapping, &mm), 0);
    check(mm.v_start == MACH2PHYS_VIRT_START, "M2P starts at %#lx", mm.v_start);
    check(mm.v_end > mm.v_start && mm.v_end <= MACH2PHYS_VIRT_END, "M2P ends at %#lx", mm.v_end);
    check(mm.max_mfn + 1 >= (uint64_t)max_mfn, "M2P max_mfn %#lx below max ram page %#lx",
          mm.max_mfn, max_mfn);

    /* Every P2M entry is an MFN we own: the M2P maps it back. */
    for (uint64_t pfn = 0; pfn < start_info->nr_pages; pfn++) {
        uint64_t mfn = p2m[pfn];

        if (mfn > (uint64_t)max_mfn || m2p[mfn] != pfn) {
            test_fail("pfn %#lx -> mfn %#lx -> pfn %#lx", pfn, mfn, mfn <= (uint64_t)max_mfn ? m2p[mfn] : ~0UL);
            break;
        }
    }

    /* Pseudo-physical map: -ENOSYS (no map) or sorted entries with RAM. */
    static struct xen_e820_entry map[64];
    struct xen_memory_map mmap = { .nr_entries = ARRAY_SIZE(map) };
    set_xen_guest_handle(mmap.buffer, map);
    long rc = hc_memory_op(XENMEM_memory_map, &mmap);
    printf("memory_map: rc %ld, %u entries\n", rc, mmap.nr_entries);
    if (rc == 0) {
        uint64_t ram = 0;

        check(mmap.nr_entries > 0 && mmap.nr_entries <= ARRAY_SIZE(map), "%u entries", mmap.nr_entries);
        for (unsigned int i = 0; i < mmap.nr_entries && i < ARRAY_SIZE(map); i++) {
            if (map[i].type == 1)
                ram += map[i].size;
            if (i && map[i].addr < map[i - 1].addr + map[i - 1].size)
                test_fail("memory_map entry %u overlaps or is unsorted", i);
        }
        check(ram > 0, "memory_map has no RAM");
    } else {
        check(rc == -XEN_ENOSYS, "memory_map failed with %ld", rc);
    }

    /* The host map needs privilege. */
    struct xen_memory_map hmap = { .nr_entries = ARRAY_SIZE(map) };
    set_xen_guest_handle(hmap.buffer, map);
    rc = hc_memory_op(XENMEM_machine_memory_map, &hmap);
    if (is_privileged()) {
        check(rc == 0 && hmap.nr_entries > 0, "privileged machine_memory_map: rc %ld, %u entries",
              rc, hmap.nr_entries);
    } else {
        check(rc == -XEN_EPERM, "unprivileged machine_memory_map: rc %ld", rc);
    }

    /* A too-small buffer for the map: a capacity of 0 is not an error that writes anything. */
    struct xen_memory_map tiny = { .nr_entries = 0 };
    set_xen_guest_handle(tiny.buffer, map);
    rc = hc_memory_op(XENMEM_memory_map, &tiny);
    check(rc == 0 || rc == -XEN_ENOSYS || rc == -XEN_EINVAL, "memory_map with 0 capacity: %ld", rc);

    check_rc(hc_memory_op(0x3ff, NULL), -XEN_ENOSYS);
}
