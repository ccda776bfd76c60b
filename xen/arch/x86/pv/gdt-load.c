/* SPDX-License-Identifier: GPL-2.0-only */
/* Loading a vCPU's GDT on a CPU: a per-CPU window of guest frames plus the hypervisor's entries; data selectors. */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <asm/cpuid.h>
#include <asm/extable.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv-priv.h>
#include <xen/time.h>

/*
 * Each CPU owns 32 pages at PERDOMAIN_VIRT_START + cpu * 128 KiB (16 for the
 * GDT, 16 kept for the LDT). GDT pages 0-13 map the running vCPU's frames
 * (a shared zero page where it has none, so unused selectors fault); page 14
 * holds this CPU's copy of the hypervisor's reserved entries (0xe000-0xe07f:
 * flat ring-3 selectors, TSS, per-CPU). The window replaces the boot GDTR the
 * first time a PV vCPU runs on the CPU; the TSS stays loaded.
 */
#define WINDOW_PAGES    32
#define WINDOW(cpu)     (PERDOMAIN_VIRT_START + (unsigned long)(cpu) * WINDOW_PAGES * PAGE_SIZE)
#define RESERVED_BYTES  128             /* the 16 entries desc.c keeps from 0xe000 */

static unsigned long zero_mfn;
static pte_t *window_l1[NR_CPUS];       /* the L1 entries of each CPU's window */
static uint64_t *reserved_page[NR_CPUS];
static bool window_ready[NR_CPUS];

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
    unsigned int cpu;
    for_each_online_cpu(cpu) {
        uint64_t *res = alloc_xenheap_page();
        if (!res)
            panic("priv_init: no memory for CPU %u's GDT page; give the machine more RAM", cpu);
        memset(res, 0, PAGE_SIZE);
        reserved_page[cpu] = res;
        /* Guest frames are mapped writable here (the CPU sets accessed bits), never for the guest. */
        for (unsigned int i = 0; i < NR_GDT_FRAMES; i++)
            if (map_pages_to_xen(WINDOW(cpu) + i * PAGE_SIZE, zero_mfn, 1, PAGE_HYPERVISOR_RW & ~_PAGE_RW))
                panic("priv_init: cannot map CPU %u's GDT window", cpu);
        if (map_pages_to_xen(WINDOW(cpu) + NR_GDT_FRAMES * PAGE_SIZE, virt_to_mfn(res), 1, PAGE_HYPERVISOR_RW))
            panic("priv_init: cannot map CPU %u's GDT window", cpu);
        window_l1[cpu] = walk_l1(WINDOW(cpu));
    }
    printk("PV: CPUID/MSR policy ready; GDT windows for %u CPUs at %#lx\n", num_online_cpus(),
           (unsigned long)PERDOMAIN_VIRT_START);
}

void vcpu_priv_init(struct vcpu *v)
{
    extern unsigned long pv_guest_cr4(unsigned long wanted);
    struct pv_priv_vcpu *p = &v->arch.priv;
    p->cr4 = pv_guest_cr4(0);
    p->pat = 0x0000050100070406ULL;     /* WB, WT, UC-, UC, WC, WP, UC, UC: the hypervisor's PAT */
    p->dr[6] = 0xffff0ff0UL;
    p->dr[7] = 0x400UL;
}

void pv_load_descriptor_tables(struct vcpu *v)
{
    unsigned int cpu = smp_processor_id();
    pte_t *l1 = window_l1[cpu];
    const struct pv_priv_vcpu *p = &v->arch.priv;
    unsigned int nr = (p->gdt_ents + 511) / 512;

    if (!l1)
        return;                         /* a CPU brought up after priv_init: boot GDT only */
    if (!window_ready[cpu]) {
        /* Copy the hypervisor's entries from the GDT this CPU booted with (TSS already busy). */
        struct { uint16_t limit; uint64_t base; } __packed gdtr;
        __asm__ volatile("sgdt %0" : "=m"(gdtr));
        memcpy(reserved_page[cpu], (void *)(gdtr.base + FIRST_RESERVED_GDT_BYTE), RESERVED_BYTES);
        window_ready[cpu] = true;
    }
    for (unsigned int i = 0; i < NR_GDT_FRAMES; i++) {
        pte_t want = i < nr ? ((p->gdt_frames[i] << PAGE_SHIFT) | (PAGE_HYPERVISOR_RW & ~_PAGE_GLOBAL))
                            : ((zero_mfn << PAGE_SHIFT) | (PAGE_HYPERVISOR_RW & ~(_PAGE_RW | _PAGE_GLOBAL)));
        if (!(rdmsr(MSR_EFER) & EFER_NXE))
            want &= ~_PAGE_NX;
        if (l1[i] != want) {
            l1[i] = want;
            __asm__ volatile("invlpg %0" :: "m"(*(char *)(WINDOW(cpu) + i * PAGE_SIZE)) : "memory");
        }
    }
    struct { uint16_t limit; uint64_t base; } __packed gdtr = {
        FIRST_RESERVED_GDT_BYTE + RESERVED_BYTES - 1, WINDOW(cpu),
    };
    __asm__ volatile("lgdt %0" :: "m"(gdtr) : "memory");
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
#define LOAD_SEG(seg, sel) ({                                           \
    unsigned int s_ = (sel);                                            \
    __asm__ volatile("1: mov %k0, %%" #seg "\n"                         \
                     "2:\n"                                             \
                     "   .pushsection .fixup, \"ax\"\n"                 \
                     "3: xor %k0, %k0\n"                                \
                     "   mov %k0, %%" #seg "\n"                         \
                     "   jmp 2b\n"                                      \
                     "   .popsection\n"                                 \
                     _ASM_EXTABLE(1b, 3b)                               \
                     : "+r"(s_));                                       \
    s_ == (sel); })

void pv_load_segments(struct vcpu *v)
{
    const struct pv_priv_vcpu *p = &v->arch.priv;
    bool ok = LOAD_SEG(ds, p->ds);
    ok &= LOAD_SEG(es, p->es);
    ok &= LOAD_SEG(fs, p->fs);
    ok &= LOAD_SEG(gs, p->gs);
    /* The bases are written after this by the caller (a selector load resets them). Xen would
     * bounce to the failsafe callback here; the guest gets null selectors instead. */
    if (!ok)
        printk("d%u v%u: stale data selector replaced by null on context switch\n",
               v->domain->domain_id, v->vcpu_id);
}
