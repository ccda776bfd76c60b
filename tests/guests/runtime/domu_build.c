/* SPDX-License-Identifier: GPL-2.0-only */
/* Build a PV domU from dom0 with hypercalls only, as libxenguest does: layout in docs/design/domain-builder.md. */
#include "domu.h"

#define CHUNK 32                       /* window slots 0..31 are the builder's */
#define PT_L1 (PTE_P | PTE_RW | PTE_A | PTE_US)
#define PT_UPPER (PTE_P | PTE_RW | PTE_A | PTE_D | PTE_US)
#define L3_SPAN (1UL << 30)

struct elf64_ehdr {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

#define PT_LOAD 1
#define PT_NOTE 4

/* What the ELF says (Xen's names: virt_base, elf_paddr_offset, virt_entry, virt_hypercall). */
struct kernel {
    const uint8_t *img;
    size_t len;
    const struct elf64_phdr *ph;
    unsigned int phnum;
    uint64_t virt_base, paddr_offset, entry, hypercall, kstart, kend;
    bool have_base, have_offset, have_entry;
};

static uint64_t note_quad(const uint8_t *desc, uint32_t size)
{
    uint64_t v = 0;
    memcpy(&v, desc, size < 8 ? size : 8);
    return v;
}

static void parse_notes(struct kernel *k, const uint8_t *p, uint64_t size)
{
    while (size >= 12) {
        uint32_t namesz, descsz, type;
        memcpy(&namesz, p, 4);
        memcpy(&descsz, p + 4, 4);
        memcpy(&type, p + 8, 4);
        uint64_t name_len = (namesz + 3) & ~3U, desc_len = (descsz + 3) & ~3ULL;
        if (12 + name_len + desc_len > size)
            return;
        const uint8_t *desc = p + 12 + name_len;
        if (namesz == 4 && !memcmp(p + 12, "Xen", 4)) {
            if (type == XEN_ELFNOTE_VIRT_BASE)
                k->virt_base = note_quad(desc, descsz), k->have_base = true;
            else if (type == XEN_ELFNOTE_PADDR_OFFSET)
                k->paddr_offset = note_quad(desc, descsz), k->have_offset = true;
            else if (type == XEN_ELFNOTE_ENTRY)
                k->entry = note_quad(desc, descsz), k->have_entry = true;
            else if (type == XEN_ELFNOTE_HYPERCALL_PAGE)
                k->hypercall = note_quad(desc, descsz);
        }
        p += 12 + name_len + desc_len;
        size -= 12 + name_len + desc_len;
    }
}

/* NULL, or why the image cannot be built. */
static const char *parse_kernel(struct kernel *k, const uint8_t *img, size_t len)
{
    const struct elf64_ehdr *h = (const void *)img;

    memset(k, 0, sizeof(*k));
    k->img = img;
    k->len = len;
    if (len < sizeof(*h) || memcmp(h->ident, "\177ELF", 4) || h->ident[4] != 2 || h->machine != 62)
        return "not a 64-bit x86 ELF";
    if (h->phentsize != sizeof(struct elf64_phdr) || h->phoff > len ||
        (len - h->phoff) / sizeof(struct elf64_phdr) < h->phnum)
        return "program headers out of the image";
    k->ph = (const void *)(img + h->phoff);
    k->phnum = h->phnum;
    k->kstart = ~0UL;
    for (unsigned int i = 0; i < k->phnum; i++) {
        const struct elf64_phdr *p = &k->ph[i];
        if (p->offset > len || p->filesz > len - p->offset || p->filesz > p->memsz)
            return "segment out of the image";
        if (p->type == PT_NOTE)
            parse_notes(k, img + p->offset, p->filesz);
        if (p->type != PT_LOAD)
            continue;
        k->kstart = p->paddr < k->kstart ? p->paddr : k->kstart;
        k->kend = p->paddr + p->memsz > k->kend ? p->paddr + p->memsz : k->kend;
    }
    if (k->kstart >= k->kend)
        return "no loadable segment";
    if (!k->have_base)
        return "no XEN_ELFNOTE_VIRT_BASE";
    if (!k->have_offset)
        k->paddr_offset = k->virt_base; /* as libelf without the note */
    uint64_t off = k->virt_base - k->paddr_offset;
    k->kstart += off;
    k->kend += off;
    if (!k->have_entry)
        k->entry = h->entry;
    if (k->kstart < k->virt_base || k->entry < k->kstart || k->entry >= k->kend)
        return "entry or image below VIRT_BASE";
    return NULL;
}

/* Page @pfn of the domU (already zeroed at @dst): its share of the kernel, P2M, start_info or tables. */
static void fill_page(const struct domu *u, const struct kernel *k, const char *cmdline,
                      unsigned long pfn, uint8_t *dst)
{
    uint64_t va = u->virt_base + ((uint64_t)pfn << PAGE_SHIFT);
    uint64_t off = k->virt_base - k->paddr_offset;

    for (unsigned int i = 0; i < k->phnum; i++) {
        const struct elf64_phdr *p = &k->ph[i];
        uint64_t s = p->paddr + off, e = s + p->filesz;
        uint64_t from = s > va ? s : va, to = e < va + PAGE_SIZE ? e : va + PAGE_SIZE;
        if (p->type == PT_LOAD && from < to)
            memcpy(dst + (from - va), k->img + p->offset + (from - s), to - from);
    }
    if (pfn >= u->p2m_pfn && pfn < u->si_pfn) {
        unsigned long first = (pfn - u->p2m_pfn) * (PAGE_SIZE / 8);
        unsigned long n = u->nr_pages - first < PAGE_SIZE / 8 ? u->nr_pages - first : PAGE_SIZE / 8;
        memcpy(dst, &u->p2m[first], n * 8);
    }
    if (pfn == u->si_pfn) {
        struct start_info *si = (void *)dst;
        struct xen_domctl_getdomaininfo info;
        ctl_info(u->id, &info);
        memcpy(si->magic, "xen-3.0-x86_64", 15);
        si->nr_pages = u->nr_pages;
        si->shared_info = info.shared_info_frame << PAGE_SHIFT;
        si->store_mfn = u->p2m[u->store_pfn];
        si->store_evtchn = u->store_remote;
        si->console.domU.mfn = u->p2m[u->console_pfn];
        si->console.domU.evtchn = u->console_remote;
        si->pt_base = u->virt_base + ((uint64_t)u->pt_pfn << PAGE_SHIFT);
        si->nr_pt_frames = u->nr_pt;
        si->mfn_list = u->virt_base + ((uint64_t)u->p2m_pfn << PAGE_SHIFT);
        snprintf((char *)si->cmd_line, MAX_GUEST_CMDLINE, "%s domid=%u", cmdline, u->id);
    }
    if (pfn < u->pt_pfn || pfn >= u->pt_pfn + u->nr_pt)
        return;
    /* Tables: L4, L3, L2, then one L1 per 2 MiB, mapping all nr_pages at virt_base. */
    uint64_t *t = (void *)dst, base = u->virt_base;
    unsigned long l4 = u->pt_pfn, l1_first = u->pt_pfn + 3;
    if (pfn == l4)
        t[(base >> 39) & 511] = (u->p2m[l4 + 1] << PAGE_SHIFT) | PT_UPPER;
    else if (pfn == l4 + 1)
        t[(base >> 30) & 511] = (u->p2m[l4 + 2] << PAGE_SHIFT) | PT_UPPER;
    else if (pfn == l4 + 2)
        for (unsigned long i = l1_first; i < u->pt_pfn + u->nr_pt; i++)
            t[((base >> 21) + i - l1_first) & 511] = (u->p2m[i] << PAGE_SHIFT) | PT_UPPER;
    else
        for (unsigned long p = 0; p < u->nr_pages; p++) {
            uint64_t pva = base + ((uint64_t)p << PAGE_SHIFT);
            if ((pva >> 21) - (base >> 21) != pfn - l1_first)
                continue;
            bool table = p >= u->pt_pfn && p < u->pt_pfn + u->nr_pt;
            t[(pva >> 12) & 511] = (u->p2m[p] << PAGE_SHIFT) | (table ? PT_L1 & ~PTE_RW : PT_L1);
        }
}

static const char *layout(struct domu *u, const struct kernel *k)
{
    u->virt_base = k->virt_base;
    u->entry = k->entry;
    u->p2m_pfn = (k->kend - k->virt_base + PAGE_SIZE - 1) >> PAGE_SHIFT;
    u->si_pfn = u->p2m_pfn + (u->nr_pages * 8 + PAGE_SIZE - 1) / PAGE_SIZE;
    u->store_pfn = u->si_pfn + 1;
    u->console_pfn = u->si_pfn + 2;
    u->pt_pfn = u->si_pfn + 3;
    uint64_t end_va = k->virt_base + ((uint64_t)u->nr_pages << PAGE_SHIFT) - 1;
    u->nr_pt = 3 + ((end_va >> 21) - (k->virt_base >> 21) + 1);
    u->stack_pfn = u->pt_pfn + u->nr_pt;
    u->si_va = k->virt_base + ((uint64_t)u->si_pfn << PAGE_SHIFT);
    if ((k->virt_base & (L3_SPAN - 1)) + ((uint64_t)u->nr_pages << PAGE_SHIFT) > L3_SPAN)
        return "the domain's memory does not fit one 1 GiB window at VIRT_BASE";
    if (u->stack_pfn + 1 > u->nr_pages)
        return "too few pages for the kernel and the boot structures";
    return NULL;
}

/* Zero the bootstrap region and fill it, CHUNK frames at a time through dom0's window. */
static void write_pages(struct domu *u, const struct kernel *k, const char *cmdline)
{
    unsigned long end = u->stack_pfn + 1;
    for (unsigned long pfn = 0; pfn < end; pfn += CHUNK) {
        unsigned int n = end - pfn < CHUNK ? end - pfn : CHUNK;
        uint8_t *w = domu_map(u->id, &u->p2m[pfn], n, 0);
        for (unsigned int i = 0; i < n; i++) {
            memset(w + i * PAGE_SIZE, 0, PAGE_SIZE);
            fill_page(u, k, cmdline, pfn + i, w + i * PAGE_SIZE);
        }
    }
    domu_unmap(0, CHUNK); /* no writable mapping of a table may remain: the pin needs it */
}

#define STEP(expr, what)                                      \
    do {                                                      \
        long r_ = (expr);                                     \
        if (r_) {                                             \
            test_fail("build d%u: %s: %ld", u->id, what, r_); \
            goto fail;                                        \
        }                                                     \
    } while (0)

long domu_build(struct domu *u, const void *image, size_t len, unsigned long nr_pages,
                const char *cmdline)
{
    struct kernel k;
    const char *why = parse_kernel(&k, image, len);

    memset(u, 0, sizeof(*u));
    u->nr_pages = nr_pages;
    if (!why && nr_pages > DOMU_MAX_PAGES)
        why = "more pages than DOMU_MAX_PAGES";
    if (!why)
        why = layout(u, &k);
    if (why) {
        test_fail("domU kernel: %s", why);
        return -1;
    }
    long dom = ctl_create(1);
    if (dom < 0) {
        test_fail("createdomain: %ld", dom);
        return -1;
    }
    u->id = (domid_t)dom;

    struct xen_domctl op = {0};
    op.u.max_mem.max_memkb = nr_pages * (PAGE_SIZE / 1024);
    STEP(domctl(XEN_DOMCTL_max_mem, u->id, &op), "max_mem");
    for (unsigned long i = 0; i < nr_pages; i++)
        u->p2m[i] = i;
    struct xen_memory_reservation r = {.nr_extents = nr_pages, .domid = u->id};
    set_xen_guest_handle(r.extent_start, u->p2m);
    long got = hc_memory_op(XENMEM_populate_physmap, &r);
    STEP(got == (long)nr_pages ? 0 : got, "populate_physmap (extents done)");

    STEP(evt_alloc_unbound(u->id, 0, &u->console_remote), "console alloc_unbound");
    STEP(evt_bind_interdomain(u->id, u->console_remote, &u->console_port), "console bind");
    STEP(evt_alloc_unbound(u->id, 0, &u->store_remote), "xenstore alloc_unbound");
    STEP(evt_bind_interdomain(u->id, u->store_remote, &u->store_port), "xenstore bind");
    write_pages(u, &k, cmdline);

    if (k.hypercall) {
        op = (struct xen_domctl){0};
        op.u.hypercall_init.gmfn = u->p2m[(k.hypercall - k.virt_base) >> PAGE_SHIFT];
        STEP(domctl(XEN_DOMCTL_hypercall_init, u->id, &op), "hypercall_init");
    }
    STEP(domu_pin(u->id, MMUEXT_PIN_L4_TABLE, u->p2m[u->pt_pfn]), "pin L4");

    /* Events masked until the kernel has its callbacks; the guest reads max_pfn for its P2M size. */
    struct xen_domctl_getdomaininfo info;
    STEP(ctl_info(u->id, &info), "getdomaininfo");
    xen_pfn_t sh = info.shared_info_frame;
    struct shared_info *s = domu_map(u->id, &sh, 1, 0);
    s->vcpu_info[0].evtchn_upcall_mask = 1;
    s->arch.max_pfn = nr_pages;
    domu_unmap(0, 1);

    static struct vcpu_guest_context c;
    memset(&c, 0, sizeof(c));
    c.flags = VGCF_in_kernel | VGCF_online;
    c.user_regs.rip = u->entry;
    c.user_regs.rsp = u->virt_base + ((uint64_t)(u->stack_pfn + 1) << PAGE_SHIFT);
    c.user_regs.rsi = u->si_va;
    c.user_regs.cs = FLAT_KERNEL_CS;
    c.user_regs.ss = FLAT_KERNEL_SS;
    c.user_regs.rflags = 0x202;
    c.kernel_ss = FLAT_KERNEL_SS;
    c.kernel_sp = c.user_regs.rsp;
    c.ctrlreg[3] = u->p2m[u->pt_pfn] << PAGE_SHIFT;
    STEP(domu_setvcpucontext(u->id, 0, &c), "setvcpucontext");

    u->console = domu_map(u->id, &u->p2m[u->console_pfn], 1, DOMU_CONSOLE_SLOT);
    printf("built d%u: %lu pages, entry %#lx, start_info %#lx, page tables at pfn %lu (%lu), stack "
           "pfn %lu\n",
           u->id, nr_pages, (unsigned long)u->entry, (unsigned long)u->si_va, u->pt_pfn, u->nr_pt,
           u->stack_pfn);
    return 0;

fail:
    domu_destroy(u);
    return -1;
}

long domu_unpause(struct domu *u)
{
    struct xen_domctl op = {0};
    return domctl(XEN_DOMCTL_unpausedomain, u->id, &op);
}
