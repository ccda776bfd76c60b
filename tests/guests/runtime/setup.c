/* SPDX-License-Identifier: GPL-2.0-only */
/* Runtime start: map shared_info, install traps and callbacks, run the test, report the verdict. */
#include "guest.h"

void trap_init(void);

struct start_info *start_info;
struct shared_info *shared;
uint64_t *const m2p = (uint64_t *)MACH2PHYS_VIRT_START;
uint64_t *p2m;

static uint8_t shared_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));

/* Verdicts in increasing severity; the worst one is reported. */
enum verdict { V_SUCCESS, V_SKIP, V_FAILURE, V_ERROR };
static const char *const verdict_name[] = { "SUCCESS", "SKIP", "FAILURE", "ERROR" };
static enum verdict verdict = V_SUCCESS;
static char reason[160];

static void record(enum verdict v, const char *fmt, va_list ap)
{
    char msg[160];

    vsnprintf(msg, sizeof(msg), fmt, ap);
    printf("%s: %s\n", verdict_name[v], msg);
    if (v > verdict) {
        verdict = v;
        memcpy(reason, msg, sizeof(reason));
    }
}

void test_fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    record(V_FAILURE, fmt, ap);
    va_end(ap);
}

void test_skip(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    record(V_SKIP, fmt, ap);
    va_end(ap);
}

void test_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    record(V_ERROR, fmt, ap);
    va_end(ap);
}

void shutdown(unsigned int reason_code)
{
    struct sched_shutdown s = { .reason = reason_code };

    for (;;)
        hc_sched_op(SCHEDOP_shutdown, &s);
}

void test_finish(void)
{
    if (verdict == V_SUCCESS)
        printf("Test result: SUCCESS\n");
    else
        printf("Test result: %s: %s\n", verdict_name[verdict], reason);
    shutdown(SHUTDOWN_poweroff);
}

void runtime_start(struct start_info *si)
{
    start_info = si;
    p2m = (uint64_t *)si->mfn_list;

    long rc = hc_update_va_mapping(shared_page, si->shared_info | PTE_P | PTE_RW | PTE_A | PTE_D,
                                   UVMF_INVLPG);
    if (rc) {
        printf("Test result: ERROR: cannot map shared_info (%ld)\n", rc);
        shutdown(SHUTDOWN_crash);
    }
    shared = (struct shared_info *)shared_page;

    trap_init();

    printf("Guest test: %s\n", test_title);
    printf("start_info: magic '%s' flags %#x nr_pages %lu\n", si->magic, si->flags, si->nr_pages);
    test_main();
    test_finish();
}
