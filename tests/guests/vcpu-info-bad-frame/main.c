/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: VCPUOP_register_vcpu_info trusting the frame it is given. A
 * page table, a frame the domain does not own, a block that crosses the
 * page or is misaligned, or an unreadable argument must all be refused,
 * leaving vcpu_info where it was (Debian's Xen 4.17: -ENXIO for bad
 * offsets, -EINVAL for bad frames).
 */
#include "guest.h"

const char test_title[] = "register_vcpu_info with hostile frames and offsets";

static long reg(uint64_t mfn, uint32_t offset)
{
    struct vcpu_register_vcpu_info info = { .mfn = mfn, .offset = offset };
    return hc_vcpu_op(VCPUOP_register_vcpu_info, 0, &info);
}

void test_main(void)
{
    uint8_t *page = alloc_page();
    uint64_t mfn = virt_to_mfn(page);

    check_rc(reg(pt_mfn(page, 1), 0), -XEN_EINVAL);            /* our own L1 table */
    check_rc(reg(pt_mfn(page, 4), 0), -XEN_EINVAL);            /* our own L4 table */
    check_rc(reg(0, 0), -XEN_EINVAL);                          /* not ours */
    check_rc(reg(~0UL, 0), -XEN_EINVAL);
    check_rc(reg(1UL << 40, 0), -XEN_EINVAL);
    check_rc(reg(mfn, PAGE_SIZE - 63), -XEN_ENXIO);           /* crosses the page */
    check_rc(reg(mfn, PAGE_SIZE), -XEN_ENXIO);
    check_rc(reg(mfn, 0xffffffc0u), -XEN_ENXIO);
    check_rc(reg(mfn, 4), -XEN_ENXIO);                        /* misaligned */
    struct vcpu_register_vcpu_info info = { .mfn = mfn, .offset = 0 };
    check_rc(hc_vcpu_op(VCPUOP_register_vcpu_info, 1, &info), -XEN_ENOENT);
    check_rc(hc_vcpu_op(VCPUOP_register_vcpu_info, 0, (void *)0xffff800000000000UL), -XEN_EFAULT);

    /* Nothing moved: events still arrive through shared_info's vcpu_info. */
    struct evtchn_bind_ipi bi = { .vcpu = 0 };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_ipi, &bi), 0);
    evtchn_unmask_local(bi.port);
    events_enable();
    struct evtchn_send s = { .port = bi.port };
    check_rc(hc_event_channel_op(EVTCHNOP_send, &s), 0);
    check(evtchn_hits[bi.port] == 1, "event not delivered through the original vcpu_info");
    check(((struct vcpu_info *)page)->evtchn_upcall_pending == 0, "a refused frame was written");

}
