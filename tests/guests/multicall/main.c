/* SPDX-License-Identifier: GPL-2.0-only */
/* multicall: a batch runs in order with per-entry results; a failing entry does not stop it. */
#include "guest.h"

const char test_title[] = "multicall batches";

void test_main(void)
{
    static const char msg[] = "written from a multicall\n";
    uint64_t *page = alloc_page();
    uint64_t mfn = virt_to_mfn(page);
    static struct multicall_entry mc[5];

    memset(mc, 0, sizeof(mc));
    mc[0].op = __HYPERVISOR_xen_version;
    mc[0].args[0] = XENVER_version;
    mc[1].op = __HYPERVISOR_console_io;
    mc[1].args[0] = CONSOLEIO_write;
    mc[1].args[1] = sizeof(msg) - 1;
    mc[1].args[2] = (unsigned long)msg;
    mc[2].op = __HYPERVISOR_update_va_mapping;
    mc[2].args[0] = (unsigned long)page;
    mc[2].args[1] = (mfn << PAGE_SHIFT) | PTE_P | PTE_A;
    mc[2].args[2] = UVMF_INVLPG;
    mc[3].op = 60; /* no such hypercall */
    mc[4].op = __HYPERVISOR_xen_version;
    mc[4].args[0] = XENVER_pagesize;
    for (int i = 0; i < 5; i++)
        mc[i].result = 0xdead;

    check_rc(hc_multicall(mc, 5), 0);
    long ver = hc_xen_version(XENVER_version, NULL);
    check((long)mc[0].result == ver, "entry 0 result %#lx, want %#lx", mc[0].result, ver);
    check(mc[1].result == 0, "console_io entry result %ld", (long)mc[1].result);
    check(mc[2].result == 0, "update_va_mapping entry result %ld", (long)mc[2].result);
    check((long)mc[3].result == -XEN_ENOSYS, "unknown op entry result %ld", (long)mc[3].result);
    check(mc[4].result == 4096, "entry after a failure: result %ld", (long)mc[4].result);
    check(probe_write(page, 1) == (0x100 | 14), "multicall's read-only remap did not take effect");
    check_rc(make_writable(page), 0);

    /* An empty batch is fine. */
    check_rc(hc_multicall(mc, 0), 0);
}
