/* SPDX-License-Identifier: GPL-2.0-only */
/* dom0's end of a built domU's console ring (lines printed as "(domU) ..."), and its destruction. */
#include "domu.h"

#define VERDICT "Test result: "

/* One complete line. The domU's verdict is shown without the "Test result:" words: the harness
 * takes exactly one such line per run, dom0's own. */
static void console_line(struct domu *u)
{
    u->line[u->line_len] = '\0';
    const char *v = strstr(u->line, VERDICT);
    if (!v) {
        printf("(domU) %s\n", u->line);
    } else {
        v += sizeof(VERDICT) - 1;
        u->verdict = !memcmp(v, "SUCCESS", 7) ? DOMU_SUCCESS
                     : !memcmp(v, "SKIP", 4)  ? DOMU_SKIP
                                              : DOMU_FAILURE;
        printf("(domU) verdict: %s\n", v);
    }
    u->line_len = 0;
}

bool domu_console_drain(struct domu *u)
{
    struct xencons_interface *r = u->console;
    bool whole = false;

    if (!r)
        return false;
    XENCONS_RING_IDX cons = r->out_cons, prod = *(volatile XENCONS_RING_IDX *)&r->out_prod;
    asm volatile("" ::: "memory"); /* the index before the data (x86 keeps loads in order) */
    if (prod - cons > sizeof(r->out))
        cons = prod - sizeof(r->out); /* a bogus producer index: read one ring's worth */
    while (cons != prod) {
        char ch = r->out[MASK_XENCONS_IDX(cons++, r->out)];
        if (ch == '\r')
            continue;
        if (ch == '\n' || u->line_len == sizeof(u->line) - 1) {
            console_line(u);
            whole = true;
            if (ch == '\n')
                continue;
        }
        u->line[u->line_len++] = ch;
    }
    asm volatile("" ::: "memory");
    *(volatile XENCONS_RING_IDX *)&r->out_cons = cons;
    evt_send(u->console_port); /* a producer waiting for room */
    return whole;
}

int domu_run_console(struct domu *u, unsigned int timeout_ms)
{
    uint64_t deadline = pvclock_now() + (uint64_t)timeout_ms * 1000000;
    evtchn_port_t port = u->console_port;

    evtchn_mask(port); /* polled, not delivered */
    for (;;) {
        evtchn_clear(port);
        domu_console_drain(u);
        struct xen_domctl_getdomaininfo info;
        if (ctl_info(u->id, &info) || info.domain != u->id || (info.flags & XEN_DOMINF_shutdown)) {
            domu_console_drain(u);
            break;
        }
        uint64_t now = pvclock_now();
        if (now >= deadline) {
            test_fail("d%u: no shutdown after %u ms", u->id, timeout_ms);
            break;
        }
        /* Wake on the console event or every 20 ms (the shutdown has no event of ours). */
        struct sched_poll p = {.nr_ports = 1, .timeout = now + 20000000};
        set_xen_guest_handle(p.ports, &port);
        hc_sched_op(SCHEDOP_poll, &p);
    }
    if (u->line_len)
        console_line(u);
    return u->verdict;
}

long domu_destroy(struct domu *u)
{
    if (u->console) {
        domu_unmap(DOMU_CONSOLE_SLOT, 1);
        u->console = NULL;
    }
    if (u->console_port)
        evt_close(u->console_port);
    if (u->store_port)
        evt_close(u->store_port);
    u->console_port = u->store_port = 0;
    long rc = u->id ? ctl_destroy_wait(u->id) : 0;
    if (rc)
        test_fail("destroy d%u: %ld", u->id, rc);
    u->id = 0;
    return rc;
}
