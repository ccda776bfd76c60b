/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: scheduler control trusting the toolstack's arguments. Unknown
 * domains, the wrong scheduler id or command, out-of-range vCPU ids, missing
 * or empty masks, bitmap sizes of 0 or far beyond the machine, and bitmap
 * pointers into the hypervisor, unmapped or read-only memory must each get
 * Xen 4.17's answer (credit1: any weight/cap value is taken), leave the
 * machine running, and never write outside the guest's own bitmap.
 */
#include "guest.h"

const char test_title[] =
    "scheduler_op, vcpuaffinity and getvcpuinfo refuse bad ids, masks and pointers";

#define HOLE ((uint8_t *)0xffff830000000000UL)
#define NOWHERE ((uint8_t *)0x0000100000000000UL)
#define SET XEN_DOMCTL_setvcpuaffinity
#define GET XEN_DOMCTL_getvcpuaffinity
#define HARD XEN_VCPUAFFINITY_HARD
#define SOFT XEN_VCPUAFFINITY_SOFT

static uint8_t page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t edge[2 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE))); /* second page unmapped */
static uint8_t ro[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static long sched(domid_t dom, uint32_t id, uint32_t cmd, struct xen_domctl_sched_credit *c)
{
    struct xen_domctl op = {0};
    op.u.scheduler_op.sched_id = id;
    op.u.scheduler_op.cmd = cmd;
    if (c)
        op.u.scheduler_op.u.credit = *c;
    long rc = domctl(XEN_DOMCTL_scheduler_op, dom, &op);
    if (c)
        *c = op.u.scheduler_op.u.credit;
    return rc;
}

static unsigned int hard0(void)
{
    uint8_t m = 0xaa;
    check_rc(ctl_affinity(GET, 0, 0, HARD, &m, NULL, 8), 0);
    return m;
}

static void scheduler_op(void)
{
    struct xen_domctl_sched_credit c = {0};
    check_rc(sched(1234, XEN_SCHEDULER_CREDIT, XEN_DOMCTL_SCHEDOP_getinfo, &c), -XEN_ESRCH);
    check_rc(sched(DOMID_SELF, XEN_SCHEDULER_CREDIT, XEN_DOMCTL_SCHEDOP_getinfo, &c), -XEN_ESRCH);
    check_rc(sched(0, XEN_SCHEDULER_CREDIT2, XEN_DOMCTL_SCHEDOP_getinfo, &c), -XEN_EINVAL);
    check_rc(sched(0, 0, XEN_DOMCTL_SCHEDOP_getinfo, &c), -XEN_EINVAL);
    c = (struct xen_domctl_sched_credit){.weight = 7, .cap = 7};
    check_rc(sched(0, XEN_SCHEDULER_CREDIT2, XEN_DOMCTL_SCHEDOP_putinfo, &c), -XEN_EINVAL);
    check_rc(sched(0, XEN_SCHEDULER_CREDIT, XEN_DOMCTL_SCHEDOP_putvcpuinfo, NULL), -XEN_EINVAL);
    check_rc(sched(0, XEN_SCHEDULER_CREDIT, XEN_DOMCTL_SCHEDOP_getvcpuinfo, NULL), -XEN_EINVAL);
    check_rc(sched(0, XEN_SCHEDULER_CREDIT, 4, NULL), -XEN_EINVAL);
    check_rc(sched(0, XEN_SCHEDULER_CREDIT, 0xffffffff, NULL), -XEN_EINVAL);
    c = (struct xen_domctl_sched_credit){0};
    check_rc(sched(0, XEN_SCHEDULER_CREDIT, XEN_DOMCTL_SCHEDOP_getinfo, &c), 0);
    check(c.weight == 256 && c.cap == 0, "refused calls changed dom0's parameters: %u/%u", c.weight,
          c.cap);

    /* Credit1 takes any cap, beyond 100 per vCPU too (it then limits nothing), and reports it back. */
    c = (struct xen_domctl_sched_credit){.weight = 0, .cap = 201};
    check_rc(sched(0, XEN_SCHEDULER_CREDIT, XEN_DOMCTL_SCHEDOP_putinfo, &c), 0);
    c = (struct xen_domctl_sched_credit){0};
    check_rc(sched(0, XEN_SCHEDULER_CREDIT, XEN_DOMCTL_SCHEDOP_getinfo, &c), 0);
    check(c.weight == 256 && c.cap == 201, "cap 201 on 2 vCPUs reads back %u/%u", c.weight, c.cap);
    c = (struct xen_domctl_sched_credit){.weight = 0, .cap = 0xfffe};
    check_rc(sched(0, XEN_SCHEDULER_CREDIT, XEN_DOMCTL_SCHEDOP_putinfo, &c), 0);
    c = (struct xen_domctl_sched_credit){0};
    check_rc(sched(0, XEN_SCHEDULER_CREDIT, XEN_DOMCTL_SCHEDOP_getinfo, &c), 0);
    check(c.cap == 0xfffe, "cap 0xfffe reads back %u", c.cap);
    c = (struct xen_domctl_sched_credit){.weight = 0, .cap = 0};
    check_rc(sched(0, XEN_SCHEDULER_CREDIT, XEN_DOMCTL_SCHEDOP_putinfo, &c), 0);
}

static void affinity_args(void)
{
    uint8_t m = 0x03;
    check_rc(ctl_affinity(SET, 1234, 0, HARD, &m, NULL, 8), -XEN_ESRCH);
    check_rc(ctl_affinity(SET, 0, 2, HARD, &m, NULL, 8), -XEN_EINVAL); /* dom0 has 2 vCPUs */
    check_rc(ctl_affinity(GET, 0, 0x80000000, HARD, &m, NULL, 8), -XEN_EINVAL);
    check_rc(ctl_affinity(SET, 0, 0, 0, &m, &m, 8), -XEN_EINVAL); /* no flags */
    check_rc(ctl_affinity(GET, 0, 0, 0, &m, &m, 8), -XEN_EINVAL);
    check_rc(ctl_affinity(SET, 0, 0, HARD, NULL, &m, 8), -XEN_EINVAL); /* NULL bitmap */
    check_rc(ctl_affinity(SET, 0, 0, HARD | SOFT, &m, NULL, 8), -XEN_EINVAL);
    check_rc(ctl_affinity(GET, 0, 0, SOFT, &m, NULL, 8), -XEN_EINVAL);
    check_rc(ctl_affinity(SET, 0, 0, 8, NULL, NULL, 8), 0); /* unknown flag alone: nothing to do */

    /* Masks with no online CPU. */
    m = 0;
    check_rc(ctl_affinity(SET, 0, 0, HARD, &m, NULL, 8), -XEN_EINVAL);
    m = 0xff;
    check_rc(ctl_affinity(SET, 0, 0, HARD, &m, NULL, 0), -XEN_EINVAL); /* nr_bits 0 */
    check_rc(ctl_affinity(SET, 0, 0, HARD, &m, NULL, 0xffffffff),
             -XEN_EINVAL); /* rounds to 0 bytes */
    m = 0xfc;
    check_rc(ctl_affinity(SET, 0, 0, HARD, &m, NULL, 8), -XEN_EINVAL); /* CPUs 2..7 do not exist */
    m = 0x02;
    check_rc(ctl_affinity(SET, 0, 0, HARD, &m, NULL, 1), -XEN_EINVAL); /* bit 1 is past nr_bits */
    uint8_t two[2] = {0x00, 0x01};
    check_rc(ctl_affinity(SET, 0, 0, HARD, two, NULL, 16), -XEN_EINVAL); /* CPU 8 */
    check(hard0() == 0x03, "refused masks changed vCPU 0's hard affinity: %#x", hard0());

    /* Bitmaps the hypervisor cannot read. */
    check_rc(ctl_affinity(SET, 0, 0, HARD, HOLE, NULL, 8), -XEN_EFAULT);
    check_rc(ctl_affinity(SET, 0, 0, HARD, NOWHERE, NULL, 8), -XEN_EFAULT);
    check_rc(ctl_affinity(GET, 0, 0, HARD, HOLE, NULL, 8), -XEN_EFAULT);
    check_rc(ctl_affinity(GET, 0, 0, HARD, NOWHERE, NULL, 8), -XEN_EFAULT);
    check(hard0() == 0x03, "unreadable masks changed vCPU 0's hard affinity: %#x", hard0());

    /* A good hard mask with an unreadable soft one: the hard change is undone. */
    m = 0x01;
    check_rc(ctl_affinity(SET, 0, 1, HARD, &m, NULL, 8), 0);
    m = 0x02;
    check_rc(ctl_affinity(SET, 0, 1, HARD | SOFT, &m, HOLE, 8), -XEN_EFAULT);
    m = 0xaa;
    check_rc(ctl_affinity(GET, 0, 1, HARD, &m, NULL, 8), 0);
    check(m == 0x01, "vCPU 1 hard affinity %#x after the failed pair, want 0x1", m);
}

static void affinity_bitmaps(void)
{
    /* The reported mask covers the machine's CPUs; the rest of the guest's bytes are zeroed. */
    memset(page, 0xaa, sizeof(page));
    check_rc(ctl_affinity(GET, 0, 0, HARD, page, NULL, 0), 0);
    check(page[0] == 0xaa, "nr_bits 0: byte 0 written (%#x)", page[0]);
    check_rc(ctl_affinity(GET, 0, 0, HARD, page, NULL, 0xffffffff), 0);
    check(page[0] == 0xaa, "nr_bits 0xffffffff: byte 0 written (%#x)", page[0]);
    check_rc(ctl_affinity(GET, 0, 0, HARD, page, NULL, 12), 0);
    check(page[0] == 0x03 && page[1] == 0 && page[2] == 0xaa, "nr_bits 12: %#x %#x %#x", page[0],
          page[1], page[2]);
    memset(page, 0xaa, sizeof(page));
    check_rc(ctl_affinity(GET, 0, 0, HARD, page, NULL, 1), 0);
    check(page[0] == 0x03 && page[1] == 0xaa, "nr_bits 1: %#x %#x (the whole byte, as Xen)",
          page[0], page[1]);
    memset(page, 0xaa, sizeof(page));
    check_rc(ctl_affinity(GET, 0, 0, HARD, page, NULL, PAGE_SIZE * 8), 0);
    unsigned int dirty = 0;
    for (unsigned int i = 1; i < PAGE_SIZE; i++)
        dirty += page[i] != 0;
    check(page[0] == 0x03 && !dirty, "page-sized bitmap: byte 0 %#x, %u later bytes not zeroed",
          page[0], dirty);

    /* A bitmap running into an unmapped page: bytes up to it written, then -EFAULT. */
    check_rc(remap(edge + PAGE_SIZE, 0, 0), 0);
    uint8_t *tail = edge + PAGE_SIZE - 4;
    memset(tail, 0xaa, 4);
    check_rc(ctl_affinity(GET, 0, 0, HARD, tail, NULL, 64), -XEN_EFAULT);
    check(tail[0] == 0x03 && tail[1] == 0 && tail[3] == 0, "bitmap before the hole: %#x %#x %#x",
          tail[0], tail[1], tail[3]);
    /* Set with a huge nr_bits: one byte read, the mask applied, then the report faults (as Xen). */
    tail[0] = 0x01;
    check_rc(ctl_affinity(SET, 0, 1, HARD, tail, NULL, 0x7ffffff0), -XEN_EFAULT);
    uint8_t m = 0xaa;
    check_rc(ctl_affinity(GET, 0, 1, HARD, &m, NULL, 8), 0);
    check(m == 0x01, "vCPU 1 hard affinity %#x after the faulting report", m);

    /* Output into a page the guest may only read. */
    memset(ro, 0x55, sizeof(ro));
    check_rc(make_readonly(ro), 0);
    check_rc(ctl_affinity(GET, 0, 0, HARD, ro, NULL, 8), -XEN_EFAULT);
    check(ro[0] == 0x55, "read-only bitmap written: %#x", ro[0]);
}

static void soft_affinity(void)
{
    /* Soft affinity may be empty; set reports soft & hard & online, get the mask as set. */
    uint8_t hard = 0x03, soft = 0x00;
    check_rc(ctl_affinity(SET, 0, 1, HARD | SOFT, &hard, &soft, 8), 0);
    check(hard == 0x03 && soft == 0x00, "set hard 3 soft 0 reported %#x %#x", hard, soft);
    hard = soft = 0xaa;
    check_rc(ctl_affinity(GET, 0, 1, HARD | SOFT, &hard, &soft, 8), 0);
    check(hard == 0x03 && soft == 0x00, "get after soft 0: %#x %#x", hard, soft);
    hard = 0x01;
    soft = 0xfe;
    check_rc(ctl_affinity(SET, 0, 1, HARD | SOFT, &hard, &soft, 8), 0);
    check(hard == 0x01 && soft == 0x00, "set hard 1 soft 0xfe reported %#x %#x", hard, soft);
    hard = soft = 0xaa;
    check_rc(ctl_affinity(GET, 0, 1, HARD | SOFT, &hard, &soft, 8), 0);
    check(hard == 0x01 && soft == 0x02, "get after hard 1 soft 0xfe: %#x %#x", hard, soft);
    hard = soft = 0xff;
    check_rc(ctl_affinity(SET, 0, 1, HARD | SOFT, &hard, &soft, 8), 0);
    check(hard == 0x03 && soft == 0x03, "set all reported %#x %#x", hard, soft);
}

static void vcpuinfo_and_missing_vcpus(void)
{
    struct xen_domctl_getvcpuinfo i;
    check_rc(ctl_vcpuinfo(1234, 0, &i), -XEN_ESRCH);
    check_rc(ctl_vcpuinfo(0, 2, &i), -XEN_EINVAL);
    check_rc(ctl_vcpuinfo(0, 0xffffffff, &i), -XEN_EINVAL);
    check_rc(ctl_vcpuinfo(0, 1, &i), 0);
    check(!i.online && !i.running, "dom0 vCPU 1 (never up): online %u running %u", i.online,
          i.running);

    /* A domain whose vCPUs are not created yet (no XEN_DOMCTL_max_vcpus): -ESRCH per vCPU. */
    struct xen_domctl op = {0};
    op.u.createdomain = (struct xen_domctl_createdomain){
        .max_vcpus = 2,
        .max_evtchn_port = 1023,
        .max_grant_frames = -1,
        .max_maptrack_frames = -1,
        .grant_opts = XEN_DOMCTL_GRANT_version(1),
    };
    long rc = domctl(XEN_DOMCTL_createdomain, 0, &op);
    if (rc) {
        test_fail("createdomain: %ld", rc);
        return;
    }
    domid_t dom = op.domain;
    uint8_t m = 0x01;
    check_rc(ctl_vcpuinfo(dom, 0, &i), -XEN_ESRCH);
    check_rc(ctl_vcpuinfo(dom, 2, &i), -XEN_EINVAL);
    check_rc(ctl_affinity(SET, dom, 1, HARD, &m, NULL, 8), -XEN_ESRCH);
    check_rc(ctl_affinity(GET, dom, 0, 0, NULL, NULL, 8),
             -XEN_ESRCH); /* the vCPU before the flags */
    struct xen_domctl_sched_credit c = {0};
    check_rc(ctl_sched_credit(dom, XEN_DOMCTL_SCHEDOP_getinfo, &c), 0);
    check(c.weight == 256 && c.cap == 0, "new domain %u/%u", c.weight, c.cap);
    check_rc(ctl_destroy_wait(dom), 0);
    check_rc(ctl_vcpuinfo(dom, 0, &i), -XEN_ESRCH);
}

void test_main(void)
{
    scheduler_op();
    affinity_args();
    affinity_bitmaps();
    soft_affinity();
    vcpuinfo_and_missing_vcpus();

    uint8_t all = 0xff;
    check_rc(ctl_affinity(SET, 0, 0, HARD, &all, NULL, 8), 0);
    struct xen_domctl_getvcpuinfo i;
    check_rc(ctl_vcpuinfo(0, 0, &i), 0);
    check(i.online && i.running && !i.blocked && i.cpu_time > 0,
          "dom0 vCPU 0: online %u running %u blocked %u time %lu", i.online, i.running, i.blocked,
          (unsigned long)i.cpu_time);
}
