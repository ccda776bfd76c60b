/* SPDX-License-Identifier: GPL-2.0-only */
/* Smallest test: the runtime boots, writes to the console and reports. */
#include "guest.h"

const char test_title[] = "hello: boot, console_io write, verdict";

void test_main(void)
{
    static const char msg[] = "hello from a PV test kernel\n";

    check_rc(hc_console_io(CONSOLEIO_write, sizeof(msg) - 1, msg), 0);
    check(start_info && !memcmp(start_info->magic, "xen-3.0-x86_64", 14),
          "start_info magic is '%.32s'", start_info->magic);
}
