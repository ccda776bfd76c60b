/* SPDX-License-Identifier: GPL-2.0-only */
/* VCPUOP_register_vcpu_info: vcpu_info moves into a guest page, keeps its state, and events and time follow it. */
#include "guest.h"

const char test_title[] = "register_vcpu_info moves vcpu_info";

void test_main(void)
{
    uint8_t *page = alloc_page();
    struct vcpu_info *old = vcpu0();
    volatile struct vcpu_info *vi = (struct vcpu_info *)(page + 128);
    struct vcpu_register_vcpu_info info = { .mfn = virt_to_mfn(page), .offset = 128 };

    struct evtchn_bind_ipi bi = { .vcpu = 0 };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_ipi, &bi), 0);
    evtchn_unmask_local(bi.port);

    /* The runtime's upcall handler reads the old copy: keep upcalls off from here on. */
    events_disable();
    check_rc(hc_vcpu_op(VCPUOP_register_vcpu_info, 0, &info), 0);
    check(vi->evtchn_upcall_mask == 1, "upcall mask not carried over (%u)", vi->evtchn_upcall_mask);
    check(vi->evtchn_pending_sel == ~0UL, "pending_sel %#lx, want all ones", vi->evtchn_pending_sel);
    check(vi->evtchn_upcall_pending == 1, "upcall_pending not set after the move");
    check(!(vi->time.version & 1) && vi->time.tsc_to_system_mul, "time not valid in the new copy");
    check(vi->time.tsc_to_system_mul == old->time.tsc_to_system_mul, "time scale differs between copies");

    /* One-shot: a second registration is refused (-EINVAL in 4.17, -EBUSY later). */
    long rc = hc_vcpu_op(VCPUOP_register_vcpu_info, 0, &info);
    check(rc == -XEN_EINVAL || rc == -XEN_EBUSY, "second registration: rc %ld", rc);

    /* Events now land in the new copy only. */
    vi->evtchn_pending_sel = 0;
    vi->evtchn_upcall_pending = 0;
    old->evtchn_pending_sel = 0;
    old->evtchn_upcall_pending = 0;
    struct evtchn_send s = { .port = bi.port };
    check_rc(hc_event_channel_op(EVTCHNOP_send, &s), 0);
    check(vi->evtchn_upcall_pending && (vi->evtchn_pending_sel & (1UL << (bi.port / 64))),
          "event not flagged in the new vcpu_info");
    check(!old->evtchn_upcall_pending && !old->evtchn_pending_sel, "event flagged in the old vcpu_info");
    evtchn_clear(bi.port);

    /* Time is refreshed in the new copy after a reschedule. */
    uint64_t stamp = vi->time.system_time;
    uint64_t t0 = pvclock_now();
    while (pvclock_now() < t0 + 20000000)
        hc_sched_op(SCHEDOP_yield, NULL);
    check(!(vi->time.version & 1), "new copy's time version odd at rest");
    printf("new copy: system_time %lu -> %lu\n", stamp, vi->time.system_time);
    vi->evtchn_upcall_pending = 0;

    struct evtchn_close cl = { .port = bi.port };
    check_rc(hc_event_channel_op(EVTCHNOP_close, &cl), 0);
}
