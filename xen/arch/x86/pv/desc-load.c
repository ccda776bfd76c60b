/* SPDX-License-Identifier: GPL-2.0-only */
/* Loading a vCPU's GDT and LDT on a CPU: a per-CPU window of guest frames plus the hypervisor's entries; data selectors. */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <asm/cpuid.h>
#include <asm/extable.h>
#include <asm/guest_access.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/pv-mm.h>
#include <asm/pv-priv.h>
#include <xen/time.h>

/*
 * Each CPU owns 32 pages at PERDOMAIN_VIRT_START + cpu * 128 KiB (16 for the
 * GDT, 16 kept for the LDT). GDT pages 0-13 map the running vCPU's frames
 * (a shared zero page where it has none, so unused selectors fault); page 14
 * holds this CPU's copy of the hypervisor's reserved entries (0xe000-0xe07f:
 * flat ring-3 selectors, TSS, per-CPU). The window replaces the boot GDTR the
 * first time a PV vCPU runs on the CPU; the TSS stays loaded. LDT pages
 * 16-31 map the vCPU's LDT frames, described by the LDT entry at 0xe050.
 */
#define WINDOW_PAGES 32
#define WINDOW(cpu) (PERDOMAIN_VIRT_START + (unsigned long)(cpu)*WINDOW_PAGES * PAGE_SIZE)
#define RESERVED_BYTES 128 /* the 16 entries desc.c keeps from 0xe000 */
#define LDT_FIRST_PAGE 16
#define LDT_MAX_PAGES 16

static unsigned long zero_mfn;
static pte_t *window_l1[NR_CPUS]; /* the L1 entries of each CPU's window */
static uint64_t *reserved_page[NR_CPUS];
static bool window_ready[NR_CPUS];
static pte_t pte_mask = ~0UL; /* without EFER.NXE, NX is a reserved bit */
static bool cpuid_faulting;   /* the CPUs can make guest cpuid trap */

static pte_t *walk_l1(unsigned long va)
{
    pte_t *t = idle_pg_table;
    for (unsigned int shift = L4_SHIFT; shift > L1_SHIFT; shift -= 9) {
        pte_t e = t[pt_index(va, shift)];
        BUG_ON(!(e & _PAGE_PRESENT) || (e & _PAGE_PSE));
        t = __va(e & PTE_ADDR_MASK);
    }
    return &t[pt_index(va, L1_SHIFT)];
}

void priv_init(void)
{
    cpuid_policy_init(cpu_khz);
    void *zero = alloc_xenheap_page();
    if (!zero)
        panic("priv_init: no memory for the zero GDT page; give the machine more RAM");
    memset(zero, 0, PAGE_SIZE);
    zero_mfn = virt_to_mfn(zero);
    if (!(rdmsr(MSR_EFER) & EFER_NXE))
        pte_mask &= ~_PAGE_NX;
    unsigned int cpu;
    for_each_online_cpu (cpu) {
        uint64_t *res = alloc_xenheap_page();
        if (!res)
            panic("priv_init: no memory for CPU %u's GDT page; give the machine more RAM", cpu);
        memset(res, 0, PAGE_SIZE);
        reserved_page[cpu] = res;
        /* Guest frames are mapped writable here (the CPU sets accessed bits), never for the guest. */
        for (unsigned int i = 0; i < NR_GDT_FRAMES; i++)
            if (map_pages_to_xen(WINDOW(cpu) + i * PAGE_SIZE, zero_mfn, 1,
                                 PAGE_HYPERVISOR_RW & ~_PAGE_RW))
                panic("priv_init: cannot map CPU %u's GDT window", cpu);
        if (map_pages_to_xen(WINDOW(cpu) + NR_GDT_FRAMES * PAGE_SIZE, virt_to_mfn(res), 1,
                             PAGE_HYPERVISOR_RW))
            panic("priv_init: cannot map CPU %u's GDT window", cpu);
        for (unsigned int i = 0; i < LDT_MAX_PAGES; i++)
            if (map_pages_to_xen(WINDOW(cpu) + (LDT_FIRST_PAGE + i) * PAGE_SIZE, zero_mfn, 1,
                                 PAGE_HYPERVISOR_RW & ~_PAGE_RW))
                panic("priv_init: cannot map CPU %u's LDT window", cpu);
        window_l1[cpu] = walk_l1(WINDOW(cpu));
    }
    cpuid_faulting = cpuid_faulting_available();
    printk("PV: CPUID/MSR policy ready (CPUID faulting %s); GDT windows for %u CPUs at %#lx\n",
           cpuid_faulting ? "on: native cpuid is filtered too"
                          : "unavailable: only the forced-emulation prefix is",
           num_online_cpus(), (unsigned long)PERDOMAIN_VIRT_START);
}

void vcpu_priv_init(struct vcpu *v)
{
    struct pv_priv_vcpu *p = &v->arch.priv;
    p->cr4 = pv_guest_cr4(0);
    p->pat = 0x0000050100070406ULL; /* WB, WT, UC-, UC, WC, WP, UC, UC: the hypervisor's PAT */
    p->dr[6] = 0xffff0ff0UL;
    p->dr[7] = 0x400UL;
}

/* Map @mfn (0: the zero page, read-only) at page @i of this CPU's window. */
static void set_window_page(unsigned int cpu, unsigned int i, unsigned long mfn)
{
    pte_t want =
        mfn ? ((mfn << PAGE_SHIFT) | (PAGE_HYPERVISOR_RW & ~_PAGE_GLOBAL))
            : ((zero_mfn << PAGE_SHIFT) | (PAGE_HYPERVISOR_RW & ~(_PAGE_RW | _PAGE_GLOBAL)));
    want &= pte_mask;
    if (window_l1[cpu][i] != want) {
        window_l1[cpu][i] = want;
        __asm__ volatile("invlpg %0" ::"m"(*(char *)(WINDOW(cpu) + i * PAGE_SIZE)) : "memory");
    }
}

/* The LDT pages of the window, the 16-byte LDT descriptor at 0xe050 and LDTR. */
static void load_ldt_on_cpu(const struct vcpu *v, unsigned int cpu)
{
    const struct pv_priv_vcpu *p = &v->arch.priv;
    unsigned int ents = p->ldt_nr ? v->arch.ldt_ents : 0;
    uint64_t *res = reserved_page[cpu];
    unsigned int slot = (LDT_SELECTOR - FIRST_RESERVED_GDT_BYTE) / 8;

    for (unsigned int i = 0; i < LDT_MAX_PAGES; i++)
        set_window_page(cpu, LDT_FIRST_PAGE + i, i < p->ldt_nr ? p->ldt_frames[i] : 0);
    if (!ents) {
        __asm__ volatile("lldt %w0" ::"r"(0));
        return;
    }
    unsigned long base = WINDOW(cpu) + LDT_FIRST_PAGE * PAGE_SIZE, limit = ents * 8 - 1;
    res[slot] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x82UL << 40) |
                ((limit >> 16 & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    res[slot + 1] = base >> 32;
    __asm__ volatile("lldt %w0" ::"r"(LDT_SELECTOR));
}

void pv_destroy_ldt(struct vcpu *v)
{
    struct pv_priv_vcpu *p = &v->arch.priv;
    for (unsigned int i = 0; i < p->ldt_nr; i++)
        put_page_and_type(mfn_to_page(p->ldt_frames[i]));
    p->ldt_nr = 0;
}

/*
 * MMUEXT_SET_LDT recorded ldt_base/ldt_ents: take a descriptor-page reference on
 * every frame now (Xen maps them lazily on the first fault; Linux makes LDT pages
 * read-only before SET_LDT, so both work). A page that is unmapped or cannot be a
 * descriptor page leaves the vCPU without an LDT, and LDT selectors fault.
 */
void pv_load_ldt(struct vcpu *v)
{
    struct pv_priv_vcpu *p = &v->arch.priv;
    unsigned int nr = (v->arch.ldt_ents * 8 + PAGE_SIZE - 1) / PAGE_SIZE, i;

    pv_destroy_ldt(v);
    for (i = 0; i < nr && i < LDT_MAX_PAGES; i++) {
        uint64_t ma = pv_guest_l1e_maddr(v, v->arch.ldt_base + i * PAGE_SIZE);
        pte_t e = ma ? *(pte_t *)((char *)mfn_to_virt(ma >> PAGE_SHIFT) + (ma & ~PAGE_MASK)) : 0;
        unsigned long mfn = (e & PTE_ADDR_MASK) >> PAGE_SHIFT;
        if (!(e & _PAGE_PRESENT) || !mfn_valid(mfn) ||
            get_page_and_type(mfn_to_page(mfn), v->domain, PGT_seg_desc_page))
            break;
        p->ldt_frames[i] = mfn;
        p->ldt_nr = i + 1;
    }
    if (i < nr) {
        printk("d%u v%u: LDT page %u at %#lx is not a descriptor page; no LDT loaded\n",
               v->domain->domain_id, v->vcpu_id, i, v->arch.ldt_base + i * PAGE_SIZE);
        pv_destroy_ldt(v);
    }
    if (v == current && window_l1[smp_processor_id()])
        load_ldt_on_cpu(v, smp_processor_id());
}

void pv_load_descriptor_tables(struct vcpu *v)
{
    unsigned int cpu = smp_processor_id();
    const struct pv_priv_vcpu *p = &v->arch.priv;
    unsigned int nr = (p->gdt_ents + 511) / 512;

    if (!window_l1[cpu])
        return; /* a CPU brought up after priv_init: boot GDT only */
    if (!window_ready[cpu]) {
        /* Copy the hypervisor's entries from the GDT this CPU booted with (TSS already busy). */
        struct {
            uint16_t limit;
            uint64_t base;
        } __packed gdtr;
        __asm__ volatile("sgdt %0" : "=m"(gdtr));
        memcpy(reserved_page[cpu], (void *)(gdtr.base + FIRST_RESERVED_GDT_BYTE), RESERVED_BYTES);
        if (cpuid_faulting)
            cpuid_faulting_enable(); /* native cpuid in guests traps from now on */
        window_ready[cpu] = true;
    }
    for (unsigned int i = 0; i < NR_GDT_FRAMES; i++)
        set_window_page(cpu, i, i < nr ? p->gdt_frames[i] : 0);
    struct {
        uint16_t limit;
        uint64_t base;
    } __packed gdtr = {
        FIRST_RESERVED_GDT_BYTE + RESERVED_BYTES - 1,
        WINDOW(cpu),
    };
    __asm__ volatile("lgdt %0" ::"m"(gdtr) : "memory");
    load_ldt_on_cpu(v, cpu);
}

#define SAVE_SEG(seg, dst) __asm__ volatile("mov %%" #seg ", %0" : "=r"(dst))

void pv_save_segments(struct vcpu *v)
{
    uint16_t ds, es, fs, gs;
    SAVE_SEG(ds, ds);
    SAVE_SEG(es, es);
    SAVE_SEG(fs, fs);
    SAVE_SEG(gs, gs);
    v->arch.priv.ds = ds;
    v->arch.priv.es = es;
    v->arch.priv.fs = fs;
    v->arch.priv.gs = gs;
    /* A selector load may have changed the bases since set_segment_base. */
    v->arch.fs_base = rdmsr(0xc0000100);
    if (v->arch.kernel_mode)
        v->arch.gs_base_kernel = rdmsr(0xc0000101);
    else
        v->arch.gs_base_user = rdmsr(0xc0000101);
}

/* Load @sel into a data segment register; a selector that no longer loads becomes null. */
#define LOAD_SEG(seg, sel)                                       \
    ({                                                           \
        unsigned int s_ = (sel);                                 \
        __asm__ volatile("1: mov %k0, %%" #seg "\n"              \
                         "2:\n"                                  \
                         "   .pushsection .fixup, \"ax\"\n"      \
                         "3: xor %k0, %k0\n"                     \
                         "   mov %k0, %%" #seg "\n"              \
                         "   jmp 2b\n"                           \
                         "   .popsection\n" _ASM_EXTABLE(1b, 3b) \
                         : "+r"(s_));                            \
        s_ == (sel);                                             \
    })

/*
 * Xen's failsafe frame: the bounce frame with the four data selectors the
 * guest had (8 bytes each) between R11 and RIP, at the failsafe callback.
 */
static void bounce_to_failsafe(struct vcpu *v, const struct pv_priv_vcpu *p)
{
    struct cpu_user_regs *regs = guest_cpu_user_regs();
    uint64_t f[11];

    if (!v->arch.failsafe_callback) {
        domain_crash(
            v->domain,
            "data selectors %#x/%#x/%#x/%#x no longer load and there is no failsafe callback",
            p->ds, p->es, p->fs, p->gs);
        return;
    }
    if (!pv_create_bounce_frame(regs, v->arch.failsafe_callback, false, 0,
                                v->arch.failsafe_disables_events))
        return;
    if (copy_from_guest(f, regs->rsp, 2 * 8) || copy_from_guest(&f[6], regs->rsp + 2 * 8, 5 * 8))
        goto bad;
    f[2] = p->ds;
    f[3] = p->es;
    f[4] = p->fs;
    f[5] = p->gs;
    if (copy_to_guest(regs->rsp - 4 * 8, f, sizeof(f)))
        goto bad;
    regs->rsp -= 4 * 8;
    return;
bad:
    domain_crash(v->domain, "cannot write the failsafe frame at %#lx", (unsigned long)regs->rsp);
}

void pv_load_segments(struct vcpu *v)
{
    const struct pv_priv_vcpu *p = &v->arch.priv;
    bool ok = LOAD_SEG(ds, p->ds);
    ok &= LOAD_SEG(es, p->es);
    ok &= LOAD_SEG(fs, p->fs);
    ok &= LOAD_SEG(gs, p->gs);
    /* The caller writes the bases after this (a selector load resets them). A selector that
     * failed is null now; the guest hears of it through its failsafe callback, as on Xen. */
    if (!ok)
        bounce_to_failsafe(v, p);
}
