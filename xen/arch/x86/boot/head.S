/* SPDX-License-Identifier: GPL-2.0-only */
/* Multiboot 1/2 headers and the 32-bit entry that switches to long mode at the final address. */
#include <asm/layout.h>
#include <asm/boot-defs.h>

        .section .text.header, "ax", @progbits
        .code32

/* Multiboot 1: QEMU -kernel (needs a 32-bit ELF, which mkelf32 provides). */
        .balign 4
        .globl mb1_header
mb1_header:
        .long   MB1_HEADER_MAGIC
        .long   MB1_FLAGS
        .long   -(MB1_HEADER_MAGIC + MB1_FLAGS)

/* Multiboot 2: GRUB. */
        .balign 8
mb2_header:
        .long   MB2_HEADER_MAGIC
        .long   0                               /* i386 */
        .long   mb2_header_end - mb2_header
        .long   -(MB2_HEADER_MAGIC + (mb2_header_end - mb2_header))
        .balign 8
mb2_info_req:                                   /* optional: we cope without any */
        .short  1, 1
        .long   mb2_info_req_end - mb2_info_req
        .long   1, 3, 6, 14, 15
mb2_info_req_end:
        .balign 8
        .short  6, 1                            /* page-align modules */
        .long   8
        .balign 8
        .short  0, 0                            /* end */
        .long   8
mb2_header_end:

/*
 * Entry contract (both multiboot flavours): 32-bit protected mode, paging off,
 * %eax = loader magic, %ebx = physical address of the boot information.
 * Everything here runs at physical addresses: sym_phys() of each symbol.
 */
        .globl start
start:
        cli
        cld
        mov     %eax, %edi
        mov     %ebx, %esi
        rdtsc                                   /* first instruction timestamp, for bench */
        mov     %eax, sym_phys(boot_tsc_start)
        mov     %edx, sym_phys(boot_tsc_start) + 4

        lgdt    sym_phys(boot_gdtr32)
        mov     $HYPERVISOR_DS, %ecx
        mov     %ecx, %ds
        mov     %ecx, %es
        mov     %ecx, %ss
        mov     %ecx, %fs
        mov     %ecx, %gs
        ljmp    $HYPERVISOR_CS32, $sym_phys(1f)
1:
        mov     $sym_phys(cpu0_stack) + STACK_SIZE - 256, %esp

        /* A 64-bit CPU is required; say so on COM1 and stop otherwise. */
        mov     $0x80000000, %eax
        cpuid
        cmp     $0x80000001, %eax
        jb      no_long_mode
        mov     $0x80000001, %eax
        cpuid
        bt      $29, %edx
        jnc     no_long_mode
        mov     %edx, %ebp                      /* keep NX support bit */

        /* Clear .bss: neither loader promises to. */
        mov     %edi, %ebx
        mov     $sym_phys(__bss_start), %edi
        mov     $sym_phys(__bss_end), %ecx
        sub     %edi, %ecx
        xor     %eax, %eax
        rep stosb                               /* the stack is in .bss: nothing pushed yet */
        mov     %ebx, %edi

        mov     %cr4, %eax
        or      $(X86_CR4_PAE | X86_CR4_PGE), %eax
        mov     %eax, %cr4
        mov     $sym_phys(idle_pg_table), %eax
        mov     %eax, %cr3
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $EFER_LME, %eax
        bt      $20, %ebp
        jnc     2f
        or      $EFER_NXE, %eax
2:      wrmsr
        mov     $(X86_CR0_PG | X86_CR0_WP | X86_CR0_NE | X86_CR0_ET | X86_CR0_MP | X86_CR0_PE), %eax
        mov     %eax, %cr0
        ljmp    $HYPERVISOR_CS, $sym_phys(start64_low)

no_long_mode:
        mov     $sym_phys(no_lm_msg), %esi
3:      lodsb
        test    %al, %al
        jz      4f
        mov     %al, %bl
        mov     $0x3fd, %dx                     /* wait for THR empty */
5:      in      %dx, %al
        test    $0x20, %al
        jz      5b
        mov     $0x3f8, %dx
        mov     %bl, %al
        out     %al, %dx
        jmp     3b
4:      hlt
        jmp     4b
no_lm_msg:
        .asciz  "Xenolith: this CPU has no long mode; a 64-bit x86 CPU is required.\r\n"

        .code64
start64_low:
        movabs  $start64, %rax
        jmp     *%rax

        .text
/* Now at the final virtual address. %edi = magic, %esi = boot info (physical). */
start64:
        lgdt    boot_gdtr(%rip)
        mov     $HYPERVISOR_DS, %ecx
        mov     %ecx, %ds
        mov     %ecx, %es
        mov     %ecx, %ss
        xor     %ecx, %ecx
        mov     %ecx, %fs
        mov     %ecx, %gs
        lea     cpu0_stack + STACK_SIZE - CPUINFO_SIZE(%rip), %rsp
        xor     %ebp, %ebp
        mov     %edi, %edi
        mov     %esi, %esi
        call    start_xenolith
        ud2

        .section .data.boot, "aw", @progbits
        .balign 8
        .globl boot_tsc_start
boot_tsc_start:
        .quad   0

/* The boot GDT: only the reserved hypervisor entries; the base is biased so selectors 0xe0xx index it. */
        .balign 8
        .globl boot_gdt
boot_gdt:
        .quad   0x0000000000000000      /* 0xe000 null */
        .quad   0x00af9a000000ffff      /* 0xe008 ring 0 code, 64-bit */
        .quad   0x00cf92000000ffff      /* 0xe010 ring 0 data */
        .quad   0x0000000000000000      /* 0xe018 reserved */
        .quad   0x00cffa000000ffff      /* 0xe023 ring 3 code, compat */
        .quad   0x00cff2000000ffff      /* 0xe02b ring 3 data */
        .quad   0x00affa000000ffff      /* 0xe033 ring 3 code, 64-bit */
        .quad   0x00cf9a000000ffff      /* 0xe038 ring 0 code, 32-bit */
boot_gdt_end:

        .short  0
boot_gdtr32:
        .short  FIRST_RESERVED_GDT_BYTE + (boot_gdt_end - boot_gdt) - 1
        .long   sym_phys(boot_gdt) - FIRST_RESERVED_GDT_BYTE
        .short  0
        .globl boot_gdtr
boot_gdtr:
        .short  FIRST_RESERVED_GDT_BYTE + (boot_gdt_end - boot_gdt) - 1
        .quad   boot_gdt - FIRST_RESERVED_GDT_BYTE

/*
 * Boot page tables (static, so paging needs no code in 32-bit mode):
 *  slot 0    identity map of 0-4 GiB (boot and AP start-up only; removed later)
 *  slot 261  hypervisor image: XEN_VIRT_START maps physical 0-1 GiB
 *  slot 262  direct map of 0-4 GiB (extended to all RAM by the C code)
 * 2 MiB pages throughout.
 */
        .section .data.page_aligned, "aw", @progbits
        .balign 4096
        .globl idle_pg_table
idle_pg_table:
        .quad   sym_phys(l3_bootmap) + PTE_TABLE
        .fill   260, 8, 0
        .quad   sym_phys(l3_xenmap) + PTE_TABLE
        .quad   sym_phys(l3_bootmap) + PTE_TABLE
        .fill   249, 8, 0

        .globl l3_bootmap
l3_bootmap:
        .set    i, 0
        .rept   4
        .quad   sym_phys(l2_bootmap) + i * 4096 + PTE_TABLE
        .set    i, i + 1
        .endr
        .fill   508, 8, 0

        .globl l3_xenmap
l3_xenmap:
        .fill   L3_INDEX(XEN_VIRT_START), 8, 0
        .quad   sym_phys(l2_xenmap) + PTE_TABLE
        .fill   511 - L3_INDEX(XEN_VIRT_START), 8, 0

        .globl l2_bootmap
l2_bootmap:
        .set    i, 0
        .rept   2048
        .quad   (i << 21) + PTE_LARGE_RW
        .set    i, i + 1
        .endr

        .globl l2_xenmap
l2_xenmap:
        .set    i, 0
        .rept   512
        .quad   (i << 21) + PTE_LARGE_RW + PTE_GLOBAL
        .set    i, i + 1
        .endr

        .section .bss.stack_aligned, "aw", @nobits
        .balign STACK_SIZE
        .globl cpu0_stack
cpu0_stack:
        .skip   STACK_SIZE
