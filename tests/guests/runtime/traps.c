/* SPDX-License-Identifier: GPL-2.0-only */
/* Trap table, C exception dispatch, fault probes with an exception table, and user-mode calls. */
#include "guest.h"

#define NR_VECTORS 258 /* 0..255, 256 = event upcall, 257 = failsafe */

void evtchn_dispatch(void);
void iret_to_guest(void);
void event_entry(void);
void failsafe_entry(void);
void user_call(void (*fn)(void), uint64_t user_rsp);
void user_call_return(void);

#define STUB(n) void trap_entry_##n(void);
STUB(0) STUB(1) STUB(2) STUB(3) STUB(4) STUB(5) STUB(6) STUB(7) STUB(8) STUB(10)
STUB(11) STUB(12) STUB(13) STUB(14) STUB(16) STUB(17) STUB(18) STUB(19) STUB(20) STUB(128)

static const struct { uint8_t vector, flags; void (*entry)(void); } stubs[] = {
    { 0, 0, trap_entry_0 },   { 1, 0, trap_entry_1 },   { 2, 0, trap_entry_2 },
    { 3, 3, trap_entry_3 },   { 4, 3, trap_entry_4 },   { 5, 0, trap_entry_5 },
    { 6, 0, trap_entry_6 },   { 7, 0, trap_entry_7 },   { 8, 0, trap_entry_8 },
    { 10, 0, trap_entry_10 }, { 11, 0, trap_entry_11 }, { 12, 0, trap_entry_12 },
    { 13, 0, trap_entry_13 }, { 14, 0, trap_entry_14 }, { 16, 0, trap_entry_16 },
    { 17, 0, trap_entry_17 }, { 18, 0, trap_entry_18 }, { 19, 0, trap_entry_19 },
    { 20, 0, trap_entry_20 }, { 128, 3, trap_entry_128 },
};

static struct trap_info table[ARRAY_SIZE(stubs) + 1];
static trap_handler_t handlers[NR_VECTORS];
volatile struct trap_record last_trap;

uint8_t user_kernel_stack[2 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t user_stack[2 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static bool in_user_call;
static uint8_t user_saved_mask;
extern uint64_t user_saved_rsp;

struct extable { uint64_t fault, fixup; };
extern const struct extable _extable_start[], _extable_end[];

void trap_set_handler(unsigned int vector, trap_handler_t fn)
{
    handlers[vector] = fn;
}

long trap_table_load(unsigned int vector, uint8_t flags, uint64_t address)
{
    for (size_t i = 0; i < ARRAY_SIZE(stubs); i++) {
        table[i].vector = stubs[i].vector;
        table[i].flags = stubs[i].flags;
        table[i].cs = FLAT_KERNEL_CS;
        table[i].address = (uint64_t)stubs[i].entry;
        if (stubs[i].vector == vector) {
            table[i].flags = flags;
            if (address)
                table[i].address = address;
        }
    }
    memset(&table[ARRAY_SIZE(stubs)], 0, sizeof(table[0]));
    return hc_set_trap_table(table);
}

void trap_table_fill(struct trap_info ctxt[256])
{
    memset(ctxt, 0, 256 * sizeof(ctxt[0]));
    for (size_t i = 0; i < ARRAY_SIZE(stubs); i++) {
        struct trap_info *t = &ctxt[stubs[i].vector];
        t->vector = stubs[i].vector;
        t->flags = stubs[i].flags;
        t->cs = FLAT_KERNEL_CS;
        t->address = (uint64_t)stubs[i].entry;
    }
}

void trap_init(void)
{
    long rc = trap_table_load(~0u, 0, 0);

    if (rc) {
        printf("Test result: ERROR: set_trap_table failed (%ld)\n", rc);
        shutdown(SHUTDOWN_crash);
    }
    rc = hc_set_callbacks(event_entry, failsafe_entry, 0);
    if (rc) {
        printf("Test result: ERROR: set_callbacks failed (%ld)\n", rc);
        shutdown(SHUTDOWN_crash);
    }
}

static bool fixup(struct exc_frame *f)
{
    for (const struct extable *e = _extable_start; e < _extable_end; e++) {
        if (e->fault == f->rip) {
            f->rip = e->fixup;
            return true;
        }
    }
    return false;
}

/* Back from run_in_user(): resume user_call_return in kernel mode. */
static bool user_return(struct exc_frame *f)
{
    if (!in_user_call || (f->cs & 3) != 3 || f->rax != 0x5553)
        return false;
    in_user_call = false;
    f->rip = (uint64_t)user_call_return;
    f->cs = KERNEL_CS_RPL0;
    f->ss = FLAT_KERNEL_SS & ~3;
    f->rsp = user_saved_rsp;
    f->rflags = user_saved_mask ? 0x2 : 0x202;
    return true;
}

void trap_dispatch(struct exc_frame *f)
{
    if (f->vector == 256) {
        evtchn_dispatch();
        return;
    }
    if (f->vector == 257) {
        if (handlers[257] && handlers[257](f))
            return;             /* a test expecting the failsafe callback */
        printf("Test result: FAILURE: failsafe callback at rip %#lx\n", f->rip);
        shutdown(SHUTDOWN_crash);
    }

    last_trap.vector = f->vector;
    last_trap.error_code = f->error_code;
    last_trap.rip = f->rip;
    last_trap.cs = f->cs;
    last_trap.cr2 = f->vector == 14 ? vcpu0()->arch.cr2 : 0;
    last_trap.count++;

    if (f->vector == 128 && user_return(f))
        return;
    if (handlers[f->vector] && handlers[f->vector](f))
        return;
    if (fixup(f))
        return;
    printf("Test result: FAILURE: unhandled exception %lu err %#lx at rip %#lx cs %#lx cr2 %#lx\n",
           f->vector, f->error_code, f->rip, f->cs, last_trap.cr2);
    shutdown(SHUTDOWN_crash);
}

#define EXTABLE(fault, fixup) \
    ".pushsection .extable, \"a\"\n.quad " fault ", " fixup "\n.popsection\n"

unsigned int probe_read(const volatile void *p, uint64_t *val)
{
    uint64_t before = last_trap.count, v = 0;

    asm volatile("1: mov (%[p]), %[v]\n2:\n" EXTABLE("1b", "2b")
                 : [v] "+r"(v) : [p] "r"(p) : "memory");
    *val = v;
    return last_trap.count != before ? 0x100 | (unsigned int)last_trap.vector : 0;
}

unsigned int probe_write(volatile void *p, uint64_t val)
{
    uint64_t before = last_trap.count;

    asm volatile("1: mov %[v], (%[p])\n2:\n" EXTABLE("1b", "2b")
                 : : [v] "r"(val), [p] "r"(p) : "memory");
    return last_trap.count != before ? 0x100 | (unsigned int)last_trap.vector : 0;
}

unsigned int probe_ud2(void)
{
    uint64_t before = last_trap.count;

    asm volatile("1: ud2\n2:\n" EXTABLE("1b", "2b") ::: "memory");
    return last_trap.count != before ? 0x100 | (unsigned int)last_trap.vector : 0;
}

#define STR_(x) #x
#define STR(x) STR_(x)
asm(".pushsection .text\n"
    ".globl syscall_return_to_user\n"
    "syscall_return_to_user:\n"
    "    pop %rcx\n"
    "    pop %r11\n"
    "    push $" STR(VGCF_in_syscall) "\n"
    "    push %rcx\n"
    "    push %r11\n"
    "    push %rax\n"
    "    mov $" STR(__HYPERVISOR_iret) ", %eax\n"
    "    syscall\n"
    "    ud2\n"
    ".popsection\n");

void run_in_user(void (*fn)(void))
{
    static bool base_set;

    if (!base_set) {
        /* Guest user mode shares the kernel's page tables. */
        long rc = mmuext1(MMUEXT_NEW_USER_BASEPTR, pt_mfn(fn, 4), 0);

        if (rc) {
            test_error("NEW_USER_BASEPTR failed: %ld", rc);
            test_finish();
        }
        base_set = true;
    }
    long rc = hc_stack_switch(FLAT_KERNEL_SS, user_kernel_stack + sizeof(user_kernel_stack));

    if (rc) {
        test_error("stack_switch failed: %ld", rc);
        test_finish();
    }
    user_saved_mask = vcpu0()->evtchn_upcall_mask;
    in_user_call = true;
    user_call(fn, (uint64_t)user_stack + sizeof(user_stack));
    vcpu0()->evtchn_upcall_mask = user_saved_mask;
}
