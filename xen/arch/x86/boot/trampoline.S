/* SPDX-License-Identifier: GPL-2.0-only */
/* Application processor start: real mode (copied below 1 MiB) -> protected mode -> long mode -> C. */
#include <asm/layout.h>
#include <asm/boot-defs.h>

/*
 * ap_trampoline_start..ap_trampoline_end is copied to a page below 1 MiB whose
 * number is the SIPI vector; the AP starts there in real mode with %cs = page << 8,
 * %ip = 0. It may only use %cs-relative addresses. It loads the boot GDT (the
 * image's, by physical address) and jumps into the image at ap_start32.
 */
        .text
        .code16
        .globl ap_trampoline_start
ap_trampoline_start:
        cli
        cld
        mov     %cs, %ax
        mov     %ax, %ds
        lgdtl   ap_gdtr - ap_trampoline_start
        mov     %cr0, %eax
        or      $X86_CR0_PE, %eax
        mov     %eax, %cr0
        ljmpl   $HYPERVISOR_CS32, $sym_phys(ap_start32)
        .balign 8
ap_gdtr:
        .short  FIRST_RESERVED_GDT_BYTE + 8 * 8 - 1     /* the 8 boot GDT entries from 0xe000 */
        .long   sym_phys(boot_gdt) - FIRST_RESERVED_GDT_BYTE
        .globl ap_trampoline_end
ap_trampoline_end:

/*
 * From here on the code runs in the image. Inputs, written by the boot CPU
 * (xen/arch/x86/smpboot.c): ap_boot_cr3 (page tables with the identity map
 * still in slot 0), ap_boot_efer, and ap_boot_stack, the new CPU's initial
 * %rsp (its struct cpu_info), which the AP claims by swapping in 0.
 */
        .code32
ap_start32:
        mov     $HYPERVISOR_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %eax, %fs
        mov     %eax, %gs
        mov     %cr4, %eax
        or      $(X86_CR4_PAE | X86_CR4_PGE), %eax
        mov     %eax, %cr4
        mov     sym_phys(ap_boot_cr3), %eax
        mov     %eax, %cr3
        mov     $MSR_EFER, %ecx
        mov     sym_phys(ap_boot_efer), %eax
        xor     %edx, %edx
        wrmsr
        mov     $(X86_CR0_PG | X86_CR0_WP | X86_CR0_NE | X86_CR0_ET | X86_CR0_MP | X86_CR0_PE), %eax
        mov     %eax, %cr0
        ljmp    $HYPERVISOR_CS, $sym_phys(ap_start64_low)

        .code64
ap_start64_low:                                 /* still at the identity-mapped address */
        movabs  $ap_start64, %rax
        jmp     *%rax

/*
 * The boot GDT stays loaded by its physical address: the identity map lasts
 * until every AP is up, and start_secondary() loads this CPU's own GDT first.
 */
ap_start64:
        xor     %eax, %eax
        xchg    %rax, ap_boot_stack(%rip)       /* claim the stack; 0: the boot CPU gave up on us */
        test    %rax, %rax
        jz      1f
        mov     %rax, %rsp
        xor     %ebp, %ebp
        call    start_secondary
        ud2
1:      cli
        hlt
        jmp     1b
