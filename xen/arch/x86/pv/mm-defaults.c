/* SPDX-License-Identifier: GPL-2.0-only */
/* Until the PV MMU lands: no M2P, hypervisor slots only, and the builder's own tables trusted unvalidated. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/pv-mm.h>

__attribute__((weak)) void set_gpfn_from_mfn(unsigned long mfn, unsigned long pfn) { }

__attribute__((weak)) void init_guest_l4_table(pte_t *l4, const struct domain *d, bool user)
{
    for (unsigned int i = HV_FIRST_L4_SLOT; i <= HV_LAST_L4_SLOT; i++)
        l4[i] = idle_pg_table[i];
}

__attribute__((weak)) int pv_pin_l4_and_set_baseptr(struct vcpu *v, unsigned long l4_mfn)
{
    v->arch.guest_table = l4_mfn;
    return 0;
}
