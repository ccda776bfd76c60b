/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: running out of maptrack handles (the per-domain table of the
 * grant mappings it holds). With gnttab_max_maptrack_frames=1 we map our own
 * grants (read-only device mappings: a handle each, no PTE) until a map fails.
 * The failure must be Xen's status, the count the limit, every handle must
 * unmap cleanly, mapping must work again, and a batch that straddles the limit
 * must be judged entry by entry.
 *
 * The count: a maptrack frame holds 256 handles (16-byte entries); Xen 4.17
 * keeps the last entry of each vCPU's free list as its tail, so a one-vCPU
 * domain gets 255 (Xenolith holds back one handle per domain, the same here).
 */
#include "guest.h"

const char test_title[] = "maptrack exhaustion: the limit, its status, clean unmaps, straddling batches";

#define FRAMES   1                      /* hv-options: gnttab_max_maptrack_frames=1 */
#define LIMIT    (256 * FRAMES)
#define NREFS    4                      /* a grant's read-only device pin count stops at 128 */
#define REF0     10
#define TRIES    (LIMIT + 8)
#define BATCH    12

static grant_handle_t handles[TRIES];
static bool used[LIMIT];
static uint64_t maddr;

static int16_t map_dev(unsigned int i, grant_handle_t *h)
{
    return gnttab_map1(REF0 + i % NREFS, 0, GNTMAP_device_map | GNTMAP_readonly, h);
}

/* Map one at a time until a map fails: how many succeeded, and the failing status in *why. */
static unsigned int fill(int16_t *why)
{
    unsigned int n = 0;
    *why = 0;
    for (; n < TRIES; n++) {
        int16_t st = map_dev(n, &handles[n]);
        if (st) {
            *why = st;
            break;
        }
    }
    return n;
}

/* Every handle distinct and inside the table. */
static void check_handles(unsigned int n)
{
    memset(used, 0, sizeof(used));
    for (unsigned int i = 0; i < n; i++) {
        grant_handle_t h = handles[i];
        check(h < LIMIT && !used[h], "handle %u: %u (out of range or twice)", i, h);
        if (h < LIMIT)
            used[h] = true;
    }
}

/* Unmap handles[0..n) in one batch (preemptible on both) and check every status. */
static void unmap_all(unsigned int n, const char *what)
{
    static struct gnttab_unmap_grant_ref u[TRIES];
    for (unsigned int i = 0; i < n; i++)
        u[i] = (struct gnttab_unmap_grant_ref){ .dev_bus_addr = maddr, .handle = handles[i], .status = 99 };
    check_rc(hc_grant_table_op(GNTTABOP_unmap_grant_ref, u, n), 0);
    unsigned int bad = 0;
    for (unsigned int i = 0; i < n; i++)
        if (u[i].status && bad++ < 4)
            check(false, "%s: unmap of handle %u: status %d", what, handles[i], u[i].status);
    check(!bad, "%s: %u unmaps failed", what, bad);
}

static bool refs_idle(void)
{
    for (unsigned int r = 0; r < NREFS; r++)
        if (gnttab[REF0 + r].flags != (GTF_permit_access | GTF_readonly))
            return false;
    return true;
}

void test_main(void)
{
    check_rc(gnttab_setup(1), 0);
    uint8_t *page = alloc_page();
    maddr = virt_to_mfn(page) << PAGE_SHIFT;
    for (unsigned int r = 0; r < NREFS; r++)
        gnttab_grant(REF0 + r, SELF_ID, page, true);

    /* 1. Map until it fails. */
    int16_t why;
    unsigned int n = fill(&why);
    printf("maptrack: %u maps succeeded, then status %d\n", n, why);
    check(n == LIMIT - 1, "%u maps succeeded with %u maptrack frame(s): want %u", n, FRAMES, LIMIT - 1);
    check(why == GNTST_no_space, "exhausted: status %d, want %d (GNTST_no_space)", why, GNTST_no_space);
    check_handles(n);

    /* Exhausted: the flags are judged first, the handle before the ref. */
    grant_handle_t h;
    check_rc(gnttab_map1(REF0, 0, GNTMAP_readonly, &h), GNTST_bad_gntref);
    check_rc(gnttab_map1(100000, 0, GNTMAP_device_map | GNTMAP_readonly, &h), GNTST_no_space);
    check_rc(gnttab_map1(REF0, 0, GNTMAP_device_map | GNTMAP_readonly, &h), GNTST_no_space);

    /* 2. Every handle unmaps; again is a bad handle; the grants are idle. */
    unmap_all(n, "after exhaustion");
    check_rc(gnttab_unmap1(handles[0], 0, maddr), GNTST_bad_handle);
    check_rc(gnttab_unmap1(LIMIT, 0, maddr), GNTST_bad_handle);
    check(refs_idle(), "grant flags after unmapping all: %x", gnttab[REF0].flags);

    /* 3. Mapping works again; a batch straddling the limit is judged entry by entry:
     * five slots left, a bad ref among the first entries takes none. */
    unsigned int pre = n - 5, k = 0;
    for (; k < pre; k++)
        if (map_dev(k, &handles[k])) {
            check(false, "re-map %u of %u failed", k, pre);
            break;
        }
    static struct gnttab_map_grant_ref b[BATCH];
    for (unsigned int i = 0; i < BATCH; i++)
        b[i] = (struct gnttab_map_grant_ref){ .flags = GNTMAP_device_map | GNTMAP_readonly,
                                              .ref = REF0 + i % NREFS, .dom = SELF_ID, .status = 99 };
    b[2].ref = 100000;                  /* before the limit: bad ref, no handle used */
    b[10].ref = 100000;                 /* past it: out of handles first */
    check_rc(hc_grant_table_op(GNTTABOP_map_grant_ref, b, BATCH), 0);
    static const int16_t want[BATCH] = { 0, 0, GNTST_bad_gntref, 0, 0, 0, GNTST_no_space, GNTST_no_space,
                                         GNTST_no_space, GNTST_no_space, GNTST_no_space, GNTST_no_space };
    for (unsigned int i = 0; i < BATCH; i++) {
        check(b[i].status == want[i], "straddling batch entry %u: status %d, want %d", i, b[i].status, want[i]);
        if (b[i].status == 0 && k < TRIES)
            handles[k++] = b[i].handle;
    }
    check(k == n, "%u mapped around the straddling batch, want %u", k, n);
    check_handles(k);
    check_rc(map_dev(0, &h), GNTST_no_space);
    unmap_all(k, "after the straddling batch");
    check(refs_idle(), "grant flags after the second unmap: %x", gnttab[REF0].flags);

    /* 4. Still usable: one more map and unmap, then the grants end. */
    check_rc(map_dev(0, &h), 0);
    check_rc(gnttab_unmap1(h, 0, maddr), 0);
    for (unsigned int r = 0; r < NREFS; r++)
        check(gnttab_end(REF0 + r), "grant %u could not be ended", REF0 + r);
}
