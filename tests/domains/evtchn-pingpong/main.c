/* SPDX-License-Identifier: GPL-2.0-only */
/* Two device-tree domains bounce 10,000 events over one interdomain channel found without xenstore. */
#include "guest.h"

const char test_title[] = "boot-time domains: 10,000 interdomain event round trips";

#define ROUNDS      10000
#define WAIT_NS     2000000000ull       /* a peer silent this long has lost an event */
#define FIND_TRIES  2000

static void send(evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };
    check_rc(hc_event_channel_op(EVTCHNOP_send, &s), 0);
}

/* pong: offer an unbound port to the peer, then answer every event. */
static void pong(domid_t peer)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = peer };
    check_rc(hc_event_channel_op(EVTCHNOP_alloc_unbound, &au), 0);
    printf("pong: port %u offered to domain %u\n", au.port, peer);
    for (unsigned int i = 0; i < ROUNDS; i++) {
        if (!evtchn_wait(au.port, WAIT_NS)) {
            test_fail("pong: no event %u of %u from domain %u", i + 1, ROUNDS, peer);
            return;
        }
        send(au.port);
    }
    printf("pong: answered %u events\n", ROUNDS);
}

/* ping: find the peer's offered port by trying bind_interdomain on its ports, then bounce. */
static void ping(domid_t peer)
{
    evtchn_port_t port = 0;
    for (unsigned int t = 0; t < FIND_TRIES && !port; t++) {
        for (evtchn_port_t rp = 1; rp < 16 && !port; rp++) {
            struct evtchn_bind_interdomain bi = { .remote_dom = peer, .remote_port = rp };
            if (hc_event_channel_op(EVTCHNOP_bind_interdomain, &bi) == 0)
                port = bi.local_port;
        }
        if (!port)
            hc_sched_op(SCHEDOP_yield, NULL);
    }
    if (!port) {
        test_fail("ping: domain %u offered no port", peer);
        return;
    }
    evtchn_clear(port);                 /* binding raises the new local port once */
    printf("ping: bound local port %u to domain %u\n", port, peer);

    uint64_t t0 = pvclock_now();
    for (unsigned int i = 0; i < ROUNDS; i++) {
        send(port);
        if (!evtchn_wait(port, WAIT_NS)) {
            test_fail("ping: no answer to event %u of %u", i + 1, ROUNDS);
            return;
        }
    }
    uint64_t ns = pvclock_now() - t0;
    printf("ping: %u round trips in %lu us (%lu ns each)\n", ROUNDS, (unsigned long)(ns / 1000),
           (unsigned long)(ns / ROUNDS));
}

void test_main(void)
{
    char role[8];
    long peer = cmdline_int("peer", -1);

    if (!cmdline_get("role", role, sizeof(role)) || peer < 0) {
        test_error("command line '%s' lacks role= and peer=", (const char *)start_info->cmd_line);
        return;
    }
    if (!strcmp(role, "pong"))
        pong(peer);
    else if (!strcmp(role, "ping"))
        ping(peer);
    else
        test_error("unknown role '%s'", role);
}
