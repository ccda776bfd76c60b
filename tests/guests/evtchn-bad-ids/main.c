/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: out-of-range event-channel ids (ports, VIRQs, vCPUs,
 * domains) used as array indexes. Each must be refused with an error.
 */
#include "guest.h"

const char test_title[] = "event channel ops with out-of-range ids";

static long op(int cmd, void *arg) { return hc_event_channel_op(cmd, arg); }

void test_main(void)
{
    struct evtchn_bind_virq bv = { .virq = NR_VIRQS, .vcpu = 0 };
    check_rc(op(EVTCHNOP_bind_virq, &bv), -XEN_EINVAL);
    bv.virq = 0xffffffff;
    check_rc(op(EVTCHNOP_bind_virq, &bv), -XEN_EINVAL);
    bv.virq = VIRQ_TIMER;
    bv.vcpu = 1000;
    check_rc(op(EVTCHNOP_bind_virq, &bv), -XEN_ENOENT);
    bv.vcpu = 0xffffffff;
    check_rc(op(EVTCHNOP_bind_virq, &bv), -XEN_ENOENT);

    struct evtchn_bind_ipi bi = { .vcpu = 4096 };
    check_rc(op(EVTCHNOP_bind_ipi, &bi), -XEN_ENOENT);

    static const uint32_t bad_ports[] = { 0, 4095, 4096, 1u << 20, 0xffffffffu };
    for (unsigned int i = 0; i < ARRAY_SIZE(bad_ports); i++) {
        uint32_t p = bad_ports[i];
        struct evtchn_send s = { .port = p };
        struct evtchn_close c = { .port = p };
        struct evtchn_unmask u = { .port = p };
        struct evtchn_bind_vcpu bvc = { .port = p, .vcpu = 0 };

        check(op(EVTCHNOP_send, &s) < 0, "send on port %#x succeeded", p);
        long rc = op(EVTCHNOP_close, &c);
        check(rc == -XEN_EINVAL || (p == 0 && rc == 0), "close of port %#x: %ld", p, rc);
        rc = op(EVTCHNOP_unmask, &u);
        check(rc == -XEN_EINVAL || (p < 4096 && rc == 0), "unmask of port %#x: %ld", p, rc);
        check(op(EVTCHNOP_bind_vcpu, &bvc) < 0, "bind_vcpu of port %#x succeeded", p);
        if (p >= 4096) {
            struct evtchn_status st = { .dom = DOMID_SELF, .port = p };
            check_rc(op(EVTCHNOP_status, &st), -XEN_EINVAL);
        }
    }

    struct evtchn_status st = { .dom = 0x7ff5, .port = 1 };
    check_rc(op(EVTCHNOP_status, &st), -XEN_ESRCH);

    struct evtchn_alloc_unbound au = { .dom = 0x7ff5, .remote_dom = DOMID_SELF };
    check_rc(op(EVTCHNOP_alloc_unbound, &au), -XEN_ESRCH);

    struct evtchn_bind_interdomain bid = { .remote_dom = 0x7ff5, .remote_port = 1 };
    check_rc(op(EVTCHNOP_bind_interdomain, &bid), -XEN_ESRCH);
    bid.remote_dom = DOMID_SELF;
    bid.remote_port = 5000;
    check_rc(op(EVTCHNOP_bind_interdomain, &bid), -XEN_EINVAL);

    /* A valid port bound to a vCPU that does not exist. */
    struct evtchn_alloc_unbound ok = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
    check_rc(op(EVTCHNOP_alloc_unbound, &ok), 0);
    struct evtchn_bind_vcpu bvc = { .port = ok.port, .vcpu = 100 };
    check_rc(op(EVTCHNOP_bind_vcpu, &bvc), -XEN_ENOENT);
    struct evtchn_close c = { .port = ok.port };
    check_rc(op(EVTCHNOP_close, &c), 0);

    check_rc(op(99, &c), -XEN_ENOSYS);
}
