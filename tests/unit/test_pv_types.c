/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/arch/x86/pv/pte-rules.c */
/* PV memory model rules: entry bits per level, and the type-count transitions of a frame. */
#include <test.h>
#include <asm/pv-pte.h>

static enum type_step step(unsigned long x, unsigned long type, unsigned long *nx, bool *flush)
{
    unsigned long resume = 0;
    return type_get_step(x, type, nx, flush, &resume);
}

static void test_entry_bits(void)
{
    uint64_t base = 0x1234000UL | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY;

    for (unsigned int l = 1; l <= 4; l++) {
        CHECK_EQ(pte_disallowed_bits(base, l, false, true), 0);
        CHECK_EQ(pte_disallowed_bits(base | _PAGE_NX, l, false, true), 0);
        CHECK_EQ(pte_disallowed_bits(base | _PAGE_NX, l, false, false), _PAGE_NX);   /* no NXE */
        CHECK_EQ(pte_disallowed_bits(base | (1UL << 52) | (1UL << 9), l, false, true), 0);
    }
    /* Superpages (XSA-148) and PCD/PWT above L1. */
    CHECK_EQ(pte_disallowed_bits(base | _PAGE_PSE, 2, true, true), _PAGE_PSE);
    CHECK_EQ(pte_disallowed_bits(base | _PAGE_PSE, 3, true, true), _PAGE_PSE);
    CHECK_EQ(pte_disallowed_bits(base | _PAGE_PCD, 4, true, true), _PAGE_PCD);
    /* Global only in L1; cache attributes in L1 only with I/O access. */
    CHECK_EQ(pte_disallowed_bits(base | _PAGE_GLOBAL, 1, false, true), 0);
    CHECK_EQ(pte_disallowed_bits(base | _PAGE_GLOBAL, 2, false, true), _PAGE_GLOBAL);
    CHECK_EQ(pte_disallowed_bits(base | _PAGE_PCD | _PAGE_PWT, 1, false, true), _PAGE_PCD | _PAGE_PWT);
    CHECK_EQ(pte_disallowed_bits(base | _PAGE_PCD | _PAGE_PWT | _PAGE_PAT_L1, 1, true, true), 0);

    /* Stored form: U forced, G dropped, not-present untouched. */
    CHECK_EQ(pte_adjust_guest(0x5000 | _PAGE_PRESENT | _PAGE_GLOBAL, 1), 0x5000 | _PAGE_PRESENT | _PAGE_USER);
    CHECK_EQ(pte_adjust_guest(0x5000 | _PAGE_PRESENT, 3), 0x5000 | _PAGE_PRESENT | _PAGE_USER);
    CHECK_EQ(pte_adjust_guest(0x5000 | _PAGE_GLOBAL, 1), 0x5000 | _PAGE_GLOBAL);
    CHECK(!is_guest_l4_slot(256) && !is_guest_l4_slot(271) && is_guest_l4_slot(255) && is_guest_l4_slot(272));
}

static void test_type_steps(void)
{
    unsigned long nx, resume;
    bool flush;

    /* Fresh frame: writable needs no validation, a table does. */
    CHECK_EQ(step(PGT_none, PGT_writable_page, &nx, &flush), TS_TAKEN);
    CHECK_EQ(nx, PGT_writable_page | PGT_validated | 1);
    CHECK(!flush);
    CHECK_EQ(step(PGT_none, PGT_l1_page_table, &nx, &flush), TS_VALIDATE);
    CHECK_EQ(nx, PGT_l1_page_table | 1);

    /* A type in use excludes every other: the invariant. */
    unsigned long w2 = PGT_writable_page | PGT_validated | 2, l2 = PGT_l2_page_table | PGT_validated | 1;
    CHECK_EQ(step(w2, PGT_l1_page_table, &nx, &flush), TS_CONFLICT);
    CHECK_EQ(step(w2, PGT_seg_desc_page, &nx, &flush), TS_CONFLICT);
    CHECK_EQ(step(l2, PGT_writable_page, &nx, &flush), TS_CONFLICT);
    CHECK_EQ(step(l2, PGT_l1_page_table, &nx, &flush), TS_CONFLICT);
    CHECK_EQ(step(l2, PGT_l2_page_table, &nx, &flush), TS_TAKEN);
    CHECK_EQ(nx, l2 + 1);
    /* Being validated by someone (count 1, not validated): busy. */
    CHECK_EQ(step(PGT_l1_page_table | 1, PGT_l1_page_table, &nx, &flush), TS_CONFLICT);
    /* Count overflow refused. */
    CHECK_EQ(step(PGT_writable_page | PGT_validated | PGT_count_mask, PGT_writable_page, &nx, &flush),
             TS_CONFLICT);

    /* Type change only at count 0, and a table becoming writable flushes TLBs. */
    CHECK_EQ(step(PGT_l1_page_table, PGT_writable_page, &nx, &flush), TS_TAKEN);
    CHECK(flush);
    CHECK_EQ(step(PGT_writable_page | PGT_validated, PGT_l4_page_table, &nx, &flush), TS_VALIDATE);
    CHECK(flush);
    CHECK_EQ(nx, PGT_l4_page_table | 1);
    /* Same table type at count 0 (devalidated): validate again, no flush. */
    CHECK_EQ(step(PGT_l3_page_table, PGT_l3_page_table, &nx, &flush), TS_VALIDATE);
    CHECK(!flush);

    /* Partial validation: resumed by the same type, abandoned by another. */
    CHECK_EQ(type_get_step(PGT_l3_page_table | PGT_partial | 17, PGT_l3_page_table, &nx, &flush, &resume),
             TS_RESUME);
    CHECK_EQ(resume, 17);
    CHECK_EQ(nx, PGT_l3_page_table | 1);
    CHECK_EQ(step(PGT_l3_page_table | PGT_partial | 17, PGT_writable_page, &nx, &flush), TS_ABANDON);

    /* Put: the last reference of a validated table devalidates (count stays 1 meanwhile). */
    CHECK(type_put_step(PGT_l2_page_table | PGT_validated | PGT_pinned | 1, &nx));
    CHECK_EQ(nx, PGT_l2_page_table | 1);
    CHECK(!type_put_step(PGT_l2_page_table | PGT_validated | 2, &nx));
    CHECK_EQ(nx, PGT_l2_page_table | PGT_validated | 1);
    CHECK(!type_put_step(PGT_writable_page | PGT_validated | 1, &nx));
    CHECK_EQ(nx, PGT_writable_page | PGT_validated);
}

int main(void)
{
    test_entry_bits();
    test_type_steps();
    return test_done();
}
