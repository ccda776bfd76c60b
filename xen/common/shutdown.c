/* SPDX-License-Identifier: GPL-2.0-only */
/* What the machine does when its initial domain stops. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/power.h>
#include <public/sched.h>

void initial_domain_shutdown(struct domain *d, unsigned int reason)
{
    switch (reason) {
    case SHUTDOWN_poweroff:
        printk("Initial domain halted: powering off\n");
        machine_power_off();
    case SHUTDOWN_reboot:
        printk("Initial domain asked for a reboot\n");
        machine_restart();
    default:
        if (opt_noreboot) {
            printk("Initial domain stopped (%s): 'noreboot' set, not rebooting\n",
                   reason == SHUTDOWN_crash ? "crash" : "other reason");
            return;             /* the hypervisor idles; the console stays readable */
        }
        printk("Initial domain stopped: rebooting the machine\n");
        machine_restart();
    }
}
