/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: multicall as an amplifier. Nested multicalls, unknown ops,
 * entry arguments pointing into the hypervisor, and result write-back into
 * read-only memory must each fail cleanly without side effects elsewhere.
 */
#include "guest.h"

const char test_title[] = "multicall abuse";

void test_main(void)
{
    static struct multicall_entry inner[1], outer[4];

    inner[0].op = __HYPERVISOR_xen_version;
    inner[0].args[0] = XENVER_pagesize;
    inner[0].result = 0x1234;

    memset(outer, 0, sizeof(outer));
    outer[0].op = __HYPERVISOR_multicall;
    outer[0].args[0] = (unsigned long)inner;
    outer[0].args[1] = 1;
    outer[1].op = ~0UL;
    outer[2].op = __HYPERVISOR_xen_version;
    outer[2].args[0] = XENVER_extraversion;
    outer[2].args[1] = 0xffff830000000000UL;
    outer[3].op = __HYPERVISOR_xen_version;
    outer[3].args[0] = XENVER_pagesize;

    long rc = hc_multicall(outer, 4);
    printf("nested: rc %ld, results %ld %ld %ld %ld, inner %#lx\n", rc, (long)outer[0].result,
           (long)outer[1].result, (long)outer[2].result, (long)outer[3].result, inner[0].result);
    check_rc(rc, 0);
    check((long)outer[0].result < 0 && inner[0].result == 0x1234,
          "nested multicall ran (result %ld, inner %#lx)", (long)outer[0].result, inner[0].result);
    check((long)outer[1].result == -XEN_ENOSYS, "op ~0: %ld", (long)outer[1].result);
    check((long)outer[2].result == -XEN_EFAULT, "hole pointer in entry: %ld", (long)outer[2].result);
    check(outer[3].result == 4096, "last entry: %ld", (long)outer[3].result);

    /* Results cannot be written back into a read-only list. */
    struct multicall_entry *ro = alloc_page();
    ro[0].op = __HYPERVISOR_xen_version;
    ro[0].args[0] = XENVER_pagesize;
    ro[0].result = 7;
    check_rc(make_readonly(ro), 0);
    rc = hc_multicall(ro, 1);
    check(rc == -XEN_EFAULT, "multicall with a read-only list: %ld", rc);
    check(ro[0].result == 7, "result written into a read-only page (%ld)", (long)ro[0].result);
    check_rc(make_writable(ro), 0);

    /* A list that runs off the end of mapped memory. */
    uint8_t *edge = alloc_page();
    struct multicall_entry *last = (struct multicall_entry *)(edge + PAGE_SIZE) - 1;
    check_rc(hc_update_va_mapping(edge + PAGE_SIZE, 0, UVMF_INVLPG), 0); /* unmap the next page */
    last->op = __HYPERVISOR_xen_version;
    last->args[0] = XENVER_pagesize;
    rc = hc_multicall(last, 2);
    check(rc == -XEN_EFAULT, "multicall running into an unmapped page: %ld", rc);
    check(last->result == 4096, "entry before the hole: %ld", (long)last->result);
}
