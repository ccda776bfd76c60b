/* SPDX-License-Identifier: GPL-2.0-only */
/* Lookup in the exception fixup table collected by the linker. */
#include <asm/extable.h>

extern const struct exception_table_entry __start_ex_table[], __stop_ex_table[];

unsigned long search_exception_table(unsigned long rip)
{
    for (const struct exception_table_entry *e = __start_ex_table; e < __stop_ex_table; e++)
        if ((unsigned long)&e->insn + e->insn == rip)
            return (unsigned long)&e->fixup + e->fixup;
    return 0;
}
