/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: trap-table and callback entries that point into the
 * hypervisor hole or at non-canonical addresses. Delivery must never run
 * hypervisor code with guest state: either the entry is refused, or the
 * bounce faults in the guest (a #PF at the handler address).
 */
#include "guest.h"

const char test_title[] = "trap entries pointing into the hypervisor hole";

#define HOLE_HANDLER 0xffff82d080200000UL

static volatile unsigned int hole_faults;

/* #PF at the bogus handler: unwind the #UD frame it was given and skip the ud2. */
static bool on_pf(struct exc_frame *f)
{
    if (f->rip != HOLE_HANDLER)
        return false;
    hole_faults++;
    const uint64_t *ud = (const uint64_t *)f->rsp; /* rcx r11 rip cs rflags rsp ss */
    f->rcx = ud[0];
    f->r11 = ud[1];
    f->rip = ud[2] + 2;
    f->rflags = ud[4];
    f->rsp = ud[5];
    return true;
}

void test_main(void)
{
    trap_set_handler(14, on_pf);

    /* Non-canonical handler addresses are refused. */
    long rc = trap_table_load(6, 0, 0x0000800000000000UL);
    check(rc == -XEN_EINVAL, "non-canonical trap entry: rc %ld", rc);
    check(probe_ud2() == (0x100 | 6), "#UD broken after a refused table");

    /* An entry inside the hole: refused, or delivered as a guest #PF there. */
    rc = trap_table_load(6, 0, HOLE_HANDLER);
    printf("trap entry in the hole: rc %ld\n", rc);
    if (rc == 0) {
        uint64_t before = last_trap.count;

        asm volatile("ud2\n" ::: "memory");
        check(hole_faults == 1, "delivery to a hole handler did not fault in the guest");
        check(last_trap.count > before && last_trap.vector == 14 && last_trap.cr2 == HOLE_HANDLER,
              "fault at the hole handler: vector %lu cr2 %#lx", last_trap.vector, last_trap.cr2);
    } else {
        check(rc < 0, "unexpected rc %ld", rc);
    }
    check_rc(trap_table_load(~0u, 0, 0), 0);
    check(probe_ud2() == (0x100 | 6), "#UD broken after restoring the table");

    /* Callbacks: non-canonical refused; bad types refused. */
    struct callback_register cb = { .type = CALLBACKTYPE_failsafe, .address = 0x0000800000000000UL };
    rc = hc_callback_op(CALLBACKOP_register, &cb);
    printf("non-canonical failsafe callback: rc %ld\n", rc);
    check(rc < 0, "non-canonical failsafe callback accepted");
    cb.type = 99;
    cb.address = (uint64_t)test_main;
    check(hc_callback_op(CALLBACKOP_register, &cb) < 0, "callback type 99 accepted");
    check(hc_callback_op(77, &cb) < 0, "callback_op 77 accepted");
    struct callback_unregister un = { .type = CALLBACKTYPE_event };
    rc = hc_callback_op(CALLBACKOP_unregister, &un);
    check(rc < 0, "unregistering the event callback succeeded (rc %ld)", rc);

    /* The event path still works. */
    struct evtchn_bind_ipi bi = { .vcpu = 0 };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_ipi, &bi), 0);
    if (bi.port < 64) {
        evtchn_unmask_local(bi.port);
        events_enable();
        struct evtchn_send s = { .port = bi.port };
        check_rc(hc_event_channel_op(EVTCHNOP_send, &s), 0);
        check(evtchn_hits[bi.port] == 1, "event lost after callback abuse");
    }
}
