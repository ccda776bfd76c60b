/* SPDX-License-Identifier: GPL-2.0-only */
/* platform_op for the privileged domain: version check, CPU info, firmware info, settime64, as Xen 4.17. */
/*
 * Bug class: platform_op sub-ops Linux's dom0 issues at boot answering with
 * errnos Xen never gives (Linux then disables features or logs errors), and
 * argument checks done in the wrong order. As Xen 4.17: unreadable argument
 * -EFAULT, wrong interface version -EACCES, unknown command -ENOSYS;
 * get_cpuinfo of a missing CPU reports XEN_PCPU_FLAGS_INVALID; keyboard
 * shift flags only at index 0 (-ESRCH), unknown types -EINVAL; settime64 needs mbz == 0 and moves the
 * wallclock in shared_info.
 */
#include "guest.h"

const char test_title[] = "privileged domain: platform_op (version, cpuinfo, firmware_info, settime64)";

static long pf(struct xen_platform_op *op, uint32_t cmd)
{
    op->cmd = cmd;
    op->interface_version = XENPF_INTERFACE_VERSION;
    return hc_platform_op(op);
}

void test_main(void)
{
    if (!is_privileged()) {
        test_skip("needs the privileged initial domain");
        return;
    }
    static struct xen_platform_op op;

    check_rc(hc_platform_op((void *)1), -XEN_EFAULT);
    op = (struct xen_platform_op){ .cmd = XENPF_get_cpuinfo, .interface_version = 0x03000000 };
    check_rc(hc_platform_op(&op), -XEN_EACCES);
    memset(&op, 0, sizeof(op));
    check_rc(pf(&op, 9999), -XEN_ENOSYS);

    /* CPU 0 is online; CPU 1000 does not exist. */
    memset(&op, 0, sizeof(op));
    op.u.pcpu_info.xen_cpuid = 0;
    check_rc(pf(&op, XENPF_get_cpuinfo), 0);
    check(op.u.pcpu_info.flags == XEN_PCPU_FLAGS_ONLINE, "cpu 0 flags %#x", op.u.pcpu_info.flags);
    check(op.u.pcpu_info.max_present < 64, "max_present %u", op.u.pcpu_info.max_present);
    memset(&op, 0, sizeof(op));
    op.u.pcpu_info.xen_cpuid = 1000;
    check_rc(pf(&op, XENPF_get_cpuinfo), 0);
    check(op.u.pcpu_info.flags & XEN_PCPU_FLAGS_INVALID, "cpu 1000 flags %#x", op.u.pcpu_info.flags);

    /* Firmware info: keyboard shift flags at index 0 only; unknown types refused. */
    memset(&op, 0, sizeof(op));
    op.u.firmware_info.type = XEN_FW_KBD_SHIFT_FLAGS;
    check_rc(pf(&op, XENPF_firmware_info), 0);
    op.u.firmware_info.index = 1;
    check_rc(pf(&op, XENPF_firmware_info), -XEN_ESRCH);
    op.u.firmware_info.type = 99;
    op.u.firmware_info.index = 0;
    check_rc(pf(&op, XENPF_firmware_info), -XEN_EINVAL);

    /* settime64: mbz checked; the wallclock moves by what we ask, then back. */
    uint64_t now = pvclock_now(), wc = shared->wc_sec;
    memset(&op, 0, sizeof(op));
    op.u.settime64 = (struct xenpf_settime64){ .secs = wc + 1000, .mbz = 1, .system_time = 0 };
    check_rc(pf(&op, XENPF_settime64), -XEN_EINVAL);
    op.u.settime64.mbz = 0;
    check_rc(pf(&op, XENPF_settime64), 0);
    check(shared->wc_sec == wc + 1000, "wallclock %u, wanted %lu", shared->wc_sec, wc + 1000);
    op.u.settime64 = (struct xenpf_settime64){ .secs = wc + now / 1000000000, .nsecs = now % 1000000000,
                                               .system_time = now };
    check_rc(pf(&op, XENPF_settime64), 0);
}
