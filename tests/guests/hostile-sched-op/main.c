/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: sched_op trusting ids, counts and port lists. Polls with a
 * port list that runs into an unmapped page or a count of 2^32-1, remote
 * shutdowns of domains that do not exist, and argument structs in the
 * hole must give the exact error and leave the domain running.
 */
#include "guest.h"

const char test_title[] = "sched_op with hostile polls, domain and watchdog ids";

#define HOLE ((void *)0xffff830000000000UL)

static long poll(evtchn_port_t *ports, uint32_t n)
{
    struct sched_poll p = { .nr_ports = n, .timeout = 1 };
    set_xen_guest_handle(p.ports, ports);
    long rc = hc_sched_op(SCHEDOP_poll, &p);
    printf("poll %p x %u: %ld\n", (void *)ports, n, rc);
    return rc;
}

void test_main(void)
{
    struct evtchn_bind_ipi bi = { .vcpu = 0 };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_ipi, &bi), 0);
    evtchn_mask(bi.port);

    /* A port list whose second entry is on an unmapped page. */
    uint8_t *page = alloc_page();
    check_rc(hc_update_va_mapping(page + PAGE_SIZE, 0, UVMF_INVLPG), 0);
    evtchn_port_t *edge = (evtchn_port_t *)(page + PAGE_SIZE) - 1;
    *edge = bi.port;
    check_rc(poll(edge, 2), -XEN_EFAULT);
    check_rc(poll(edge, 1), 0);
    check_rc(poll(edge, 0xffffffffu), -XEN_EINVAL);
    check_rc(poll((evtchn_port_t *)0x8000000000000000UL, 1), -XEN_EFAULT);

    /* Remote shutdown of domains that do not exist; struct in the hole. */
    static const domid_t bad[] = { 1, 0x7fef, DOMID_IO, DOMID_XEN, 0x7ff5, 0xffff };
    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        struct sched_remote_shutdown r = { .domain_id = bad[i], .reason = SHUTDOWN_poweroff };
        long rc = hc_sched_op(SCHEDOP_remote_shutdown, &r);
        printf("remote_shutdown of %#x: %ld\n", bad[i], rc);
        check(rc == -XEN_ESRCH, "remote_shutdown of %#x: %ld", bad[i], rc);
    }
    check_rc(hc_sched_op(SCHEDOP_remote_shutdown, HOLE), -XEN_EFAULT);
    check_rc(hc_sched_op(SCHEDOP_shutdown_code, HOLE), -XEN_EFAULT);

    /* Still scheduled. */
    check_rc(hc_sched_op(SCHEDOP_yield, NULL), 0);
    struct evtchn_close cl = { .port = bi.port };
    check_rc(hc_event_channel_op(EVTCHNOP_close, &cl), 0);
}
