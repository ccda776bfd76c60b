/* SPDX-License-Identifier: GPL-2.0-only */
/* 2-level event channel upcall handling and per-port helpers. */
#include "guest.h"

volatile uint64_t evtchn_upcalls;
volatile uint32_t evtchn_hits[EVTCHN_2L_NR_CHANNELS / 64];
static evtchn_handler_t handlers[EVTCHN_2L_NR_CHANNELS / 64];

void evtchn_set_handler(evtchn_port_t port, evtchn_handler_t fn)
{
    if (port < ARRAY_SIZE(handlers))
        handlers[port] = fn;
}

void evtchn_mask(evtchn_port_t port)
{
    __atomic_fetch_or(&shared->evtchn_mask[port / 64], 1UL << (port % 64), __ATOMIC_SEQ_CST);
}

/* Unmask without a hypercall; a pending event is picked up at the next upcall. */
void evtchn_unmask_local(evtchn_port_t port)
{
    __atomic_fetch_and(&shared->evtchn_mask[port / 64], ~(1UL << (port % 64)), __ATOMIC_SEQ_CST);
}

bool evtchn_is_pending(evtchn_port_t port)
{
    return __atomic_load_n(&shared->evtchn_pending[port / 64], __ATOMIC_SEQ_CST) &
           (1UL << (port % 64));
}

void evtchn_clear(evtchn_port_t port)
{
    __atomic_fetch_and(&shared->evtchn_pending[port / 64], ~(1UL << (port % 64)), __ATOMIC_SEQ_CST);
}

/* Called from the upcall stub with events masked. */
void evtchn_dispatch(void)
{
    struct vcpu_info *vi = vcpu0();

    evtchn_upcalls++;
    while (__atomic_exchange_n(&vi->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST)) {
        uint64_t sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);

        while (sel) {
            unsigned int w = (unsigned int)__builtin_ctzl(sel);

            sel &= sel - 1;
            uint64_t bits = shared->evtchn_pending[w] & ~shared->evtchn_mask[w];

            while (bits) {
                unsigned int b = (unsigned int)__builtin_ctzl(bits);
                evtchn_port_t port = w * 64 + b;

                bits &= bits - 1;
                evtchn_clear(port);
                if (port < ARRAY_SIZE(handlers)) {
                    evtchn_hits[port]++;
                    if (handlers[port])
                        handlers[port](port);
                }
            }
        }
    }
}

bool evtchn_wait(evtchn_port_t port, uint64_t timeout_ns)
{
    uint64_t deadline = pvclock_now() + timeout_ns;

    while (!evtchn_is_pending(port)) {
        struct sched_poll p = { .nr_ports = 1, .timeout = deadline };
        set_xen_guest_handle(p.ports, &port);
        hc_sched_op(SCHEDOP_poll, &p);
        if (pvclock_now() >= deadline && !evtchn_is_pending(port))
            return false;
    }
    evtchn_clear(port);
    return true;
}
