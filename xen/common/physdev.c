/* SPDX-License-Identifier: GPL-2.0-only */
/* physdev_op: a vCPU's virtual IOPL and I/O bitmap here; the IRQ and PCI sub-ops in arch/x86/pirq.c. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/pirq.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <public/physdev.h>

long do_physdev_op(int cmd, unsigned long arg)
{
    struct vcpu *v = current;

    switch (cmd) {
    case PHYSDEVOP_set_iopl: {
        struct physdev_set_iopl s;
        if (copy_from_guest(&s, arg, sizeof(s)))
            return -EFAULT;
        if (s.iopl > 3)
            return -EINVAL;
        v->arch.iopl = s.iopl;
        return 0;
    }
    case PHYSDEVOP_set_iobitmap: {
        struct physdev_set_iobitmap s;
        if (copy_from_guest(&s, arg, sizeof(s)))
            return -EFAULT;
        if (s.nr_ports > 65536)
            return -EINVAL;
        /* Read at each port access, through the fault-tolerant accessors: no check needed now. */
        v->arch.priv.iobmp = (unsigned long)s.bitmap.p;
        v->arch.priv.iobmp_nr = s.nr_ports;
        return 0;
    }
    }
    return physdev_irq_op(cmd, arg);
}
