/* SPDX-License-Identifier: GPL-2.0-only */
/* Cycles per PV operation: null hypercall, one-PTE mmu_update, event send-to-self with upcall,
 * user->kernel syscall bounce, grant map+unmap, 4 KiB grant copy. Prints "BENCH <name> <median
 * cycles>" lines; the host compares. */
#include "guest.h"

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
    struct callback_register cb = { .type = CALLBACKTYPE_syscall, .address = (uint64_t)syscall_return_to_user };
    if (hc_callback_op(CALLBACKOP_register, &cb)) {
        test_error("cannot register a syscall callback");
        return;
    }
    run_in_user(user_syscalls);
    report("user_syscall_bounce", user_cycles);
}

static uint8_t granted[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t copy_dst[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t map_va[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

/* A self-granted page: map+unmap at a virtual address (onto an empty PTE, as Linux backends
 * map), and a 4 KiB grant copy gref -> own frame. */
static void bench_grant(void)
{
    uint64_t va_mfn = virt_to_mfn(map_va);
    if (gnttab_setup(1) || hc_update_va_mapping(map_va, 0, UVMF_INVLPG)) {
        test_error("grant table setup failed");
        return;
    }
    gnttab_grant(8, SELF_ID, granted, false);
    struct gnttab_map_grant_ref m = { .host_addr = (uint64_t)map_va, .flags = GNTMAP_host_map,
                                      .ref = 8, .dom = SELF_ID };
    struct gnttab_unmap_grant_ref u = { .host_addr = (uint64_t)map_va };
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t = rdtsc();
        for (int i = 0; i < BATCH; i++) {
            hc_grant_table_op(GNTTABOP_map_grant_ref, &m, 1);
            u.handle = m.handle;
            hc_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1);
            if (m.status || u.status) {
                test_error("grant map/unmap failed: %d %d", m.status, u.status);
                return;
            }
        }
        batches[r] = (rdtsc() - t) / BATCH;
    }
    report("grant_map_unmap", median());

    struct gnttab_copy c = { .flags = GNTCOPY_source_gref, .len = PAGE_SIZE };
    c.source.u.ref = 8;
    c.source.domid = c.dest.domid = DOMID_SELF;
    c.dest.u.gmfn = virt_to_mfn(copy_dst);
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t = rdtsc();
        for (int i = 0; i < BATCH; i++) {
            hc_grant_table_op(GNTTABOP_copy, &c, 1);
            if (c.status) {
                test_error("grant copy failed: %d", c.status);
                return;
            }
        }
        batches[r] = (rdtsc() - t) / BATCH;
    }
    report("grant_copy_4k", median());
    remap(map_va, va_mfn, PTE_P | PTE_RW | PTE_A | PTE_D);
}

void test_main(void)
{
    bench_null_hypercall();
    bench_mmu_update();
    bench_evtchn_self();
    bench_syscall_bounce();
    bench_grant();
}
