/* SPDX-License-Identifier: GPL-2.0-only */
/* Cycles per PV operation: null hypercall, one-PTE mmu_update, event send-to-self with upcall,
 * user->kernel syscall bounce. Prints "BENCH <name> <median cycles>" lines; the host compares. */
#include "guest.h"

#define STR_(x) #x
#define STR(x) STR_(x)

const char test_title[] = "PV operation costs (benchmark)";

#define ROUNDS 9            /* median of this many batches */
#define BATCH 2000

static uint64_t batches[ROUNDS];

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint64_t median(void)
{
    for (int i = 1; i < ROUNDS; i++)        /* insertion sort: tiny array, no libc */
        for (int j = i; j > 0 && cmp_u64(&batches[j - 1], &batches[j]) > 0; j--) {
            uint64_t t = batches[j];
            batches[j] = batches[j - 1];
            batches[j - 1] = t;
        }
    return batches[ROUNDS / 2];
}

static void report(const char *name, uint64_t per_op)
{
    printf("BENCH %s %lu\n", name, per_op);
}

static void bench_null_hypercall(void)
{
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t = rdtsc();
        for (int i = 0; i < BATCH; i++)
            hc_xen_version(XENVER_version, NULL);
        batches[r] = (rdtsc() - t) / BATCH;
    }
    report("null_hypercall", median());
}

static uint8_t scratch[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static void bench_mmu_update(void)
{
    uint64_t ptr = pte_maddr(scratch, 1);
    uint64_t val = *pte_of(scratch, 1);
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t = rdtsc();
        for (int i = 0; i < BATCH; i++)
            if (mmu_update1(ptr, val)) {
                test_error("mmu_update of one PTE failed");
                return;
            }
        batches[r] = (rdtsc() - t) / BATCH;
    }
    report("mmu_update_pte", median());
}

static void bench_evtchn_self(void)
{
    struct evtchn_bind_ipi bi = { .vcpu = 0 };
    if (hc_event_channel_op(EVTCHNOP_bind_ipi, &bi)) {
        test_error("bind_ipi failed");
        return;
    }
    evtchn_unmask_local(bi.port);
    events_enable();
    struct evtchn_send snd = { .port = bi.port };
    for (int r = 0; r < ROUNDS; r++) {
        uint32_t before = evtchn_hits[bi.port];
        uint64_t t = rdtsc();
        for (int i = 0; i < BATCH; i++)
            hc_event_channel_op(EVTCHNOP_send, &snd);    /* the upcall runs on the way back */
        batches[r] = (rdtsc() - t) / BATCH;
        if (evtchn_hits[bi.port] - before != BATCH) {
            test_error("%u upcalls for %d sends", evtchn_hits[bi.port] - before, BATCH);
            return;
        }
    }
    report("evtchn_send_self_upcall", median());
}

/* Guest-kernel syscall entry: turn the bounce frame [rcx r11 rip cs rflags rsp ss] straight
 * into an iret_context [rax r11 rcx flags rip cs rflags rsp ss] and return to user mode. */
void syscall_entry(void);
asm(".pushsection .text\n"
    "syscall_entry:\n"
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

static uint64_t user_cycles;

static void user_syscalls(void)
{
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t = rdtsc();
        for (int i = 0; i < BATCH; i++)
            asm volatile("syscall" ::: "rax", "rcx", "r11", "memory");
        batches[r] = (rdtsc() - t) / BATCH;
    }
    user_cycles = median();
}

static void bench_syscall_bounce(void)
{
    struct callback_register cb = { .type = CALLBACKTYPE_syscall, .address = (uint64_t)syscall_entry };
    if (hc_callback_op(CALLBACKOP_register, &cb)) {
        test_error("cannot register a syscall callback");
        return;
    }
    run_in_user(user_syscalls);
    report("user_syscall_bounce", user_cycles);
}

void test_main(void)
{
    bench_null_hypercall();
    bench_mmu_update();
    bench_evtchn_self();
    bench_syscall_bounce();
}
