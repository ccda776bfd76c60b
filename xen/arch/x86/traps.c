/* SPDX-License-Identifier: GPL-2.0-only */
/* Trap dispatch: interrupts to their vector handlers, hypervisor faults to a register dump and panic. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <asm/apic.h>
#include <asm/extable.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/pv-priv.h>
#include <asm/regs.h>

static const char *const exception_names[32] = {
    "#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
    "#BR bound range", "#UD invalid opcode", "#NM device not available", "#DF double fault",
    "coprocessor segment overrun", "#TS invalid TSS", "#NP segment not present",
    "#SS stack fault", "#GP general protection", "#PF page fault", "reserved (15)",
    "#MF x87 error", "#AC alignment check", "#MC machine check", "#XM SIMD error",
    "#VE virtualization", "#CP control protection", "reserved (22)", "reserved (23)",
    "reserved (24)", "reserved (25)", "reserved (26)", "reserved (27)",
    "#HV hypervisor injection", "#VC VMM communication", "#SX security", "reserved (31)",
};

static vector_handler_t vector_handlers[256];

void set_vector_handler(unsigned int vector, vector_handler_t fn)
{
    BUG_ON(vector < FIRST_DYNAMIC_VECTOR || vector > 0xff);
    vector_handlers[vector] = fn;
}

/* Is [p, p+8) inside this CPU's stack block? Keeps the unwinder from following garbage. */
static bool on_this_stack(unsigned long p)
{
    unsigned long block = (unsigned long)get_cpu_info() & ~(unsigned long)(STACK_SIZE - 1);
    return p >= block && p + 16 <= block + STACK_SIZE && !(p & 7);
}

void show_stack_trace(unsigned long rbp, unsigned long rip)
{
    printk("Backtrace:\n");
    printk("  [<%016lx>] %pS\n", rip, (void *)rip);
    for (int depth = 0; depth < 32 && on_this_stack(rbp); depth++) {
        unsigned long ret = ((unsigned long *)rbp)[1];
        unsigned long next = ((unsigned long *)rbp)[0];
        if (!ret)
            break;
        printk("  [<%016lx>] %pB\n", ret, (void *)ret);
        if (next <= rbp)                        /* frames only go up the stack */
            break;
        rbp = next;
    }
}

void show_registers(const struct cpu_user_regs *r)
{
    printk("RIP:    %04x:[<%016lx>] %pS\n", r->cs, (unsigned long)r->rip, (void *)r->rip);
    printk("RFLAGS: %016lx   CPU: %u\n", (unsigned long)r->rflags, smp_processor_id());
    printk("rax: %016lx   rbx: %016lx   rcx: %016lx\n", (unsigned long)r->rax, (unsigned long)r->rbx, (unsigned long)r->rcx);
    printk("rdx: %016lx   rsi: %016lx   rdi: %016lx\n", (unsigned long)r->rdx, (unsigned long)r->rsi, (unsigned long)r->rdi);
    printk("rbp: %016lx   rsp: %016lx   r8:  %016lx\n", (unsigned long)r->rbp, (unsigned long)r->rsp, (unsigned long)r->r8);
    printk("r9:  %016lx   r10: %016lx   r11: %016lx\n", (unsigned long)r->r9, (unsigned long)r->r10, (unsigned long)r->r11);
    printk("r12: %016lx   r13: %016lx   r14: %016lx\n", (unsigned long)r->r12, (unsigned long)r->r13, (unsigned long)r->r14);
    printk("r15: %016lx   cs: %04x   ss: %04x\n", (unsigned long)r->r15, r->cs, r->ss);
    printk("cr0: %016lx   cr2: %016lx\n", read_cr0(), read_cr2());
    printk("cr3: %016lx   cr4: %016lx\n", read_cr3(), read_cr4());
}

static void __noreturn fatal_trap(const struct cpu_user_regs *r)
{
    unsigned int v = r->entry_vector;
    printk(XENLOG_ERR "*** Fatal exception %s (vector %u, error code %#x) on CPU %u ***\n",
           exception_names[v], v, r->error_code, smp_processor_id());
    if (v == 14)
        printk(XENLOG_ERR "Page fault at %016lx: %s, %s access, %s mode%s\n", read_cr2(),
               r->error_code & 1 ? "protection violation" : "not present",
               r->error_code & 2 ? "write" : r->error_code & 16 ? "instruction" : "read",
               r->error_code & 4 ? "user" : "supervisor", r->error_code & 8 ? ", reserved bit set" : "");
    show_registers(r);
    show_stack_trace(r->rbp, r->rip);
    panic("Fatal exception %s at %pS", exception_names[v], (void *)r->rip);
}

static void nmi_default(void)
{
    printk(XENLOG_WARNING "NMI received on CPU %u (ignored)\n", smp_processor_id());
}
void (*nmi_callback)(void) = nmi_default;

void do_trap(struct cpu_user_regs *regs)
{
    unsigned int v = regs->entry_vector;

    if (v >= FIRST_DYNAMIC_VECTOR) {
        vector_handler_t fn = vector_handlers[v];
        if (fn) {
            fn(regs);
            return;
        }
        printk(XENLOG_WARNING "CPU %u: interrupt on unused vector %#x\n", smp_processor_id(), v);
        apic_eoi();
        return;
    }
    if (v == 2) {
        nmi_callback();
        return;
    }
    /* A guest's own fault (bounce or emulate it): only on the guest frame, never on an IST
     * stack (#DF, #MC), where guest_regs is stale and the iretq resumes something else. */
    if (v < 32 && regs == guest_cpu_user_regs() && regs_from_guest(regs) && !is_idle_vcpu(current)) {
        pv_handle_exception(regs);
        return;
    }
    if (v == 1) {
        pv_debug_trap_in_hypervisor(regs);
        return;
    }
    unsigned long fixup = search_exception_table(regs->rip);
    if (fixup) {
        regs->rip = fixup;
        return;
    }
    fatal_trap(regs);
}
