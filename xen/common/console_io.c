/* SPDX-License-Identifier: GPL-2.0-only */
/* HYPERVISOR_console_io: the initial domain's text goes to the console as it is, a boot-time domain's with its name. */
#include <xen/console.h>
#include <xen/domain_console.h>
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <public/xen.h>

#define CHUNK 256

long do_console_io(int cmd, unsigned int count, unsigned long buffer)
{
    struct domain *d = current->domain;
    char buf[CHUNK];

    if (!d->is_initial && !d->is_privileged)
        return -EPERM;
    switch (cmd) {
    case CONSOLEIO_write:
        while (count) {
            unsigned int n = count < CHUNK ? count : CHUNK;
            if (copy_from_guest(buf, buffer, n))
                return -EFAULT;
            if (d->console)             /* a boot-time domain: its lines carry its name */
                domain_console_write(d, buf, n);
            else
                console_guest_write(buf, n);
            buffer += n;
            count -= n;
            if (count && hypercall_preempt_check())
                return hypercall_create_continuation(3, cmd, count, buffer);
        }
        return 0;
    case CONSOLEIO_read:
        return 0;                       /* serial input is not routed to guests yet: nothing to read */
    }
    return -ENOSYS;
}
