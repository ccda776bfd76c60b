/* SPDX-License-Identifier: GPL-2.0-only */
/* Writable page tables: a guest kernel's write to its own read-only L1 page, checked and applied. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/iomem.h>
#include <asm/ptwr.h>
#include <asm/pv.h>
#include <asm/pv-mm.h>

#define PFEC_PRESENT    (1u << 0)
#define PFEC_WRITE      (1u << 1)
#define PFEC_RSVD       (1u << 3)
#define PFEC_INSN       (1u << 4)


static uint64_t *reg_slot(struct cpu_user_regs *r, int n)
{
    uint64_t *slots[16] = { &r->rax, &r->rcx, &r->rdx, &r->rbx, &r->rsp, &r->rbp, &r->rsi, &r->rdi,
                            &r->r8, &r->r9, &r->r10, &r->r11, &r->r12, &r->r13, &r->r14, &r->r15 };
    return slots[n & 15];
}

/* The frame @addr lies in, if it is a validated L1 of @d mapped read-only at @addr. */
static unsigned long ro_l1_frame(struct vcpu *v, unsigned long addr)
{
    uint64_t ma = pv_guest_l1e_maddr(v, addr);
    if (!ma)
        return 0;
    pte_t e = *(pte_t *)((char *)mfn_to_virt(ma >> PAGE_SHIFT) + (ma & (PAGE_SIZE - 1)));
    unsigned long mfn = (e & PTE_ADDR_MASK) >> PAGE_SHIFT;
    if ((e & (_PAGE_PRESENT | _PAGE_RW)) != _PAGE_PRESENT || !mfn_valid(mfn))
        return 0;
    struct page_info *pg = mfn_to_page(mfn);
    unsigned long t = pg->type_info;
    if (pg->u.owner != v->domain || (t & PGT_type_mask) != PGT_l1_page_table ||
        !(t & PGT_validated) || !(t & PGT_count_mask))
        return 0;
    return mfn;
}

static bool emulate(struct cpu_user_regs *regs, unsigned long addr, unsigned long mfn)
{
    struct domain *d = current->domain;
    uint8_t insn[15];
    unsigned int n = sizeof(insn) - copy_from_guest(insn, regs->rip, sizeof(insn));
    struct ptwr_insn in;
    struct ptwr_result res;

    if (!ptwr_decode(insn, n, &in))
        return false;
    unsigned int off = addr & 7;
    if (off + in.size > 8)
        return false;                   /* straddles two entries */
    uint64_t pte_ma = ((uint64_t)mfn << PAGE_SHIFT) | (addr & (PAGE_SIZE - 8));
    pte_t *slot = (pte_t *)((char *)mfn_to_virt(mfn) + (addr & (PAGE_SIZE - 8)));
    uint64_t src = in.reg < 0 ? in.imm : *reg_slot(regs, in.reg) >> (in.high_byte ? 8 : 0);
    uint64_t mask = in.size == 8 ? ~0UL : ((1UL << (in.size * 8)) - 1);

    /* Read, compute, compare-and-exchange: the CPU may set A/D bits in the entry meanwhile. */
    for (unsigned int tries = 0;; tries++) {
        pte_t old = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
        ptwr_apply(&in, old >> (off * 8), src, regs->rax, &res);
        if (!res.write)
            break;
        pte_t new = (old & ~(mask << (off * 8))) | ((res.mem & mask) << (off * 8));
        int rc = pv_cmpxchg_pt_entry(d, pte_ma, old, new);
        if (rc == -EAGAIN && tries < 16)
            continue;
        if (rc)
            return false;               /* refused like mmu_update: the guest sees its #PF */
        break;
    }
    if (res.set_reg && in.high_byte) {
        uint64_t *r = reg_slot(regs, in.reg);
        *r = (*r & ~0xff00UL) | ((res.reg_val & 0xff) << 8);
    } else if (res.set_reg) {
        *reg_slot(regs, in.reg) = ptwr_merge_reg(*reg_slot(regs, in.reg), res.reg_val, in.size);
    }
    if (res.set_rax)
        regs->rax = ptwr_merge_reg(regs->rax, res.reg_val, in.size);
    regs->rflags = (regs->rflags & ~res.flags_mask) | res.flags;
    regs->rip += in.len;
    return true;
}

/*
 * A plain store by the privileged domain to device memory the hypervisor keeps read-only
 * (IO-APIC, HPET: asm/iomem.h) is dropped and the instruction skipped, as Xen's
 * mmio_ro_emulated_write does; read-modify-write instructions keep their #PF.
 */
static bool drop_mmio_ro_write(struct vcpu *v, struct cpu_user_regs *regs, unsigned long addr)
{
    uint64_t ma = pv_guest_l1e_maddr(v, addr);
    if (!ma || !v->domain->is_privileged)
        return false;
    pte_t e = *(pte_t *)((char *)mfn_to_virt(ma >> PAGE_SHIFT) + (ma & (PAGE_SIZE - 1)));
    unsigned long mfn = (e & PTE_ADDR_MASK) >> PAGE_SHIFT;
    if ((e & (_PAGE_PRESENT | _PAGE_RW)) != _PAGE_PRESENT ||
        (mfn_valid(mfn) && page_state(mfn_to_page(mfn)) != PGC_state_none) ||
        iomem_access(v->domain, mfn, 64) != IOMEM_READ_ONLY)
        return false;
    uint8_t insn[15];
    unsigned int n = sizeof(insn) - copy_from_guest(insn, regs->rip, sizeof(insn));
    struct ptwr_insn in;
    if (!ptwr_decode(insn, n, &in) || in.op != PTWR_MOV)
        return false;
    regs->rip += in.len;
    return true;
}

bool pv_ro_page_fault(struct cpu_user_regs *regs, unsigned long addr)
{
    struct vcpu *v = current;
    struct domain *d = v->domain;

    if ((regs->error_code & (PFEC_PRESENT | PFEC_WRITE | PFEC_RSVD | PFEC_INSN)) !=
        (PFEC_PRESENT | PFEC_WRITE) || !v->arch.kernel_mode || !guest_range_ok(addr, 1))
        return false;
    spin_lock(&d->arch.mm_lock);
    unsigned long mfn = ro_l1_frame(v, addr);
    bool done = mfn ? emulate(regs, addr, mfn) : drop_mmio_ro_write(v, regs, addr);
    spin_unlock(&d->arch.mm_lock);
    return done;
}
