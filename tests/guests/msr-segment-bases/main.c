/* SPDX-License-Identifier: GPL-2.0-only */
/* wrmsr/rdmsr of FS_BASE, GS_BASE and SHADOW_GS_BASE are emulated: the bases take effect per guest mode. */
#include "priv.h"

const char test_title[] = "rdmsr/wrmsr of the segment-base MSRs";

#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define MSR_SHADOW_GS_BASE 0xc0000102

static uint64_t fs_area[1] = {0xf5f5f5f5f5f5f5f5};
static uint64_t gs_area[1] = {0x6565656565656565};
static uint64_t ugs_area[1] = {0x7575757575757575};
static volatile uint64_t user_gs_seen;

static void user_fn(void)
{
    uint64_t v;
    asm volatile("mov %%gs:0, %0" : "=r"(v));
    user_gs_seen = v;
}

void test_main(void)
{
    uint64_t v, old_gs;

    check_rc(probe_rdmsr(MSR_GS_BASE, &old_gs), 0);

    check_rc(probe_wrmsr(MSR_FS_BASE, (uint64_t)fs_area), 0);
    check_rc(probe_rdmsr(MSR_FS_BASE, &v), 0);
    check(v == (uint64_t)fs_area, "FS_BASE reads %#lx", v);
    asm volatile("mov %%fs:0, %0" : "=r"(v));
    check(v == fs_area[0], "%%fs:0 reads %#lx", v);

    /* In kernel mode GS_BASE is the kernel's base, SHADOW_GS_BASE the user's. */
    check_rc(probe_wrmsr(MSR_GS_BASE, (uint64_t)gs_area), 0);
    check_rc(probe_wrmsr(MSR_SHADOW_GS_BASE, (uint64_t)ugs_area), 0);
    check_rc(probe_rdmsr(MSR_GS_BASE, &v), 0);
    check(v == (uint64_t)gs_area, "GS_BASE reads %#lx", v);
    check_rc(probe_rdmsr(MSR_SHADOW_GS_BASE, &v), 0);
    check(v == (uint64_t)ugs_area, "SHADOW_GS_BASE reads %#lx", v);
    asm volatile("mov %%gs:0, %0" : "=r"(v));
    check(v == gs_area[0], "kernel %%gs:0 reads %#lx", v);

    run_in_user(user_fn);
    check(user_gs_seen == ugs_area[0], "user %%gs:0 reads %#lx", user_gs_seen);
    asm volatile("mov %%gs:0, %0" : "=r"(v));
    check(v == gs_area[0], "kernel %%gs:0 after user mode reads %#lx", v);

    /* Non-canonical bases are refused with #GP and change nothing. */
    check_rc(probe_wrmsr(MSR_FS_BASE, 0x0000800000000000UL), 0x100 | 13);
    check_rc(probe_rdmsr(MSR_FS_BASE, &v), 0);
    check(v == (uint64_t)fs_area, "FS_BASE after a refused write: %#lx", v);

    check_rc(probe_wrmsr(MSR_FS_BASE, 0), 0);
    check_rc(probe_wrmsr(MSR_GS_BASE, old_gs), 0);
}
