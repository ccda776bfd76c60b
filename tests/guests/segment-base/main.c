/* SPDX-License-Identifier: GPL-2.0-only */
/* set_segment_base: FS, kernel GS and user GS bases take effect; bad selectors and ops fail. */
#include "guest.h"

const char test_title[] = "set_segment_base";

static uint64_t fs_area[2] = { 0x0f50f50f50f50f5, 1 };
static uint64_t gs_area[2] = { 0x6565656565656565, 2 };
static uint64_t ugs_area[2] = { 0x7575757575757575, 3 };
static volatile uint64_t user_seen;

static void user_fn(void)
{
    uint64_t v;

    asm volatile("mov %%gs:0, %0" : "=r"(v));
    user_seen = v;
}

void test_main(void)
{
    uint64_t v;

    check_rc(hc_set_segment_base(SEGBASE_FS, fs_area), 0);
    asm volatile("mov %%fs:0, %0" : "=r"(v));
    check(v == fs_area[0], "%%fs:0 reads %#lx", v);
    asm volatile("mov %%fs:8, %0" : "=r"(v));
    check(v == 1, "%%fs:8 reads %#lx", v);

    check_rc(hc_set_segment_base(SEGBASE_GS_KERNEL, gs_area), 0);
    asm volatile("mov %%gs:0, %0" : "=r"(v));
    check(v == gs_area[0], "kernel %%gs:0 reads %#lx", v);

    /* The user GS base is what guest user mode sees; kernel GS is unchanged. */
    check_rc(hc_set_segment_base(SEGBASE_GS_USER, ugs_area), 0);
    asm volatile("mov %%gs:0, %0" : "=r"(v));
    check(v == gs_area[0], "kernel %%gs:0 changed by SEGBASE_GS_USER: %#lx", v);
    run_in_user(user_fn);
    check(user_seen == ugs_area[0], "user %%gs:0 reads %#lx", user_seen);
    asm volatile("mov %%gs:0, %0" : "=r"(v));
    check(v == gs_area[0], "kernel %%gs:0 after user mode reads %#lx", v);

    /* Loading a null user GS selector is fine; an out-of-range one is refused. */
    check_rc(hc_set_segment_base(SEGBASE_GS_USER_SEL, 0), 0);
    printf("GS_USER_SEL 0xfff3 (beyond the GDT): rc %ld\n", hc_set_segment_base(SEGBASE_GS_USER_SEL, 0xfff3));
    asm volatile("mov %%gs:0, %0" : "=r"(v));
    check(v == gs_area[0], "kernel GS base lost by SEGBASE_GS_USER_SEL: %#lx", v);

    /* Non-canonical bases and unknown ops fail. */
    check(hc_set_segment_base(SEGBASE_FS, 0x0000800000000000UL) < 0, "non-canonical FS base accepted");
    check_rc(hc_set_segment_base(9, 0), -XEN_EINVAL);
    check_rc(hc_set_segment_base(SEGBASE_FS, 0), 0);
}
