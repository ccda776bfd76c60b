/* SPDX-License-Identifier: GPL-2.0-only */
/* domU role "pingpong": grant two pages to dom0, answer its events, then check what dom0 did with the grants. */
#include "domu.h"

static uint8_t shared_rw[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t shared_ro[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

/* Answer PINGPONG_ROUNDS events from dom0 on a port we offer it. */
static bool pong(void)
{
    struct evtchn_alloc_unbound au = {.dom = DOMID_SELF, .remote_dom = 0};
    check_rc(hc_event_channel_op(EVTCHNOP_alloc_unbound, &au), 0);
    printf("pong: port %u offered to dom0\n", au.port);
    for (unsigned int i = 0; i < PINGPONG_ROUNDS; i++) {
        if (!evtchn_wait(au.port, PINGPONG_WAIT_NS)) {
            test_fail("pong: no event %u of %u from dom0", i + 1, PINGPONG_ROUNDS);
            return false;
        }
        struct evtchn_send s = {.port = au.port};
        check_rc(hc_event_channel_op(EVTCHNOP_send, &s), 0);
    }
    printf("pong: answered %u events\n", PINGPONG_ROUNDS);
    return true;
}

void domu_pingpong(void)
{
    check_rc(gnttab_setup(1), 0);
    for (unsigned int i = 0; i < PAGE_SIZE; i++)
        shared_ro[i] = (uint8_t)(i ^ 0x5a);
    gnttab_grant(PINGPONG_REF_RW, 0, shared_rw, false);
    gnttab_grant(PINGPONG_REF_RO, 0, shared_ro, true);
    if (!pong())
        return;

    /* dom0 maps both grants, writes 'M' and 'W' through the RW one, copies "copied in" to it. */
    if (!wait_for_byte(&shared_rw[0], 'M', PINGPONG_WAIT_NS)) {
        test_fail("dom0 never wrote through its mapping of our grant");
        return;
    }
    check(!gnttab_end(PINGPONG_REF_RW), "grant ended while dom0 maps it");
    shared_rw[1] = 'E';
    uint64_t deadline = pvclock_now() + PINGPONG_WAIT_NS;
    while (gnttab[PINGPONG_REF_RW].flags != GTF_permit_access ||
           gnttab[PINGPONG_REF_RO].flags != (GTF_permit_access | GTF_readonly)) {
        if (pvclock_now() > deadline) {
            test_fail("grant flags never cleared: %x %x", gnttab[PINGPONG_REF_RW].flags,
                      gnttab[PINGPONG_REF_RO].flags);
            return;
        }
        hc_sched_op(SCHEDOP_yield, NULL);
    }
    check(shared_rw[2] == 'W', "dom0's write through the mapping is missing");
    check(!memcmp(shared_rw + 100, "copied in", 10), "dom0's grant copy is missing");
    check(gnttab_end(PINGPONG_REF_RW) && gnttab_end(PINGPONG_REF_RO), "grants could not be ended");
    printf("grants ended after dom0 unmapped them\n");
}
