/* SPDX-License-Identifier: GPL-2.0-only */
/* An unprivileged initial domain's start_info reads like a domU's: flags 0, its own store and console frames (mappable), no reachable ports. */
#include "priv.h"

const char test_title[] = "unprivileged initial domain: start_info, store/console frames, ports";

#define PORT_POST 0x80
#define PORT_COM1_LSR 0x3fd

/* @mfn belongs to us: the M2P leads to a pfn of ours whose P2M entry leads back. */
static bool owned(uint64_t mfn)
{
    uint64_t pfn = m2p[mfn];
    return pfn < start_info->nr_pages && p2m[pfn] == mfn;
}

static void check_ring_frame(uint64_t mfn, const char *what)
{
    check(mfn != 0, "%s MFN is 0", what);
    if (!mfn)
        return;
    check(owned(mfn), "%s MFN %#lx is not ours (m2p %#lx)", what, mfn, m2p[mfn]);
    check(mfn != virt_to_mfn(start_info), "%s MFN is start_info's", what);

    /* Map it writable at a scratch page, write a pattern, read it back through its own pfn. */
    volatile uint64_t *scratch = alloc_page();
    uint64_t back = virt_to_mfn((void *)scratch);
    check_rc(remap((void *)scratch, mfn, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
    scratch[3] = 0x5a5a0000 + mfn;
    volatile uint64_t *own = pfn_to_virt(m2p[mfn]);
    check(own[3] == 0x5a5a0000 + mfn, "%s frame: write through the scratch mapping not seen (%#lx)",
          what, own[3]);
    own[3] = 0;
    check_rc(remap((void *)scratch, back, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
}

void test_main(void)
{
    if (is_privileged()) {
        test_skip("needs an unprivileged initial domain");
        return;
    }

    check(start_info->flags == 0, "start_info flags %#x, want 0 (no SIF_PRIVILEGED/SIF_INITDOMAIN)",
          start_info->flags);
    check(!strcmp(start_info->magic, "xen-3.0-x86_64"), "magic '%s'", start_info->magic);
    printf("store mfn %#lx evtchn %u, console mfn %#lx evtchn %u\n", start_info->store_mfn,
           start_info->store_evtchn, start_info->console.domU.mfn, start_info->console.domU.evtchn);
    check_ring_frame(start_info->store_mfn, "store");
    check_ring_frame(start_info->console.domU.mfn, "console");
    check(start_info->store_mfn != start_info->console.domU.mfn, "store and console share MFN %#lx",
          start_info->store_mfn);

    /* set_iopl is still allowed, but no port reaches hardware: reads see all ones. */
    struct physdev_set_iopl s = { .iopl = 1 };
    check_rc(hc_physdev_op(PHYSDEVOP_set_iopl, &s), 0);
    uint8_t v = 0;
    check_rc(probe_inb(PORT_POST, &v), 0);
    check(v == 0xff, "inb 0x80 reads %#x (want all ones)", v);
    check_rc(probe_inb(PORT_COM1_LSR, &v), 0);
    check(v == 0xff, "the console UART's LSR reads %#x (want all ones)", v);
    check_rc(probe_outb(PORT_COM1_LSR - 5, 'X'), 0);    /* dropped: no stray byte on the serial line */
    s.iopl = 0;
    check_rc(hc_physdev_op(PHYSDEVOP_set_iopl, &s), 0);
    check_rc(probe_inb(PORT_POST, &v), 0x100 | 13);

    /* The console hypercall still works for it (the verdict needs it). */
    check_rc(hc_console_io(CONSOLEIO_write, 3, "ok\n"), 0);
}
