/* SPDX-License-Identifier: GPL-2.0-only */
/* Link map: one loadable segment at XEN_IMG_PHYS, linked at XEN_VIRT_START + physical. */
#include <asm/layout.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(start)

PHDRS
{
    image PT_LOAD;
    note PT_NOTE;
}

SECTIONS
{
    . = XEN_VIRT_START + XEN_IMG_PHYS;
    _start = .;

    .text : AT(ADDR(.text) - XEN_VIRT_START) {
        _stext = .;
        *(.text.header)
        *(.text .text.*)
        *(.fixup)
        . = ALIGN(4096);
        __stubs_start = .;
        *(.stubs)                       /* generated code, written through the direct map */
        __stubs_end = .;
        _etext = .;
    } :image

    . = ALIGN(4096);
    .rodata : AT(ADDR(.rodata) - XEN_VIRT_START) {
        _srodata = .;
        *(.rodata .rodata.*)
        . = ALIGN(8);
        __setup_start = .;
        *(.init.setup)
        __setup_end = .;
        . = ALIGN(8);
        __initcall_start = .;
        *(.initcall)
        __initcall_end = .;
        . = ALIGN(8);
        __selftest_start = .;
        *(.selftest)
        __selftest_end = .;
        . = ALIGN(4);
        __start_ex_table = .;
        *(.ex_table)
        __stop_ex_table = .;
        _erodata = .;
    } :image

    .note.gnu.build-id : AT(ADDR(.note.gnu.build-id) - XEN_VIRT_START) {
        __note_gnu_build_id_start = .;
        *(.note.gnu.build-id)
        __note_gnu_build_id_end = .;
    } :image :note

    . = ALIGN(4096);
    .data : AT(ADDR(.data) - XEN_VIRT_START) {
        _sdata = .;
        *(.data.page_aligned)
        . = ALIGN(4096);
        __per_cpu_start = .;
        *(.data.percpu)
        . = ALIGN(64);
        __per_cpu_end = .;
        *(.data.boot)
        *(.data .data.*)
    } :image

    /* Last before .bss, so filling it in on the second link moves no code. */
    .symbols : AT(ADDR(.symbols) - XEN_VIRT_START) {
        *(.rodata.symbols)
        _edata = .;
    } :image

    . = ALIGN(4096);
    .bss : AT(ADDR(.bss) - XEN_VIRT_START) {
        __bss_start = .;
        *(.bss.stack_aligned)
        *(.bss.page_aligned)
        *(.bss .bss.* COMMON)
        . = ALIGN(8);
        __bss_end = .;
    } :image
    . = ALIGN(4096);
    _end = .;

    /DISCARD/ : {
        *(.eh_frame) *(.eh_frame_hdr) *(.comment) *(.note.GNU-stack) *(.note.gnu.property)
        *(.discard)
    }
}

ASSERT(_end - XEN_VIRT_START < 0x40000000, "image does not fit the 1 GiB image mapping")
ASSERT(_end - _start <= 16 * 1024 * 1024, "image larger than image-protect.c's 8 L1 tables")
ASSERT(mb1_header - _start < 8192, "multiboot1 header must be in the first 8 KiB")
