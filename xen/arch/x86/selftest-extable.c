/* SPDX-License-Identifier: GPL-2.0-only */
/* Self-test "extable": faults on fixup-protected instructions resume at the fixup, for #GP and #PF. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/selftest.h>
#include <asm/extable.h>

static void selftest_extable(void)
{
    uint64_t v = 1;
    int gp = probe_read_u64((const void *)0x8000000000000000UL, &v);    /* non-canonical: #GP */
    int pf = probe_read_u64((const void *)0x0000008000000000UL, &v);    /* unmapped: #PF */
    int ok = probe_read_u64(&v, &v);

    if (gp == -EFAULT && pf == -EFAULT && ok == 0)
        printk("SELFTEST extable PASS: #GP and #PF fixed up, good read unaffected\n");
    else
        printk("SELFTEST extable FAIL: rc #GP %d, #PF %d, good read %d\n", gp, pf, ok);
}
SELFTEST("extable", selftest_extable, 10);
