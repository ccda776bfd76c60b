/* SPDX-License-Identifier: GPL-2.0-only */
/* Pure rules of the PV memory model (host unit-tested): entry bits and type-count steps. */
#include <asm/pv-pte.h>

uint64_t pte_disallowed_bits(uint64_t e, unsigned int level, bool io_caps, bool have_nx)
{
    uint64_t ok = _PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY |
                  _PAGE_AVAIL | _PAGE_AVAIL_HIGH | PTE_ADDR_MASK;

    if (have_nx)
        ok |= _PAGE_NX;
    if (level == 1) {
        ok |= _PAGE_GLOBAL;
        if (io_caps)
            ok |= L1_CACHE_ATTRS;
    }
    return e & ~ok;
}

uint64_t pte_adjust_guest(uint64_t e, unsigned int level)
{
    if (!(e & _PAGE_PRESENT))
        return e;
    e |= _PAGE_USER;
    if (level == 1)
        e &= ~_PAGE_GLOBAL;             /* guest mappings must not survive a %cr3 switch */
    return e;
}

enum type_step type_get_step(unsigned long x, unsigned long type, unsigned long *nx,
                             bool *flush, unsigned long *resume_at)
{
    unsigned long cur = x & PGT_type_mask, count = x & PGT_count_mask;

    *flush = false;
    if (x & PGT_partial) {
        if (cur != type)
            return TS_ABANDON;
        *resume_at = count;             /* a partial page's count holds its progress */
        *nx = type | 1;
        return TS_RESUME;
    }
    if (count == 0) {
        if (cur != type) {
            /* A TLB may still hold a mapping made under the old type: flush first. */
            *flush = cur != PGT_none;
            *nx = type | 1 | (type_needs_validation(type) ? 0 : PGT_validated);
        } else {
            *nx = (x & ~PGT_pinned) + 1;
        }
        return (*nx & PGT_validated) ? TS_TAKEN : TS_VALIDATE;
    }
    if (cur != type || !(x & PGT_validated) || count == PGT_count_mask)
        return TS_CONFLICT;
    *nx = x + 1;
    return TS_TAKEN;
}

bool type_put_step(unsigned long x, unsigned long *nx)
{
    unsigned long type = x & PGT_type_mask;

    if ((x & PGT_count_mask) == 1 && type_needs_validation(type) && (x & PGT_validated)) {
        *nx = x & ~(PGT_validated | PGT_pinned);
        return true;
    }
    *nx = x - 1;
    if ((*nx & PGT_count_mask) == 0)
        *nx &= ~PGT_pinned;
    return false;
}
