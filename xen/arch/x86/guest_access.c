/* SPDX-License-Identifier: GPL-2.0-only */
/* rep movsb with a fixup: a fault ends the copy and reports how much was left. */
#include <asm/extable.h>
#include <asm/guest_access.h>

static unsigned long copy_with_fixup(void *to, const void *from, size_t len)
{
    __asm__ volatile("1: rep movsb\n"
                     "2:\n"
                     _ASM_EXTABLE(1b, 2b)
                     : "+D"(to), "+S"(from), "+c"(len) :: "memory");
    return len;
}

unsigned long raw_copy_to_guest(void *to, const void *from, size_t len)
{
    return copy_with_fixup(to, from, len);
}

unsigned long raw_copy_from_guest(void *to, const void *from, size_t len)
{
    return copy_with_fixup(to, from, len);
}
