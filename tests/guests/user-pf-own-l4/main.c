/* SPDX-License-Identifier: GPL-2.0-only */
/* User mode runs on its own L4 (NEW_USER_BASEPTR): its #PF bounces to kernel mode on kernel_sp with CR2 and the U bit. */
#include "guest.h"

const char test_title[] = "user-mode page fault through a separate user L4";

#define USER_ONLY_VA 0x0000008000000000UL   /* L4 slot 1: present in the user L4 only */
#define L4_SLOT(va) (((va) >> 39) & 511)

static volatile uint64_t user_val, user_pf_rc, user_pf_cr2, user_pf_err, user_pf_cs, frame_at;

static bool on_pf(struct exc_frame *f)
{
    frame_at = (uint64_t)f;
    user_pf_cs = f->cs;
    return false;       /* let the exception table skip the access */
}

static void user_fn(void)
{
    uint64_t v = 0;

    /* Mapped in the user L4 only. */
    if (probe_read((void *)USER_ONLY_VA, &v) == 0)
        user_val = v;
    /* Not present in either: a user-mode #PF. */
    user_pf_rc = probe_read((void *)(USER_ONLY_VA + PAGE_SIZE + 0x18), &v);
    user_pf_cr2 = last_trap.cr2;
    user_pf_err = last_trap.error_code;
}

static void noop(void) {}

void test_main(void)
{
    /* Page-table pages are filled while writable, then made read-only as pinning requires. */
    uint64_t *l4 = alloc_page(), *l3 = alloc_page(), *l2 = alloc_page(), *l1 = alloc_page();
    uint64_t *data = alloc_page();
    const uint64_t fl = PTE_P | PTE_RW | PTE_US | PTE_A;

    data[0] = 0x7573657234UL;
    l1[0] = virt_to_maddr(data) | fl | PTE_D;
    l2[0] = virt_to_maddr(l1) | fl;
    l3[0] = virt_to_maddr(l2) | fl;
    /* The kernel image slot (code, stacks, data the user function uses) plus slot 1. */
    const uint64_t *kl4 = mfn_to_virt(pt_mfn(test_main, 4));
    l4[L4_SLOT(VIRT_BASE)] = kl4[L4_SLOT(VIRT_BASE)];
    l4[L4_SLOT(USER_ONLY_VA)] = virt_to_maddr(l3) | fl;
    check_rc(make_readonly(l1), 0);
    check_rc(make_readonly(l2), 0);
    check_rc(make_readonly(l3), 0);
    check_rc(make_readonly(l4), 0);
    check_rc(mmuext1(MMUEXT_PIN_L4_TABLE, virt_to_mfn(l4), 0), 0);

    run_in_user(noop);      /* the runtime sets its shared user L4 once; ours replaces it */
    check_rc(mmuext1(MMUEXT_NEW_USER_BASEPTR, virt_to_mfn(l4), 0), 0);

    uint64_t v;
    check(probe_read((void *)USER_ONLY_VA, &v) == (0x100 | 14),
          "kernel mode sees the user-only mapping (the kernel L4 was changed?)");

    trap_set_handler(14, on_pf);
    run_in_user(user_fn);
    trap_set_handler(14, NULL);

    check(user_val == data[0], "user read of the user-only page gave %#lx (user L4 not in use)", user_val);
    check(user_pf_rc == (0x100 | 14), "user access to a hole gave %#x, want #PF", (unsigned)user_pf_rc);
    check(user_pf_cr2 == USER_ONLY_VA + PAGE_SIZE + 0x18, "user #PF cr2 %#lx", user_pf_cr2);
    check(user_pf_err & 4, "user #PF error code %#lx lacks U", user_pf_err);
    check(!(user_pf_err & 1), "not-present user #PF has P set (%#lx)", user_pf_err);
    check((user_pf_cs & 3) == 3, "user #PF frame CS %#lx not RPL 3", user_pf_cs);
    uint64_t ks = (uint64_t)user_kernel_stack;
    check(frame_at >= ks && frame_at < ks + 2 * PAGE_SIZE,
          "user #PF frame at %#lx, not on kernel_sp's stack [%#lx, %#lx)", frame_at, ks, ks + 2 * PAGE_SIZE);

    /* Back to the shared user L4 so the runtime's later user calls are unaffected. */
    check_rc(mmuext1(MMUEXT_NEW_USER_BASEPTR, pt_mfn(test_main, 4), 0), 0);
}
