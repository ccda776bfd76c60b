/* SPDX-License-Identifier: GPL-2.0-only */
/* Credit weight/cap through XEN_DOMCTL_scheduler_op (dom0 and a new domain) and XEN_SYSCTL_sched_id. */
#include "guest.h"

const char test_title[] = "credit scheduler parameters: sysctl sched_id, domctl getinfo/putinfo";

static void expect(domid_t dom, unsigned int weight, unsigned int cap, const char *when)
{
    struct xen_domctl_sched_credit c = {0};
    long rc = ctl_sched_credit(dom, XEN_DOMCTL_SCHEDOP_getinfo, &c);
    check(rc == 0 && c.weight == weight && c.cap == cap,
          "d%u %s: getinfo rc %ld weight %u cap %u, want %u/%u", dom, when, rc, c.weight, c.cap,
          weight, cap);
}

static void put(domid_t dom, unsigned int weight, unsigned int cap)
{
    struct xen_domctl_sched_credit c = {.weight = weight, .cap = cap};
    check_rc(ctl_sched_credit(dom, XEN_DOMCTL_SCHEDOP_putinfo, &c), 0);
    check(c.weight == weight && c.cap == cap, "putinfo %u/%u copied back %u/%u", weight, cap,
          c.weight, c.cap);
}

void test_main(void)
{
    struct xen_sysctl s = {0};
    check_rc(sysctl(XEN_SYSCTL_sched_id, &s), 0);
    check(s.u.sched_id.sched_id == XEN_SCHEDULER_CREDIT, "sched_id %u, want %u (credit)",
          s.u.sched_id.sched_id, XEN_SCHEDULER_CREDIT);

    expect(0, 256, 0, "at boot");
    put(0, 512, 50);
    expect(0, 512, 50, "after 512/50");
    put(0, 0, 40); /* weight 0: unchanged */
    expect(0, 512, 40, "after weight 0");
    put(0, 300, 0xffff); /* cap 0xffff: unchanged */
    expect(0, 300, 40, "after cap 0xffff");
    put(0, 65535, 100); /* the largest weight; a full CPU */
    expect(0, 65535, 100, "after 65535/100");
    put(0, 1, 0);
    expect(0, 1, 0, "after 1/0");
    put(0, 256, 0);
    expect(0, 256, 0, "restored");

    long dom = ctl_create(2);
    if (dom < 0) {
        test_fail("createdomain: %ld", dom);
        return;
    }
    expect(dom, 256, 0, "new");
    put(dom, 128, 150); /* two vCPUs: up to 200 */
    expect(dom, 128, 150, "after 128/150");
    put(dom, 0, 0);
    expect(dom, 128, 0, "after cap 0");
    expect(0, 256, 0, "untouched by the other domain");
    check_rc(ctl_destroy_wait(dom), 0);
    printf("dom0 256/0 -> 512/50 -> ... -> 256/0; d%ld 256/0 -> 128/150 -> 128/0\n", dom);
}
