/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: port I/O beyond what the guest was given. With virtual IOPL 0
 * every in/out faults; set_iopl(1) opens ports to the guest kernel only,
 * set_iopl(3) to user mode too; an I/O bitmap opens single ports. Even then
 * the hypervisor's own ports (its console UART here) are not reachable:
 * reads see all ones; an unprivileged domain reaches no port at all (run
 * Xenolith with dom0_unprivileged). Bad arguments get -EFAULT/-EINVAL.
 */
#include "priv.h"

const char test_title[] = "port I/O: virtual IOPL, I/O bitmap, hypervisor ports";

#define PORT_POST 0x80      /* POST diagnostics: harmless */
#define PORT_COM1_LSR 0x3fd /* the hypervisor's console UART */

static volatile unsigned int user_rc;
static uint8_t bitmap[0x100 / 8];

static void user_fn(void)
{
    uint8_t v;
    user_rc = probe_inb(PORT_POST, &v);
}

static long set_iopl(uint32_t iopl)
{
    struct physdev_set_iopl s = {.iopl = iopl};
    return hc_physdev_op(PHYSDEVOP_set_iopl, &s);
}

void test_main(void)
{
    uint8_t v;

    if (!is_privileged()) {
        /* An unprivileged domain owns no port: with IOPL the access runs, reads see all ones. */
        check_rc(set_iopl(1), 0);
        check_rc(probe_inb(PORT_POST, &v), 0);
        check(v == 0xff, "unprivileged inb 0x80 reads %#x (want all ones)", v);
        check_rc(probe_outb(PORT_POST, 0x42), 0);
        return;
    }
    check_rc(set_iopl(0), 0);
    check_rc(probe_inb(PORT_POST, &v), 0x100 | 13);
    check_rc(probe_outb(PORT_POST, 0x42), 0x100 | 13);

    check_rc(set_iopl(1), 0);
    check_rc(probe_inb(PORT_POST, &v), 0);
    check_rc(probe_outb(PORT_POST, 0x42), 0);
    check_rc(probe_inb(PORT_COM1_LSR, &v), 0);
    check(v == 0xff, "the hypervisor's UART LSR reads %#x (want all ones)", v);
    run_in_user(user_fn);
    check(user_rc == (0x100 | 13), "user-mode inb with IOPL 1: %#x (want #GP)", user_rc);

    check_rc(set_iopl(3), 0);
    run_in_user(user_fn);
    check(user_rc == 0, "user-mode inb with IOPL 3: %#x", user_rc);

    /* IOPL 0 plus a bitmap that opens port 0x80 only (a clear bit allows). */
    check_rc(set_iopl(0), 0);
    memset(bitmap, 0xff, sizeof(bitmap));
    bitmap[PORT_POST / 8] &= ~(1u << (PORT_POST % 8));
    struct physdev_set_iobitmap b = {.nr_ports = 0x100};
    set_xen_guest_handle(b.bitmap, bitmap);
    check_rc(hc_physdev_op(PHYSDEVOP_set_iobitmap, &b), 0);
    check_rc(probe_inb(PORT_POST, &v), 0);
    check_rc(probe_inb(PORT_POST + 1, &v), 0x100 | 13);
    b.nr_ports = 0;
    check_rc(hc_physdev_op(PHYSDEVOP_set_iobitmap, &b), 0);
    check_rc(probe_inb(PORT_POST, &v), 0x100 | 13);

    /* Hostile arguments. */
    check_rc(set_iopl(4), -XEN_EINVAL);
    check_rc(hc_physdev_op(PHYSDEVOP_set_iopl, 0xffff830000000000UL), -XEN_EFAULT);
    b.nr_ports = 65537;
    check_rc(hc_physdev_op(PHYSDEVOP_set_iobitmap, &b), -XEN_EINVAL);
    check_rc(hc_physdev_op(PHYSDEVOP_set_iobitmap, 0), -XEN_EFAULT);
    check(HC(19, 0, 0, 0, 0, 0) < 0,
          "physdev_op_compat(NULL) succeeded"); /* Xen: -EFAULT, Xenolith: -ENOSYS */

    check_rc(set_iopl(1), 0);
}
