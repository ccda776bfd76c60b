/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: stale data selectors on context switch. %ds holds a GDT
 * selector whose descriptor the guest then clears. When the vCPU is
 * switched out and back, the hypervisor must not fault on reloading it:
 * either it keeps the loaded state (Xen's lazy switch back from idle) or
 * it loads the null selector and tells the guest through the failsafe
 * callback (a frame with the selectors; Xenolith reloads on every switch).
 */
#include "priv.h"

const char test_title[] = "stale %ds on context switch: kept, or null plus failsafe callback";

static volatile unsigned int failsafe_hits;

static bool on_failsafe(struct exc_frame *f)
{
    (void)f;
    failsafe_hits++;
    return true;
}

void test_main(void)
{
    uint64_t *gdt = alloc_page();
    uint64_t frames[1] = {virt_to_mfn(gdt)};

    gdt[5] = 0x00cff2000000ffffULL; /* flat data, DPL 3: selector 0x2b */
    check_rc(make_readonly(gdt), 0);
    check_rc(HC(__HYPERVISOR_set_gdt, frames, 16, 0, 0, 0), 0);
    trap_set_handler(257, on_failsafe);

    struct evtchn_bind_ipi bi = {.vcpu = 0};
    check_rc(hc_event_channel_op(EVTCHNOP_bind_ipi, &bi), 0);
    evtchn_mask(bi.port);
    evtchn_port_t ports[1] = {bi.port};
    struct sched_poll poll = {.nr_ports = 1};
    set_xen_guest_handle(poll.ports, ports);

    uint16_t sel = 0x2b, ds;
    asm volatile("mov %0, %%ds" ::"r"(sel));
    check_rc(hc_update_descriptor(virt_to_maddr(&gdt[5]), 0), 0);
    poll.timeout = pvclock_now() + 3000000; /* sleep 3 ms: another context runs meanwhile */
    check_rc(hc_sched_op(SCHEDOP_poll, &poll), 0);
    asm volatile("mov %%ds, %0" : "=r"(ds));
    printf("after the switch: %%ds %#x, failsafe callbacks %u\n", ds, failsafe_hits);
    check((ds == 0x2b && failsafe_hits == 0) || (ds == 0 && failsafe_hits == 1),
          "%%ds %#x with %u failsafe callbacks", ds, failsafe_hits);

    asm volatile("mov %0, %%ds" ::"r"(0));
    check_rc(HC(__HYPERVISOR_set_gdt, frames, 0, 0, 0, 0), 0);
    check_rc(make_writable(gdt), 0);
    struct evtchn_close cl = {.port = bi.port};
    check_rc(hc_event_channel_op(EVTCHNOP_close, &cl), 0);
}
