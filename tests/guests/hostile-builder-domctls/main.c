/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: the domain builder's calls used against the wrong target. setvcpucontext /
 * getvcpucontext / hypercall_init on unknown domains, our own domain, absent vCPUs, through
 * bad pointers, with bad page tables (a frame not the target's, an L4 with a bad entry, one we
 * still map writable) and on a running domain (other tables: -EOPNOTSUPP; its own context back:
 * fine), a null context resetting a built vCPU; foreign pins and foreign PTEs of frames the target does not own; and an unprivileged
 * built domU trying the same (its verdict counts). Errnos are Xen 4.17's.
 */
#include "domu.h"

const char test_title[] =
    "builder domctls, foreign pins and foreign PTEs against the wrong targets";

#define SLOT 32       /* first window slot of ours (the builder keeps 0..31) */
#define NOBODY 0x7fe0 /* a domain id nobody has */
#define RAW_PAGES 4

static struct domu u;
static struct vcpu_guest_context ctx;
static uint8_t dom0_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static long set_ctx(domid_t dom, uint32_t vcpu, const void *p)
{
    struct xen_domctl op = {0};
    op.u.vcpucontext.vcpu = vcpu;
    op.u.vcpucontext.ctxt.p = (struct vcpu_guest_context *)p;
    return domctl(XEN_DOMCTL_setvcpucontext, dom, &op);
}

static long get_ctx(domid_t dom, uint32_t vcpu, void *p)
{
    struct xen_domctl op = {0};
    op.u.vcpucontext.vcpu = vcpu;
    op.u.vcpucontext.ctxt.p = p;
    return domctl(XEN_DOMCTL_getvcpucontext, dom, &op);
}

static long hc_init(domid_t dom, uint64_t mfn)
{
    struct xen_domctl op = {0};
    op.u.hypercall_init.gmfn = mfn;
    return domctl(XEN_DOMCTL_hypercall_init, dom, &op);
}

/* A context that would be accepted but for the field a case spoils. */
static void base_ctx(uint64_t cr3_mfn)
{
    memset(&ctx, 0, sizeof(ctx));
    ctx.flags = VGCF_in_kernel | VGCF_online;
    ctx.user_regs.rip = 0xffffffff80100000UL;
    ctx.user_regs.rsp = ctx.kernel_sp = 0xffffffff80200000UL;
    ctx.user_regs.cs = FLAT_KERNEL_CS;
    ctx.user_regs.ss = ctx.kernel_ss = FLAT_KERNEL_SS;
    ctx.user_regs.rflags = 0x202;
    ctx.ctrlreg[3] = cr3_mfn << PAGE_SHIFT;
}

/* A created, populated domain without a context: the bad-table cases. */
static void raw_domain(void)
{
    xen_pfn_t f[RAW_PAGES] = {0, 1, 2, 3};
    uint64_t mine = virt_to_mfn(dom0_page);
    long dom = ctl_create(1);
    if (dom < 0) {
        test_fail("createdomain: %ld", dom);
        return;
    }
    struct xen_domctl op = {0};
    op.u.max_mem.max_memkb = RAW_PAGES * 4;
    check_rc(domctl(XEN_DOMCTL_max_mem, dom, &op), 0);
    struct xen_memory_reservation r = {.nr_extents = RAW_PAGES, .domid = dom};
    set_xen_guest_handle(r.extent_start, f);
    check_rc(hc_memory_op(XENMEM_populate_physmap, &r), RAW_PAGES);

    /* Who and which vCPU. */
    base_ctx(f[0]);
    check_rc(set_ctx(NOBODY, 0, &ctx), -XEN_ESRCH);
    check_rc(get_ctx(NOBODY, 0, &ctx), -XEN_ESRCH);
    check_rc(hc_init(NOBODY, f[0]), -XEN_ESRCH);
    check_rc(set_ctx(0, 0, &ctx), -XEN_EINVAL);
    check_rc(set_ctx(dom, 1, &ctx), -XEN_EINVAL);
    check_rc(set_ctx(dom, 0xffffffffU, &ctx), -XEN_EINVAL);
    check_rc(get_ctx(dom, 1, &ctx), -XEN_EINVAL);
    check_rc(get_ctx(dom, 0, &ctx), -XEN_ENODATA);
    /* Bad pointers: the hypervisor's area, nothing mapped. */
    check_rc(set_ctx(dom, 0, (void *)0xffff800000001000UL), -XEN_EFAULT);
    check_rc(set_ctx(dom, 0, (void *)0x1000), -XEN_EFAULT);

    /* Bad contexts. */
    base_ctx(f[0]);
    ctx.user_regs.rip = 0x0000800000000000UL;
    check_rc(set_ctx(dom, 0, &ctx), -XEN_EINVAL);
    base_ctx(f[0]);
    ctx.gdt_ents = 16 * 512 + 1;
    check_rc(set_ctx(dom, 0, &ctx), -XEN_EINVAL);
    base_ctx(f[0]);
    ctx.ldt_ents = 1;
    ctx.ldt_base = 0xffffffff80100008UL;
    check_rc(set_ctx(dom, 0, &ctx), -XEN_EINVAL);
    base_ctx(mine); /* a frame that is ours, not the target's */
    check_rc(set_ctx(dom, 0, &ctx), -XEN_EINVAL);
    uint64_t *t = domu_map((domid_t)dom, &f[1], 1, SLOT);
    t[0] = (mine << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A; /* an L3 that is dom0's */
    base_ctx(f[1]);
    check_rc(set_ctx(dom, 0, &ctx), -XEN_EINVAL);
    t[0] = 0;
    check_rc(set_ctx(dom, 0, &ctx), -XEN_EINVAL);  /* still mapped writable by us */
    check_rc(get_ctx(dom, 0, &ctx), -XEN_ENODATA); /* nothing was taken */

    /* hypercall_init: not the target's frame, a page table, then a good one. */
    check_rc(hc_init(dom, mine), -XEN_EINVAL);
    check_rc(domu_pin((domid_t)dom, MMUEXT_PIN_L1_TABLE, f[2]), 0);
    check_rc(domu_pin((domid_t)dom, MMUEXT_PIN_L1_TABLE, f[2]), -XEN_EINVAL);
    check_rc(hc_init(dom, f[2]), -XEN_EPERM);
    check_rc(domu_pin((domid_t)dom, MMUEXT_UNPIN_TABLE, f[2]), 0);
    check_rc(hc_init(dom, f[1]), 0);
    check(t[0] != 0, "hypercall_init left the page empty");

    /* Foreign pins and PTEs of frames the target does not own. */
    check_rc(domu_pin((domid_t)dom, MMUEXT_PIN_L4_TABLE, mine), -XEN_EINVAL);
    check_rc(domu_pin(NOBODY, MMUEXT_PIN_L4_TABLE, f[0]), -XEN_ESRCH);
    long rc = domu_map_rc((domid_t)dom, &mine, 1, SLOT + 1);
    check(rc == -XEN_EBUSY, "mapping our own frame as d%ld's: %ld, want %d", dom, rc, -XEN_EBUSY);
    memset(t, 0, PAGE_SIZE);
    t[0] = (mine << PAGE_SHIFT) | PTE_P | PTE_A; /* an L1 mapping a dom0 frame */
    domu_unmap(SLOT, 2);
    check_rc(domu_pin((domid_t)dom, MMUEXT_PIN_L1_TABLE, f[1]),
             -XEN_EBUSY); /* Xen: the L1 entry's errno */
    check_rc(ctl_destroy_wait(dom), 0);
}

/* A running domU: its context can be read and given back, not replaced with other tables. */
static void running_domain(void)
{
    static struct vcpu_guest_context got;

    if (domu_build(&u, domu_image, domu_image_end - domu_image, 1024, "role=idle idle_ms=1500"))
        return;
    check_rc(domu_unpause(&u), 0);
    struct sched_poll p = {.nr_ports = 0, .timeout = pvclock_now() + 100000000};
    hc_sched_op(SCHEDOP_poll, &p); /* let it run a while */
    check_rc(get_ctx(u.id, 0, &got), 0);
    check(got.ctrlreg[3] == u.p2m[u.pt_pfn] << PAGE_SHIFT && (got.flags & VGCF_online) &&
              (got.flags & VGCF_in_kernel) && got.kernel_ss == FLAT_KERNEL_SS,
          "getvcpucontext: cr3 %#lx (want %#lx) flags %#lx kernel_ss %#lx",
          (unsigned long)got.ctrlreg[3], (unsigned long)(u.p2m[u.pt_pfn] << PAGE_SHIFT),
          (unsigned long)got.flags, (unsigned long)got.kernel_ss);
    ctx = got;
    ctx.ctrlreg[3] = u.p2m[0] << PAGE_SHIFT;
    check_rc(set_ctx(u.id, 0, &ctx), -XEN_EOPNOTSUPP);
    check_rc(set_ctx(u.id, 0, &got), 0);
    int v = domu_run_console(&u, 30000);
    check(v == DOMU_SUCCESS, "the running domU after its context came back: verdict %d", v);
    domu_destroy(&u);
}

/* A null context resets a built, never-run vCPU (Xen's vcpu_reset): no context, down. The context
 * read before brings it back and the domU runs to its verdict. */
static void reset_vcpu(void)
{
    static struct vcpu_guest_context saved;
    struct xen_domctl_getdomaininfo info;

    if (domu_build(&u, domu_image, domu_image_end - domu_image, 1024, "role=hello"))
        return;
    check_rc(get_ctx(u.id, 0, &saved), 0);
    check_rc(set_ctx(u.id, 0, NULL), 0);
    check_rc(get_ctx(u.id, 0, &ctx), -XEN_ENODATA);
    check_rc(ctl_info(u.id, &info), 0);
    check(info.nr_online_vcpus == 0, "after the reset d%u has %u vCPUs online", u.id,
          info.nr_online_vcpus);
    check_rc(set_ctx(u.id, 0, &saved), 0);
    check_rc(domu_unpause(&u), 0);
    int v = domu_run_console(&u, 30000);
    check(v == DOMU_SUCCESS, "the domU after a vCPU reset and its context back: verdict %d", v);
    domu_destroy(&u);
}

void test_main(void)
{
    raw_domain();
    running_domain();
    reset_vcpu();

    char cmd[64];
    snprintf(cmd, sizeof(cmd), "role=unpriv dom0_frame=%lu", (unsigned long)virt_to_mfn(dom0_page));
    if (domu_build(&u, domu_image, domu_image_end - domu_image, 1024, cmd))
        return;
    check_rc(domu_unpause(&u), 0);
    int v = domu_run_console(&u, 30000);
    check(v == DOMU_SUCCESS, "the unprivileged domU's refusals: verdict %d", v);
    domu_destroy(&u);
}
