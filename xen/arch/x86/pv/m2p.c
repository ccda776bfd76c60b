/* SPDX-License-Identifier: GPL-2.0-only */
/* The machine-to-physical table: writable for the hypervisor, read-only for every PV guest. */
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/boot-defs.h>
#include <asm/processor.h>
#include <asm/pv-mm.h>

#define M2P_CHUNK_ORDER 9                     /* 2 MiB pieces: one superpage each */
#define M2P_CHUNK_BYTES (SUPERPAGE_2M)

static unsigned long *const m2p_rw = (unsigned long *)RDWR_MPT_VIRT_START;
static unsigned long m2p_entries, m2p_bytes;
pte_t m2p_ro_l4e;                             /* the L4 entry every guest L4 gets at slot 256 */

void set_gpfn_from_mfn(unsigned long mfn, unsigned long pfn)
{
    if (mfn < m2p_entries)
        m2p_rw[mfn] = pfn;
}

unsigned long get_gpfn_from_mfn(unsigned long mfn)
{
    return mfn < m2p_entries ? m2p_rw[mfn] : INVALID_M2P_ENTRY;
}

unsigned long m2p_mapped_bytes(void) { return m2p_bytes; }

static pte_t *zeroed_table(void)
{
    pte_t *t = alloc_xenheap_page();
    if (!t)
        panic("M2P: out of memory for its page tables; give the machine more RAM");
    memset(t, 0, PAGE_SIZE);
    return t;
}

void m2p_init(void)
{
    uint64_t nx = (rdmsr(MSR_EFER) & EFER_NXE) ? _PAGE_NX : 0;
    uint64_t ro = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;
    unsigned long nr_chunks;
    pte_t *l3 = zeroed_table(), *l2 = NULL;

    m2p_bytes = (max_mfn() * sizeof(unsigned long) + M2P_CHUNK_BYTES - 1) & ~(M2P_CHUNK_BYTES - 1);
    if (m2p_bytes > RO_MPT_VIRT_END - RO_MPT_VIRT_START)
        panic("M2P: %lu frames need %lu MiB, more than the 256 GiB the ABI reserves",
              max_mfn(), m2p_bytes >> 20);
    nr_chunks = m2p_bytes / M2P_CHUNK_BYTES;
    for (unsigned long c = 0; c < nr_chunks; c++) {
        void *chunk = alloc_xenheap_pages(M2P_CHUNK_ORDER);
        if (!chunk)
            panic("M2P: out of memory for %lu MiB of table", m2p_bytes >> 20);
        memset(chunk, 0xff, M2P_CHUNK_BYTES);             /* every entry INVALID_M2P_ENTRY */
        unsigned long mfn = virt_to_mfn(chunk), off = c * M2P_CHUNK_BYTES;
        if (map_pages_to_xen(RDWR_MPT_VIRT_START + off, mfn, 1UL << M2P_CHUNK_ORDER, PAGE_HYPERVISOR_RW))
            panic("M2P: cannot map the writable view");
        /* The guest view: 2 MiB read-only user superpages under one L3 of our own. */
        if (pt_index(off, L2_SHIFT) == 0) {
            l2 = zeroed_table();
            l3[pt_index(off, L3_SHIFT)] = __pa(l2) | ro;
        }
        l2[pt_index(off, L2_SHIFT)] = ((uint64_t)mfn << PAGE_SHIFT) | ro | _PAGE_PSE | nx;
    }
    m2p_entries = m2p_bytes / sizeof(unsigned long);
    m2p_ro_l4e = __pa(l3) | ro;
    printk(XENLOG_INFO "M2P: %lu MiB for %lu frames, read-only at %#lx\n", m2p_bytes >> 20,
           max_mfn(), RO_MPT_VIRT_START);
}
