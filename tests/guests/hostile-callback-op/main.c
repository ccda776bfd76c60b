/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: callback_op trusting callback types and addresses. Unknown
 * types and commands give -ENOSYS, non-canonical entry points -EINVAL,
 * unregistering any entry point but the NMI one -EINVAL (a guest must not
 * leave its syscall path pointing at 0); the legacy set_callbacks ignores
 * refused addresses. Events and syscalls keep working afterwards.
 */
#include "guest.h"

const char test_title[] = "callback_op types, addresses and unregistration";

#define NONCANON 0x0000800000000000UL

static long reg(uint16_t type, uint64_t address, uint16_t flags)
{
    struct callback_register r = { .type = type, .flags = flags, .address = address };
    long rc = hc_callback_op(CALLBACKOP_register, &r);
    printf("register type %u at %#lx: %ld\n", type, address, rc);
    return rc;
}

static long unreg(uint16_t type)
{
    struct callback_unregister u = { .type = type };
    long rc = hc_callback_op(CALLBACKOP_unregister, &u);
    printf("unregister type %u: %ld\n", type, rc);
    return rc;
}

void event_entry(void);

void test_main(void)
{
    /* Unknown types and commands. */
    static const uint16_t unknown[] = { CALLBACKTYPE_sysenter_deprecated, 6, 8, 99, 0xffff };
    for (unsigned int i = 0; i < ARRAY_SIZE(unknown); i++) {
        check_rc(reg(unknown[i], (uint64_t)event_entry, 0), -XEN_ENOSYS);
        check_rc(unreg(unknown[i]), -XEN_ENOSYS);
    }
    check_rc(hc_callback_op(2, NULL), -XEN_ENOSYS);
    check_rc(hc_callback_op(-1, NULL), -XEN_ENOSYS);

    /* Non-canonical entry points are refused for every type that has one. */
    static const uint16_t types[] = { CALLBACKTYPE_event, CALLBACKTYPE_failsafe, CALLBACKTYPE_syscall };
    for (unsigned int i = 0; i < ARRAY_SIZE(types); i++) {
        check_rc(reg(types[i], NONCANON, 0), -XEN_EINVAL);
        check_rc(reg(types[i], 0x8000000000000000UL, CALLBACKF_mask_events), -XEN_EINVAL);
    }

    /* Only the NMI callback can be unregistered. */
    static const uint16_t fixed[] = { CALLBACKTYPE_event, CALLBACKTYPE_failsafe, CALLBACKTYPE_syscall,
                                      CALLBACKTYPE_syscall32, CALLBACKTYPE_sysenter };
    for (unsigned int i = 0; i < ARRAY_SIZE(fixed); i++)
        check_rc(unreg(fixed[i]), -XEN_EINVAL);
    check_rc(unreg(CALLBACKTYPE_nmi), 0);

    /* The legacy call returns 0 and keeps the old entry points when given bad ones. */
    check_rc(hc_set_callbacks(NONCANON, NONCANON, NONCANON), 0);

    /* Events still reach the runtime's upcall. */
    struct evtchn_bind_ipi bi = { .vcpu = 0 };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_ipi, &bi), 0);
    events_enable();
    struct evtchn_send s = { .port = bi.port };
    check_rc(hc_event_channel_op(EVTCHNOP_send, &s), 0);
    check(evtchn_hits[bi.port] == 1, "event lost after callback abuse (%u hits)", evtchn_hits[bi.port]);
    struct evtchn_close cl = { .port = bi.port };
    check_rc(hc_event_channel_op(EVTCHNOP_close, &cl), 0);
}
