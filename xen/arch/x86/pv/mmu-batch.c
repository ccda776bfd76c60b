/* SPDX-License-Identifier: GPL-2.0-only */
/* The batch loop mmu_update and mmuext_op share: preemptible, progress in *pdone, as Xen. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/pv-mm.h>

#define MMU_UPDATE_PREEMPTED 0x80000000u    /* in count: a continuation; done so far in *pdone */

int pv_batch_resume(unsigned int *count, unsigned long pdone, unsigned int *done)
{
    *done = 0;
    if (!(*count & MMU_UPDATE_PREEMPTED))
        return 0;
    *count &= ~MMU_UPDATE_PREEMPTED;
    return pdone && copy_from_guest(done, pdone, sizeof(*done)) ? -EFAULT : 0;
}

long pv_batch_run(struct domain *d, unsigned long list, unsigned int count, unsigned int done,
                  unsigned long pdone, unsigned long foreigndom, size_t size,
                  int (*one)(const void *req, void *ctx), void *ctx)
{
    uint64_t req[4];
    unsigned int i;
    int rc = 0;

    BUG_ON(size > sizeof(req));
    spin_lock(&d->arch.mm_lock);
    for (i = 0; i < count; i++) {
        if (i && hypercall_preempt_check()) {
            rc = -ERESTART_INTERNAL;
            break;
        }
        if (copy_from_guest(req, list + (unsigned long)i * size, size)) {
            rc = -EFAULT;
            break;
        }
        rc = one(req, ctx);
        if (rc)
            break;
        done++;
    }
    spin_unlock(&d->arch.mm_lock);

    if (pdone && copy_to_guest(pdone, &done, sizeof(done)) && !rc)
        rc = -EFAULT;
    if (rc == -ERESTART_INTERNAL)
        return hypercall_create_continuation(4, list + (unsigned long)i * size,
                                             (unsigned long)((count - i) | MMU_UPDATE_PREEMPTED),
                                             pdone, foreigndom);
    return rc;
}
