/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: guest breakpoints on the hypervisor. set_debugreg must refuse
 * DR0-3 addresses outside guest space (the hole, non-canonical), DR7 general
 * detect and I/O breakpoints without CR4.DE, and reserved upper bits of
 * DR6/DR7; legal values read back with the architectural fixed bits.
 */
#include "guest.h"

const char test_title[] = "set_debugreg/get_debugreg bounds";

#define hc_set_debugreg(r, v) HC(__HYPERVISOR_set_debugreg, r, v, 0, 0, 0)
#define hc_get_debugreg(r) HC(__HYPERVISOR_get_debugreg, r, 0, 0, 0, 0)

void test_main(void)
{
    /* DR0-3 must hold guest addresses. */
    check_rc(hc_set_debugreg(0, 0x1000), 0);
    check_rc(hc_get_debugreg(0), 0x1000);
    check_rc(hc_set_debugreg(1, 0xffffffff80100000UL), 0);
    check_rc(hc_set_debugreg(2, 0xffff82d080000000UL), -XEN_EPERM); /* hypervisor text */
    check_rc(hc_set_debugreg(3, 0xffff800000000000UL), -XEN_EPERM); /* M2P / the hole */
    check_rc(hc_set_debugreg(0, 0x0000800000000000UL), -XEN_EPERM); /* non-canonical */
    check_rc(hc_set_debugreg(0, 0x8000000000000000UL), -XEN_EPERM);
    check_rc(hc_get_debugreg(0), 0x1000); /* unchanged */

    /* DR6: upper half reserved; reads show the fixed-one bits. */
    check_rc(hc_set_debugreg(6, 1UL << 32), -XEN_EINVAL);
    check_rc(hc_set_debugreg(6, 0), 0);
    long dr6 = hc_get_debugreg(6);
    check((dr6 & 0xffff0ff0) == 0xffff0ff0, "DR6 reads %#lx", dr6);

    /* DR7: general detect and I/O breakpoints (CR4.DE clear) are refused. */
    check_rc(hc_set_debugreg(7, 1UL << 13), -XEN_EPERM);
    check_rc(hc_set_debugreg(7, 1UL | (2UL << 16)), -XEN_EPERM);
    check_rc(hc_set_debugreg(7, 1UL << 32), -XEN_EINVAL);
    check_rc(hc_set_debugreg(7, 0), 0);
    check_rc(hc_get_debugreg(7), 0x400);

    /* Registers that do not exist. */
    check(hc_set_debugreg(8, 0) < 0, "set_debugreg(8) accepted");
    check(hc_set_debugreg(-1, 0) < 0, "set_debugreg(-1) accepted");
    check(hc_get_debugreg(8) < 0, "get_debugreg(8) answered");

    check_rc(hc_set_debugreg(0, 0), 0);
    check_rc(hc_set_debugreg(1, 0), 0);
}
