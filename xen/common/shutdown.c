/* SPDX-License-Identifier: GPL-2.0-only */
/* What the machine does when its initial domain (or the last boot-time domain) stops. */
#include <xen/domain_console.h>
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

static unsigned int boot_domains_left;
static bool boot_domain_crashed;

void boot_domains_running(unsigned int nr)
{
    boot_domains_left = nr;
}

/* One boot-time domain stopped: the others go on; the last one powers the machine off. */
void boot_domain_shutdown(struct domain *d, unsigned int reason)
{
    domain_console_flush(d);
    if (reason == SHUTDOWN_crash)
        boot_domain_crashed = true;
    unsigned int left = __atomic_sub_fetch(&boot_domains_left, 1, __ATOMIC_SEQ_CST);
    if (left) {
        printk("%u boot-time domain%s still running\n", left, left > 1 ? "s" : "");
        return;
    }
    if (boot_domain_crashed && opt_noreboot) {
        printk("All boot-time domains stopped, at least one crashed: 'noreboot' set, idling\n");
        return;
    }
    printk("All boot-time domains stopped: powering off\n");
    machine_power_off();
}
