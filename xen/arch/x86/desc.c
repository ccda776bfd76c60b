/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-CPU GDT and TSS (with IST stacks for #DF, NMI, #MC, #DB) and the IDT shared by all CPUs. */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <asm/desc.h>
#include <asm/processor.h>
#include <asm/layout.h>

struct tss64 {
    uint32_t _rsvd0;
    uint64_t rsp0, rsp1, rsp2;
    uint64_t _rsvd1;
    uint64_t ist[7];
    uint64_t _rsvd2;
    uint16_t _rsvd3, iomap_base;
} __packed;
BUILD_BUG_ON(sizeof(struct tss64) != 104);

struct idt_gate {
    uint16_t off_lo, sel;
    uint8_t ist, type_attr;
    uint16_t off_mid;
    uint32_t off_hi, _rsvd;
};

#define GDT_ENTRIES 16          /* from 0xe000: the boot entries, TSS, LDT, per-CPU */
#define IST_DF  1
#define IST_NMI 2
#define IST_MCE 3
#define IST_DB  4   /* a #DB right after SYSCALL (MOV SS shadow) must not use the guest's %rsp */

extern const uint64_t boot_gdt[8];
extern const char trap_stubs[];

static struct idt_gate idt[256] __aligned(16);
static DEFINE_PER_CPU(uint64_t [GDT_ENTRIES], gdt);
static DEFINE_PER_CPU(struct tss64, tss);

static void set_gate(unsigned int vec, unsigned int ist, unsigned int dpl)
{
    unsigned long a = (unsigned long)trap_stubs + 16 * vec;
    idt[vec] = (struct idt_gate){
        .off_lo = a & 0xffff, .sel = HYPERVISOR_CS, .ist = ist,
        .type_attr = 0x8e | (dpl << 5),         /* present, 64-bit interrupt gate */
        .off_mid = (a >> 16) & 0xffff, .off_hi = a >> 32,
    };
}

void traps_init(void)
{
    for (unsigned int v = 0; v < 256; v++)
        set_gate(v, 0, 0);
    set_gate(3, 0, 3);                          /* int3 and into: guests may use them */
    set_gate(4, 0, 3);
    set_gate(2, IST_NMI, 0);
    set_gate(8, IST_DF, 0);
    set_gate(18, IST_MCE, 0);
    set_gate(1, IST_DB, 0);
    load_cpu_tables(0);
}

void load_cpu_tables(unsigned int cpu)
{
    uint64_t *g = per_cpu(gdt, cpu);
    struct tss64 *t = &per_cpu(tss, cpu);
    unsigned long block = (unsigned long)get_cpu_info() & ~(unsigned long)(STACK_SIZE - 1);

    memset(t, 0, sizeof(*t));
    t->rsp0 = (unsigned long)&stack_cpu_info((void *)block)->guest_regs.es;   /* guest frames land in cpu_info */
    t->ist[IST_DF - 1] = block + (IST_DF_PAGE + 1) * PAGE_SIZE;
    t->ist[IST_NMI - 1] = block + (IST_NMI_PAGE + 1) * PAGE_SIZE;
    t->ist[IST_MCE - 1] = block + (IST_MCE_PAGE + 1) * PAGE_SIZE;
    t->ist[IST_DB - 1] = block + (IST_DB_PAGE + 1) * PAGE_SIZE;
    t->iomap_base = sizeof(*t);                 /* no I/O bitmap: ring 3 port access faults */

    memcpy(g, boot_gdt, sizeof(boot_gdt));
    unsigned long tb = (unsigned long)t;
    unsigned int ti = (TSS_SELECTOR - FIRST_RESERVED_GDT_BYTE) / 8;
    g[ti] = (sizeof(*t) - 1) | ((tb & 0xffffff) << 16) | (0x89UL << 40) | (((tb >> 24) & 0xff) << 56);
    g[ti + 1] = tb >> 32;
    g[(LDT_SELECTOR - FIRST_RESERVED_GDT_BYTE) / 8] = 0;
    /* Limit == CPU number, so lsl can tell code which CPU it runs on (as in Xen). */
    g[(PER_CPU_SELECTOR - FIRST_RESERVED_GDT_BYTE) / 8] = (uint64_t)cpu | (0x91UL << 40);

    struct { uint16_t limit; uint64_t base; } __packed gdtr = {
        FIRST_RESERVED_GDT_BYTE + GDT_ENTRIES * 8 - 1,
        (uint64_t)g - FIRST_RESERVED_GDT_BYTE,
    }, idtr = { sizeof(idt) - 1, (uint64_t)idt };
    __asm__ volatile("lgdt %0; lidt %1; ltr %w2; lldt %w3"
                     :: "m"(gdtr), "m"(idtr), "r"(TSS_SELECTOR), "r"(0) : "memory");
    syscall_init_cpu(cpu);
    /* SSE for guests (and fxsave/fxrstor on context switch) needs these on every CPU. */
    write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
}
