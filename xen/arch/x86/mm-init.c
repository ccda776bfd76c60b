/* SPDX-License-Identifier: GPL-2.0-only */
/* memory_init: from the loader's map to a direct map, a frame table and a page allocator. */
#include <xen/bootinfo.h>
#include <xen/lib.h>
#include <xen/memmap.h>
#include <xen/mm.h>
#include <xen/page_alloc.h>
#include <asm/mm.h>
#include <asm/processor.h>

#define MIN_RAM_MB      16                          /* image, frame table, heap, a little slack */
#define DIRECTMAP_SIZE  (DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START)
#define FT_FRAMES_PER_PAGE (PAGE_SIZE / sizeof(struct page_info))

extern char _start[], _end[];

paddr_t trampoline_phys;
static struct mem_ranges ram, free_mem;
static paddr_t boot_alloc_limit = GiB(4);          /* the boot tables direct-map 0-4 GiB */
static unsigned long nr_frames;                     /* one past the highest RAM frame */
static uint64_t *ft_mapped;                         /* one bit per frame-table page */
static unsigned long ft_pages;

paddr_t boot_alloc(uint64_t size, uint64_t align)
{
    if (page_alloc_ready)
        panic("boot_alloc after the page allocator took over (a memory_init bug)");
    paddr_t pa = ranges_alloc(&free_mem, size, align, boot_alloc_limit);
    if (pa == INVALID_PADDR)
        panic("not enough RAM: need %llu KiB more while setting up memory (the map has %llu MiB)",
              (unsigned long long)size >> 10, (unsigned long long)ranges_total(&ram) >> 20);
    return pa;
}

bool mfn_valid(unsigned long mfn)
{
    unsigned long i = mfn / FT_FRAMES_PER_PAGE;
    return mfn < nr_frames && ((ft_mapped[i / 64] >> (i % 64)) & 1);
}

unsigned long max_mfn(void) { return nr_frames; }

static void reserve(paddr_t start, paddr_t end)
{
    ranges_remove(&free_mem, start & PAGE_MASK, PAGE_ALIGN(end));
}

static void reserve_string(const char *s)
{
    paddr_t pa = __pa(s);
    reserve(pa, pa + strlen(s) + 1);
}

/* Take out everything that is in use before any allocator exists. */
static void reserve_boot_data(const struct boot_info *bi)
{
    reserve(XEN_IMG_PHYS, __pa(_end));
    reserve(bi->info_start, bi->info_end);
    reserve_string(bi->cmdline);                    /* mb1 loaders keep these outside the info block */
    reserve_string(bi->loader);
    for (unsigned int i = 0; i < bi->nr_modules; i++) {
        reserve(bi->mods[i].start, bi->mods[i].start + bi->mods[i].size);
        reserve_string(bi->mods[i].cmdline);
    }
    trampoline_phys = ranges_alloc(&free_mem, PAGE_SIZE, PAGE_SIZE, MiB(1));
    if (trampoline_phys == INVALID_PADDR)
        panic("no free RAM page below 1 MiB for the CPU start-up trampoline; check the memory map");
    reserve(0, MiB(1));                             /* BIOS data, EBDA, option ROMs */
}

static void check_ram(const struct boot_info *bi)
{
    paddr_t top = ram.nr ? ram.r[ram.nr - 1].end : 0;
    if (top > DIRECTMAP_SIZE) {
        printk(XENLOG_WARNING "memory: RAM above %lu GiB cannot be direct-mapped; ignoring %llu MiB\n",
               DIRECTMAP_SIZE >> 30, (unsigned long long)(top - DIRECTMAP_SIZE) >> 20);
        ranges_remove(&ram, DIRECTMAP_SIZE, top);
    }
    uint64_t total = ranges_total(&ram);
    if (total < MiB(MIN_RAM_MB))
        panic("not enough RAM: need at least %d MiB, the map has %llu MiB", MIN_RAM_MB,
              (unsigned long long)total >> 20);
    if (!ranges_contain(&ram, XEN_IMG_PHYS, __pa(_end)))
        panic("the memory map says the hypervisor image at %#x-%#llx is not RAM", XEN_IMG_PHYS,
              (unsigned long long)__pa(_end));
    nr_frames = PFN_DOWN(ram.r[ram.nr - 1].end);
}

/* A new direct map of RAM and firmware tables, built aside, then swapped in. */
static void build_direct_map(const struct memmap *map)
{
    static struct mem_ranges want;
    want.nr = 0;
    ranges_add(&want, 0, MiB(1));
    for (unsigned int i = 0; i < map->nr; i++) {
        const struct memmap_entry *e = &map->e[i];
        bool firmware = e->type == E820_ACPI || e->type == E820_NVS ||
                        (e->type != E820_RAM && e->type != E820_UNUSABLE && e->addr < GiB(4));
        if (firmware)
            ranges_add(&want, e->addr & PAGE_MASK, PAGE_ALIGN(MIN(e->addr + e->size, DIRECTMAP_SIZE)));
    }
    for (unsigned int i = 0; i < ram.nr; i++)
        ranges_add(&want, ram.r[i].start, ram.r[i].end);

    pte_t *l4 = __va(boot_alloc(PAGE_SIZE, PAGE_SIZE));     /* scratch root: only its slots are kept */
    memset(l4, 0, PAGE_SIZE);
    for (unsigned int i = 0; i < want.nr; i++) {
        const struct mem_range *r = &want.r[i];
        map_pages(l4, DIRECTMAP_VIRT_START + r->start, PFN_DOWN(r->start),
                  PFN_DOWN(r->end - r->start), PAGE_HYPERVISOR_RW);
    }
    for (unsigned int s = pt_index(DIRECTMAP_VIRT_START, L4_SHIFT); s <= HV_LAST_L4_SLOT; s++)
        idle_pg_table[s] = l4[s];
    write_cr3(read_cr3());                          /* the old direct map was not global */
    boot_alloc_limit = MAX_PHYS_ADDR;
    ranges_add(&free_mem, __pa(l4), __pa(l4) + PAGE_SIZE);
}

/* Map a frame-table page for @first..@first+@n-1 of its pages, 2 MiB at a time where possible. */
static void map_ft_pages(unsigned long first, unsigned long n)
{
    const unsigned long per_2m = SUPERPAGE_2M / PAGE_SIZE;
    while (n) {
        unsigned long chunk = per_2m;
        paddr_t pa = INVALID_PADDR;
        if (!(first % per_2m) && n >= per_2m)   /* a superpage if a free aligned 2 MiB is left */
            pa = ranges_alloc(&free_mem, SUPERPAGE_2M, SUPERPAGE_2M, boot_alloc_limit);
        if (pa == INVALID_PADDR) {
            chunk = 1;
            pa = boot_alloc(PAGE_SIZE, PAGE_SIZE);
        }
        memset(__va(pa), 0, chunk * PAGE_SIZE);
        if (map_pages_to_xen(FRAMETABLE_VIRT_START + first * PAGE_SIZE, PFN_DOWN(pa), chunk,
                             PAGE_HYPERVISOR_RW))
            panic("not enough RAM for the frame table's page tables");
        for (unsigned long i = first; i < first + chunk; i++)
            ft_mapped[i / 64] |= 1ULL << (i % 64);
        ft_pages += chunk;
        first += chunk;
        n -= chunk;
    }
}

static void build_frame_table(void)
{
    unsigned long nr_ft = (nr_frames + FT_FRAMES_PER_PAGE - 1) / FT_FRAMES_PER_PAGE;
    unsigned long bitmap_bytes = ROUNDUP((nr_ft + 63) / 64 * 8, PAGE_SIZE);
    ft_mapped = __va(boot_alloc(bitmap_bytes, PAGE_SIZE));
    memset(ft_mapped, 0, bitmap_bytes);

    for (unsigned int i = 0; i < ram.nr; i++) {
        unsigned long first = PFN_DOWN(ram.r[i].start) / FT_FRAMES_PER_PAGE;
        unsigned long last = (PFN_DOWN(ram.r[i].end) - 1) / FT_FRAMES_PER_PAGE;
        while (first <= last && mfn_valid(first * FT_FRAMES_PER_PAGE))
            first++;                        /* shared with the previous range */
        if (first <= last)
            map_ft_pages(first, last - first + 1);
    }
    /* Zeroed entries read "in use"; frames in the gaps between RAM ranges say they are not RAM. */
    unsigned long gap = 0, top = ROUNDUP(nr_frames, FT_FRAMES_PER_PAGE);
    for (unsigned int i = 0; i <= ram.nr; i++) {
        unsigned long gap_end = i < ram.nr ? PFN_DOWN(ram.r[i].start) : top;
        for (unsigned long mfn = gap; mfn < gap_end; mfn++)
            if (mfn < nr_frames && mfn_valid(mfn))
                frame_table[mfn].count_info = PGC_state_none;
            else
                mfn = MIN(ROUNDUP(mfn + 1, FT_FRAMES_PER_PAGE), gap_end) - 1;  /* skip the hole */
        if (i < ram.nr)
            gap = PFN_DOWN(ram.r[i].end);
    }
}

void memory_init(struct boot_info *bi)
{
    if (memmap_sanitise(&bi->map))
        printk(XENLOG_WARNING "memory: the loader's memory map needed repairs (see above)\n");
    memmap_ram(&bi->map, &ram);
    check_ram(bi);
    free_mem = ram;
    reserve_boot_data(bi);

    use_1g_pages = cpu_has_pdpe1gb();
    build_direct_map(&bi->map);
    build_frame_table();

    page_alloc_init(nr_frames, PFN_DOWN(ranges_total(&ram)));
    page_alloc_ready = true;
    for (unsigned int i = 0; i < free_mem.nr; i++)
        page_alloc_add_free(PFN_DOWN(free_mem.r[i].start),
                            PFN_DOWN(free_mem.r[i].end - free_mem.r[i].start));

    printk("Direct map: %s pages, %s; AP trampoline at %#llx\n", use_1g_pages ? "1 GiB" : "2 MiB",
           (rdmsr(MSR_EFER) & EFER_NXE) ? "NX" : "executable (no NX)",
           (unsigned long long)trampoline_phys);
    printk("Memory: %lu MiB RAM, %lu MiB free for domains\n", total_ram_pages() >> 8,
           free_ram_pages() >> 8);
}

void mm_print_footprint(void)
{
    unsigned long heap = xenheap_pages_in_use() * PAGE_SIZE + boot_pt_bytes;
    printk("Footprint: image %lu KiB, frame table %lu KiB, heap %lu KiB\n",
           (unsigned long)(_end - _start) >> 10, ft_pages * (PAGE_SIZE >> 10), heap >> 10);
}
