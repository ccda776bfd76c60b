/* SPDX-License-Identifier: GPL-2.0-only */
/* Address -> function name for backtraces, from the table the second link pass embeds. */
#include <xen/lib.h>

/* Emitted by tools/gensyms.sh (an empty table on the first link pass). */
extern const unsigned long symbols_count;
extern const unsigned long symbols_addrs[];
extern const unsigned int symbols_sizes[];
extern const unsigned int symbols_name_offsets[];
extern const char symbols_names[];

const char *symbol_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
    if (!symbols_count)
        return NULL;
    unsigned long lo = 0, hi = symbols_count;
    if (addr < symbols_addrs[0])
        return NULL;
    while (hi - lo > 1) {               /* last symbol starting at or below addr */
        unsigned long mid = (lo + hi) / 2;
        if (symbols_addrs[mid] <= addr)
            lo = mid;
        else
            hi = mid;
    }
    unsigned long sz = symbols_sizes[lo];
    if (!sz)
        sz = (lo + 1 < symbols_count ? symbols_addrs[lo + 1] : addr + 1) - symbols_addrs[lo];
    if (addr >= symbols_addrs[lo] + sz)
        return NULL;
    *offset = addr - symbols_addrs[lo];
    *size = sz;
    return &symbols_names[symbols_name_offsets[lo]];
}
