/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A domain grants a page to itself and maps it as Linux PV backends do:
 * read-only and read-write host mappings at a virtual address, a mapping
 * through a PTE's machine address (gntdev), a device mapping, batches.
 * Contents agree through every mapping, GTF_reading/GTF_writing follow the
 * pins, unmapping clears the PTE and the grant can then be ended.
 */
#include "guest.h"

const char test_title[] = "grant map/unmap of a self-granted page: RO, RW, PTE address, device";

#define REF 10

static uint64_t pte_now(const void *va) { uint64_t *e = pte_of(va, 1); return e ? *e : 0; }

static bool faults_on_write(volatile uint8_t *p)
{
    return probe_write(p, 0) == (0x100 | 14);
}

void test_main(void)
{
    check_rc(gnttab_setup(1), 0);
    uint8_t *page = alloc_page(), *ro = alloc_page(), *rw = alloc_page(), *viapte = alloc_page();
    uint64_t ro_mfn = virt_to_mfn(ro), rw_mfn = virt_to_mfn(rw), viapte_mfn = virt_to_mfn(viapte);
    uint64_t maddr = virt_to_mfn(page) << PAGE_SHIFT;

    memset(page, 0x5a, PAGE_SIZE);
    page[0] = 'G';
    gnttab_grant(REF, SELF_ID, page, false);

    /* Read-only host mapping at a virtual address: replaces that page's PTE. */
    struct gnttab_map_grant_ref m = { .host_addr = (uint64_t)ro, .flags = GNTMAP_host_map | GNTMAP_readonly,
                                      .ref = REF, .dom = SELF_ID, .status = 99 };
    check_rc(hc_grant_table_op(GNTTABOP_map_grant_ref, &m, 1), 0);
    check(m.status == GNTST_okay, "RO map: status %d", m.status);
    grant_handle_t h_ro = m.handle;
    check_rc(mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0), 0);    /* the map replaced a present PTE */
    check(m.dev_bus_addr == maddr, "RO map: dev_bus_addr %lx, want %lx", (unsigned long)m.dev_bus_addr, (unsigned long)maddr);
    check(gnttab[REF].flags == (GTF_permit_access | GTF_reading), "flags after RO map: %x", gnttab[REF].flags);
    printf("RO grant PTE: %lx\n", (unsigned long)pte_now(ro));
    check((pte_now(ro) & PTE_ADDR) == maddr && (pte_now(ro) & (PTE_P | PTE_RW)) == PTE_P, "RO PTE %lx", (unsigned long)pte_now(ro));
    check(ro[0] == 'G' && ro[100] == 0x5a, "RO mapping reads %x %x", ro[0], ro[100]);
    check(faults_on_write(ro), "RO grant mapping is writable");

    /* Read-write host mapping: GTF_writing joins, writes show everywhere. */
    grant_handle_t h_rw = 0;
    check_rc(gnttab_map1(REF, (uint64_t)rw, GNTMAP_host_map, &h_rw), 0);
    check(h_rw != h_ro, "same handle twice");
    check(gnttab[REF].flags == (GTF_permit_access | GTF_reading | GTF_writing), "flags after RW map: %x", gnttab[REF].flags);
    check((pte_now(rw) & (PTE_P | PTE_RW)) == (PTE_P | PTE_RW), "RW PTE %lx", (unsigned long)pte_now(rw));
    rw[1] = 'W';
    check(page[1] == 'W' && ro[1] == 'W', "write through RW mapping not seen: %x %x", page[1], ro[1]);
    page[2] = 'P';
    check(rw[2] == 'P' && ro[2] == 'P', "owner's write not seen through mappings");

    /* Through the machine address of a PTE (GNTMAP_contains_pte), as gntdev maps user pages. */
    grant_handle_t h_pte = 0;
    check_rc(gnttab_map1(REF, pte_maddr(viapte, 1), GNTMAP_host_map | GNTMAP_contains_pte | GNTMAP_readonly, &h_pte), 0);
    check(viapte[1] == 'W' && viapte[0] == 'G', "PTE-address mapping reads %x %x", viapte[0], viapte[1]);

    /* A device mapping only: no PTE, the bus address of the frame. */
    struct gnttab_map_grant_ref dm = { .flags = GNTMAP_device_map | GNTMAP_readonly, .ref = REF, .dom = SELF_ID, .status = 99 };
    check_rc(hc_grant_table_op(GNTTABOP_map_grant_ref, &dm, 1), 0);
    check(dm.status == 0 && dm.dev_bus_addr == maddr, "device map: status %d addr %lx", dm.status, (unsigned long)dm.dev_bus_addr);

    /* Ending the grant while mapped fails. */
    check(!gnttab_end(REF), "grant ended while mapped");

    /* Unmapping with neither address does nothing, and says so with okay. */
    check_rc(gnttab_unmap1(h_ro, 0, 0), 0);
    check(ro[0] == 'G', "mapping gone after a no-op unmap");

    /* Unmap the RW one first: GTF_writing goes, reading stays, the PTE is cleared. */
    check_rc(gnttab_unmap1(h_rw, (uint64_t)rw, 0), 0);
    check(gnttab[REF].flags == (GTF_permit_access | GTF_reading), "flags after RW unmap: %x", gnttab[REF].flags);
    check(pte_now(rw) == 0, "PTE after unmap: %lx", (unsigned long)pte_now(rw));
    uint64_t dummy;
    check(probe_read(rw, &dummy) == (0x100 | 14), "RW mapping still readable after unmap");

    /* A batch: the remaining three in one call. */
    struct gnttab_unmap_grant_ref u[3] = {
        { .host_addr = (uint64_t)ro, .handle = h_ro, .status = 99 },
        { .host_addr = pte_maddr(viapte, 1), .handle = h_pte, .status = 99 },
        { .dev_bus_addr = maddr, .handle = dm.handle, .status = 99 },
    };
    check_rc(hc_grant_table_op(GNTTABOP_unmap_grant_ref, u, 3), 0);
    check(u[0].status == 0 && u[1].status == 0 && u[2].status == 0, "batch unmap: %d %d %d", u[0].status, u[1].status, u[2].status);
    check(gnttab[REF].flags == GTF_permit_access, "flags after all unmaps: %x", gnttab[REF].flags);
    check(pte_now(ro) == 0 && pte_now(viapte) == 0, "PTEs left: %lx %lx", (unsigned long)pte_now(ro), (unsigned long)pte_now(viapte));

    /* A batch of maps: two good ones and a bad ref between them. */
    struct gnttab_map_grant_ref mb[3] = {
        { .host_addr = (uint64_t)ro, .flags = GNTMAP_host_map | GNTMAP_readonly, .ref = REF, .dom = SELF_ID },
        { .host_addr = (uint64_t)rw, .flags = GNTMAP_host_map, .ref = 100000, .dom = SELF_ID },
        { .host_addr = (uint64_t)rw, .flags = GNTMAP_host_map, .ref = REF, .dom = SELF_ID },
    };
    check_rc(hc_grant_table_op(GNTTABOP_map_grant_ref, mb, 3), 0);
    check(mb[0].status == 0 && mb[1].status == GNTST_bad_gntref && mb[2].status == 0,
          "batch map: %d %d %d", mb[0].status, mb[1].status, mb[2].status);
    check_rc(mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0), 0);
    check(ro[1] == 'W' && rw[0] == 'G', "batch-mapped contents");
    check_rc(gnttab_unmap1(mb[0].handle, (uint64_t)ro, 0), 0);
    check_rc(gnttab_unmap1(mb[2].handle, (uint64_t)rw, 0), 0);

    check(gnttab_end(REF), "grant could not be ended after the last unmap");
    /* Give the pool pages their own frames back. */
    check_rc(remap(ro, ro_mfn, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
    check_rc(remap(rw, rw_mfn, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
    check_rc(remap(viapte, viapte_mfn, PTE_P | PTE_RW | PTE_A | PTE_D), 0);
    check(page[0] == 'G' && page[1] == 'W' && page[2] == 'P', "granted page changed");
}
