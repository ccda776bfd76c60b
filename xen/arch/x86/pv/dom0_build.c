/* SPDX-License-Identifier: GPL-2.0-only */
/* The initial domain: kernel + initrd from the boot modules, laid out as Xen's dom0 builder does. */
#include <xen/bootinfo.h>
#include <xen/domain_console.h>
#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/xen_elfnotes.h>
#include <asm/dom0_build.h>
#include <asm/pv-mm.h>
#include <asm/pv.h>
#include <public/features.h>
#include <public/xen.h>

/* dom0_mem=[min:<size>,][max:<size>,][<size>], as Xen. */
static unsigned long dom0_mem_pages, dom0_mem_min, dom0_mem_max;
static int parse_dom0_mem(const char *s)
{
    if (!*s)
        return -EINVAL;
    while (*s) {
        unsigned long *target = &dom0_mem_pages;
        if (!strncmp(s, "min:", 4)) {
            target = &dom0_mem_min;
            s += 4;
        } else if (!strncmp(s, "max:", 4)) {
            target = &dom0_mem_max;
            s += 4;
        }
        const char *end;
        unsigned long long bytes = parse_size_and_unit(s, &end);
        if (end == s || (*end && *end != ','))
            return -EINVAL;
        *target = bytes >> PAGE_SHIFT;
        s = *end ? end + 1 : end;
    }
    return 0;
}
custom_param("dom0_mem", parse_dom0_mem);

static unsigned int opt_dom0_max_vcpus = 1;
integer_param("dom0_max_vcpus", opt_dom0_max_vcpus);

/* For tests: build the initial domain without SIF_PRIVILEGED|SIF_INITDOMAIN. */
static bool opt_dom0_unprivileged;
boolean_param("dom0_unprivileged", opt_dom0_unprivileged);

struct builder {
    struct domain *d;
    unsigned long nr_pages;
    unsigned long *p2m;                 /* hypervisor copy while building */
    struct xen_layout lay;
};

/* Guest-virtual address in the bootstrap region -> hypervisor pointer, via the P2M. */
static void *map_guest(uint64_t va, size_t len, void *ctx)
{
    struct builder *b = ctx;
    uint64_t pfn = (va - b->lay.virt_base) >> PAGE_SHIFT;
    if (va < b->lay.virt_base || pfn >= b->nr_pages)
        return NULL;
    return (char *)mfn_to_virt(b->p2m[pfn]) + (va & ~PAGE_MASK);
}

static void copy_to_pfns(struct builder *b, unsigned long pfn, const void *src, size_t len)
{
    for (size_t off = 0; off < len; off += PAGE_SIZE, pfn++) {
        size_t n = MIN(PAGE_SIZE, len - off);
        memcpy(mfn_to_virt(b->p2m[pfn]), (const char *)src + off, n);
        if (n < PAGE_SIZE)
            memset((char *)mfn_to_virt(b->p2m[pfn]) + n, 0, PAGE_SIZE - n);
    }
}

/* All but 1/16 of free memory (at most 128 MiB kept back), as Xen's default. */
static unsigned long default_dom0_pages(void)
{
    unsigned long avail = free_ram_pages();
    unsigned long keep = MIN(avail / 16, (128UL << 20) >> PAGE_SHIFT);
    return avail - keep;
}

/* dom0_mem applied to what is free once the domain exists (as Xen sizes dom0). */
static unsigned long dom0_mem_size(void)
{
    unsigned long pages = dom0_mem_pages ? dom0_mem_pages : default_dom0_pages();
    if (dom0_mem_max && pages > dom0_mem_max)
        pages = dom0_mem_max;
    if (dom0_mem_min && pages < dom0_mem_min)
        pages = dom0_mem_min;
    return pages;
}

static int allocate_memory(struct builder *b)
{
    b->p2m = xzalloc_array(unsigned long, b->nr_pages);
    if (!b->p2m)
        return -ENOMEM;
    unsigned long pfn = 0;
    while (pfn < b->nr_pages) {
        unsigned int order = 9;         /* 2 MiB chunks, smaller when memory is fragmented */
        while (order && (1UL << order) > b->nr_pages - pfn)
            order--;
        struct page_info *pg;
        while (!(pg = alloc_domheap_pages(b->d, order)) && order)
            order--;
        if (!pg)
            return -ENOMEM;
        for (unsigned long i = 0; i < (1UL << order); i++, pfn++) {
            b->p2m[pfn] = page_to_mfn(pg) + i;
            set_gpfn_from_mfn(b->p2m[pfn], pfn);
        }
    }
    return 0;
}

/* 128 stubs of 32 bytes: push %rcx; push %r11; mov $i,%eax; syscall; pop %r11; pop %rcx; ret. */
void write_hypercall_page(uint8_t *p)
{
    memset(p, 0xcc, PAGE_SIZE);
    for (unsigned int i = 0; i < PAGE_SIZE / 32; i++, p += 32) {
        uint8_t *q = p;
        *q++ = 0x51;
        *q++ = 0x41; *q++ = 0x53;
        if (i == __HYPERVISOR_iret)
            *q++ = 0x50;                /* push %rax: iret does not return */
        *q++ = 0xb8; memcpy(q, &i, 4); q += 4;
        *q++ = 0x0f; *q++ = 0x05;
        if (i == __HYPERVISOR_iret)
            continue;
        *q++ = 0x41; *q++ = 0x5b;
        *q++ = 0x59;
        *q++ = 0xc3;
    }
}

#define FAIL(...) do { snprintf(why, sizeof(why), __VA_ARGS__); goto fail; } while (0)

struct domain *construct_domain(const struct domain_build_cfg *c)
{
    static char why[200];
    struct builder b = { 0 };
    struct elf_image elf;
    struct xen_elfnotes notes;
    const void *img;
    size_t img_len;
    void *unpacked = NULL;
    unsigned int unpacked_order;
    const char *err;
    const struct boot_module *kmod = c->kernel, *initrd = c->ramdisk;
    bool privileged = c->privileged;

    if (kernel_image_unpack(__va(kmod->start), kmod->size, &img, &img_len, &unpacked,
                            &unpacked_order, &err))
        FAIL("%s", err);
    if (elf_init(&elf, "kernel", img, img_len) || xen_elfnotes_parse(&elf, &notes) ||
        xen_elf_layout(&elf, &notes, &b.lay))
        FAIL("%s", elf.err);
    if (notes.features_required & (1u << XENFEAT_supervisor_mode_kernel))
        FAIL("kernel: requires supervisor_mode_kernel, which 64-bit PV cannot offer");

    unsigned int nr_vcpus = c->vcpus ? c->vcpus : 1;
    if (nr_vcpus > MAX_VIRT_CPUS)
        nr_vcpus = MAX_VIRT_CPUS;
    if (get_domain_by_id(c->domid))
        FAIL("domain %u exists already", c->domid);
    b.d = domain_create(c->domid, nr_vcpus, privileged, c->name);
    if (!b.d)
        FAIL("out of memory creating the domain");
    b.d->is_initial = c->initial;

    /* Layout (pv-guest-abi.md 2.1): image, [initrd], P2M, start_info, [store, console], tables, stack. */
    bool initrd_unmapped = initrd && xen_note_present(&notes, XEN_ELFNOTE_MOD_START_PFN) && notes.mod_start_pfn;
    unsigned long avail = free_ram_pages();
    b.nr_pages = c->nr_pages ? c->nr_pages : dom0_mem_size();
    if (b.nr_pages > avail)
        FAIL("%s asks for %lu MiB, only %lu MiB are free", c->mem_option, b.nr_pages >> 8, avail >> 8);

    uint64_t vbase = b.lay.virt_base;
    unsigned long pfn = PFN_UP(b.lay.virt_kend - vbase);
    unsigned long initrd_pfn = 0, initrd_pages = initrd ? PFN_UP(initrd->size) : 0;
    if (initrd && !initrd_unmapped) {
        initrd_pfn = pfn;
        pfn += initrd_pages;
    }
    unsigned long p2m_pfn = pfn;
    pfn += PFN_UP(b.nr_pages * sizeof(unsigned long));
    unsigned long si_pfn = pfn++;
    unsigned long store_pfn = 0, console_pfn = 0;
    if (!privileged) {
        store_pfn = pfn++;
        console_pfn = pfn++;
    }
    unsigned long pt_pfn = pfn, nr_pt = 0, end;
    for (;;) {                          /* the tables map themselves: iterate to a fixed point */
        unsigned long stack = pt_pfn + nr_pt;
        end = stack + 1;
        /* Round up to 4 MiB, and leave at least 512 KiB of slack (Linux's early allocations). */
        unsigned long mapped = ROUNDUP(end, 1024UL);
        if (mapped - end < 128)
            mapped += 1024;
        unsigned long need = dom0_pt_frames_needed(vbase, mapped);
        if (need == nr_pt) {
            end = mapped;
            break;
        }
        nr_pt = need;
    }
    unsigned long stack_pfn = pt_pfn + nr_pt;
    if ((vbase & ((1UL << L3_SHIFT) - 1)) + ((uint64_t)end << PAGE_SHIFT) > (1UL << L3_SHIFT))
        FAIL("kernel: the bootstrap region (%lu MiB) does not fit the 1 GiB window at %#lx",
             end >> 8, (unsigned long)vbase);
    if (initrd_unmapped)
        initrd_pfn = end;
    if (end + (initrd_unmapped ? initrd_pages : 0) > b.nr_pages)
        FAIL("%s (%lu MiB) is too small for the kernel%s (%lu MiB needed)", c->mem_option, b.nr_pages >> 8,
             initrd ? " and initrd" : "", (end + (initrd_unmapped ? initrd_pages : 0)) >> 8);
    b.d->max_pages = b.nr_pages;

    if (allocate_memory(&b))
        FAIL("out of memory allocating %lu MiB for the domain", b.nr_pages >> 8);
    for (unsigned long i = 0; i < end; i++)
        memset(mfn_to_virt(b.p2m[i]), 0, PAGE_SIZE);

    if (elf_load(&elf, b.lay.virt_offset, map_guest, &b))
        FAIL("%s", elf.err);
    if (unpacked)
        free_xenheap_pages(unpacked, unpacked_order);
    unpacked = NULL;
    if (b.lay.virt_hypercall)
        write_hypercall_page(map_guest(b.lay.virt_hypercall, PAGE_SIZE, &b));
    if (initrd)
        copy_to_pfns(&b, initrd_pfn, __va(initrd->start), initrd->size);
    copy_to_pfns(&b, p2m_pfn, b.p2m, b.nr_pages * sizeof(unsigned long));

    struct start_info *si = mfn_to_virt(b.p2m[si_pfn]);
    strlcpy(si->magic, "xen-3.0-x86_64", sizeof(si->magic));
    si->nr_pages = b.nr_pages;
    si->shared_info = (uint64_t)b.d->shared_info_mfn << PAGE_SHIFT;
    si->flags = privileged ? (SIF_PRIVILEGED | SIF_INITDOMAIN) : 0;
    if (!privileged) {
        si->store_mfn = b.p2m[store_pfn];
        si->console.domU.mfn = b.p2m[console_pfn];
        if (c->hv_console) {
            int port = domain_console_init(b.d, b.p2m[console_pfn]);
            if (port < 0)
                FAIL("no event channel for the console ring (%d)", port);
            si->console.domU.evtchn = port;
        }
    }
    si->pt_base = vbase + ((uint64_t)pt_pfn << PAGE_SHIFT);
    si->nr_pt_frames = nr_pt;
    si->mfn_list = vbase + ((uint64_t)p2m_pfn << PAGE_SHIFT);
    if (initrd) {
        si->flags |= initrd_unmapped ? SIF_MOD_START_PFN : 0;
        si->mod_start = initrd_unmapped ? initrd_pfn : vbase + ((uint64_t)initrd_pfn << PAGE_SHIFT);
        si->mod_len = initrd->size;
    }
    strlcpy((char *)si->cmd_line, c->cmdline ? c->cmdline : kmod->cmdline, sizeof(si->cmd_line));
    b.d->shared_info->arch.max_pfn = b.nr_pages;

    struct dom0_pt_layout ptl = { vbase, end, pt_pfn, nr_pt };
    dom0_build_page_tables(b.d, &ptl, b.p2m);

    for (unsigned int i = 0; i < nr_vcpus; i++)
        if (!vcpu_create(b.d, i, i % num_online_cpus()))
            FAIL("out of memory creating vCPU %u", i);
    struct vcpu *v = b.d->vcpu[0];
    int rc = pv_pin_l4_and_set_baseptr(v, b.p2m[pt_pfn]);
    if (rc)
        FAIL("the bootstrap page tables did not validate (%d): a builder bug", rc);

    struct cpu_user_regs *r = &v->arch.user_regs;
    memset(r, 0, sizeof(*r));
    r->rip = b.lay.virt_entry;
    r->rsi = vbase + ((uint64_t)si_pfn << PAGE_SHIFT);
    r->rsp = vbase + ((uint64_t)(stack_pfn + 1) << PAGE_SHIFT);
    r->cs = FLAT_KERNEL_CS;
    r->ss = FLAT_KERNEL_SS;
    r->rflags = 0x202;                  /* IF and the always-one bit */

    printk("%s: %s kernel '%s' %s, %lu MiB, %u vCPU%s, %sprivileged\n", c->who,
           notes.guest_os[0] ? notes.guest_os : "PV", notes.guest_version, notes.xen_version,
           b.nr_pages >> 8, nr_vcpus, nr_vcpus > 1 ? "s" : "", privileged ? "" : "un");
    printk("%s: image %#lx-%#lx, entry %#lx, start_info %#lx, page tables %#lx (%lu), "
           "bootstrap end %#lx%s\n", c->who, (unsigned long)b.lay.virt_kstart, (unsigned long)b.lay.virt_kend,
           (unsigned long)b.lay.virt_entry, (unsigned long)r->rsi, (unsigned long)si->pt_base, nr_pt,
           (unsigned long)(vbase + ((uint64_t)end << PAGE_SHIFT)),
           initrd ? (initrd_unmapped ? ", initrd after it (unmapped)" : ", initrd mapped") : "");
    xfree(b.p2m);
    return b.d;

fail:
    printk(XENLOG_ERR "%s: %s\n", c->who, why);
    if (unpacked)
        free_xenheap_pages(unpacked, unpacked_order);
    xfree(b.p2m);
    return NULL;
}

/* vCPU 0 runs from the entry point the builder set up. */
void domain_start(struct domain *d)
{
    struct vcpu *v = d->vcpu[0];
    v->pause_flags = 0;
    vcpu_wake(v);
}

struct domain *construct_initial_domain(const struct boot_info *bi)
{
    struct domain_build_cfg c = {
        .domid = 0, .name = "dom0", .who = "Initial domain", .mem_option = "dom0_mem",
        .kernel = &bi->mods[0], .ramdisk = bi->nr_modules > 1 ? &bi->mods[1] : NULL,
        .vcpus = opt_dom0_max_vcpus, .privileged = !opt_dom0_unprivileged, .initial = true,
        .hv_console = opt_dom0_unprivileged,
    };
    struct domain *d = construct_domain(&c);
    if (d)
        domain_start(d);
    return d;
}
