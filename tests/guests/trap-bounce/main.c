/* SPDX-License-Identifier: GPL-2.0-only */
/* set_trap_table bouncing: #UD, #BP, #DE and #PF (with cr2 in vcpu_info.arch.cr2). */
#include "guest.h"

const char test_title[] = "exception bounce through the trap table";

static volatile unsigned int bp_hits;
static volatile uint64_t bp_rip;

static bool on_bp(struct exc_frame *f)
{
    bp_hits++;
    bp_rip = f->rip;
    return true;
}

static bool on_de(struct exc_frame *f)
{
    f->rip += 3; /* div %rcx with REX.W: 48 f7 f1 */
    return true;
}

void test_main(void)
{
    /* #UD from ud2. */
    unsigned int r = probe_ud2();
    check(r == (0x100 | 6), "ud2 gave %#x, want #UD", r);
    check((last_trap.cs & 3) == 0, "kernel-mode frame CS %#lx has RPL != 0", last_trap.cs);

    /* #BP: a trap, RIP points after int3. */
    trap_set_handler(3, on_bp);
    uint64_t after;
    asm volatile("int3\n1: lea 1b(%%rip), %0" : "=r"(after));
    check(bp_hits == 1, "int3 handler ran %u times", bp_hits);
    check(bp_rip == after, "int3 frame rip %#lx, want %#lx", bp_rip, after);

    /* #DE from a division by zero. */
    trap_set_handler(0, on_de);
    uint64_t before = last_trap.count;
    asm volatile("xor %%edx, %%edx; mov $1, %%eax; xor %%ecx, %%ecx; .byte 0x48, 0xf7, 0xf1"
                 ::: "rax", "rcx", "rdx");
    check(last_trap.count == before + 1 && last_trap.vector == 0, "no #DE bounced (vector %lu)",
          last_trap.vector);

    /* #PF on an unmapped address: cr2 and error code. */
    volatile uint64_t *hole = (volatile uint64_t *)0x0000100000000008UL;
    uint64_t v;
    r = probe_read(hole, &v);
    check(r == (0x100 | 14), "read of unmapped address gave %#x", r);
    check(last_trap.cr2 == (uint64_t)hole, "cr2 %#lx, want %p", last_trap.cr2, (void *)hole);
    check(!(last_trap.error_code & 1), "not-present #PF has P set (%#lx)", last_trap.error_code);
    check(!(last_trap.error_code & 4), "kernel-mode #PF has U set (%#lx)", last_trap.error_code);

    r = probe_write((volatile void *)0x0000100000001010UL, 1);
    check(r == (0x100 | 14), "write to unmapped address gave %#x", r);
    check(last_trap.cr2 == 0x0000100000001010UL, "write cr2 %#lx", last_trap.cr2);
    check(last_trap.error_code & 2, "write #PF lacks W (%#lx)", last_trap.error_code);

    /* Write to a read-only page of ours: present + write. */
    uint8_t *page = alloc_page();
    check_rc(make_readonly(page), 0);
    r = probe_write(page + 64, 7);
    check(r == (0x100 | 14), "write to read-only page gave %#x", r);
    check(last_trap.cr2 == (uint64_t)(page + 64), "ro cr2 %#lx", last_trap.cr2);
    check((last_trap.error_code & 3) == 3, "ro #PF error code %#lx, want P|W", last_trap.error_code);
    check_rc(make_writable(page), 0);
    check(probe_write(page + 64, 7) == 0, "page still read-only after remap");
}
