/* SPDX-License-Identifier: GPL-2.0-only */
/* PV test kernel entry: Xen ELF notes, initial stack, jump into C with start_info. */
#include <public/elfnote.h>

#define VIRT_BASE 0xffffffff80000000

/* One "Xen" note: name, type, then the descriptor (a string or a quad). */
.macro xen_note type, kind, value
    .pushsection .note.Xen, "a", @note
    .p2align 2
    .long 4f - 3f          /* namesz */
    .long 6f - 5f          /* descsz */
    .long \type
3:  .asciz "Xen"
4:  .p2align 2
5:
    .ifc \kind, str
    .asciz "\value"
    .else
    .quad \value
    .endif
6:  .p2align 2
    .popsection
.endm

    xen_note XEN_ELFNOTE_GUEST_OS,       str, "Xenolith-test"
    xen_note XEN_ELFNOTE_GUEST_VERSION,  str, "1"
    xen_note XEN_ELFNOTE_XEN_VERSION,    str, "xen-3.0"
    xen_note XEN_ELFNOTE_LOADER,         str, "generic"
    xen_note XEN_ELFNOTE_VIRT_BASE,      quad, VIRT_BASE
    xen_note XEN_ELFNOTE_PADDR_OFFSET,   quad, 0
    xen_note XEN_ELFNOTE_ENTRY,          quad, _start
    xen_note XEN_ELFNOTE_HYPERCALL_PAGE, quad, hypercall_page
    xen_note XEN_ELFNOTE_FEATURES,       str, "!writable_page_tables|pae_pgdir_above_4gb"

    .section .text.head, "ax", @progbits
    .code64
    .globl _start
_start:
    /* The builder's stack is abandoned; %rsi = start_info (virtual). */
    cld
    lea     boot_stack_top(%rip), %rsp
    mov     %rsi, %rdi
    call    runtime_start
1:  ud2
    jmp     1b

    .section .bss.page_aligned, "aw", @nobits
    .p2align 12
    .globl boot_stack, boot_stack_top
boot_stack:
    .skip 4 * 4096
boot_stack_top:

    .section .note.GNU-stack, "", @progbits
