/* SPDX-License-Identifier: GPL-2.0-only */
/* Two device-tree domains each print their name through the console ring the hypervisor serves. */
#include "guest.h"

const char test_title[] = "boot-time domains: names on the hypervisor-served console rings";

void test_main(void)
{
    char name[32];

    check(cmdline_get("name", name, sizeof(name)), "no name= on the command line '%s'",
          (const char *)start_info->cmd_line);
    check(!(start_info->flags & (SIF_PRIVILEGED | SIF_INITDOMAIN)), "flags %#x: a DT domU is unprivileged",
          start_info->flags);
    check(start_info->console.domU.mfn && start_info->console.domU.evtchn,
          "console ring mfn %#lx evtchn %u", (unsigned long)start_info->console.domU.mfn,
          start_info->console.domU.evtchn);
    /* A release Xen refuses console_io to an unprivileged domU; so do we. */
    check_rc(hc_console_io(CONSOLEIO_write, 1, "x"), -XEN_EPERM);

    struct evtchn_status st = { .dom = DOMID_SELF, .port = start_info->console.domU.evtchn };
    check_rc(hc_event_channel_op(EVTCHNOP_status, &st), 0);
    check(st.status == EVTCHNSTAT_unbound, "console port status %u", st.status);

    printf("hello from %s\n", name);
    /* A line longer than the ring (2 KiB) must arrive whole, in pieces, without loss. */
    static char big[3000];
    for (unsigned i = 0; i < sizeof(big) - 1; i++)
        big[i] = 'a' + i % 26;
    printf("%s: %lu characters follow\n", name, (unsigned long)strlen(big));
    console_write(big, strlen(big));
    printf("\n%s: done\n", name);
}
