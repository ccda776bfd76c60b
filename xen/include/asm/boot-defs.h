/* SPDX-License-Identifier: GPL-2.0-only */
/* Constants shared by the early assembly boot path (loader magics, CR bits, PTE bits). */
#ifndef ASM_BOOT_DEFS_H
#define ASM_BOOT_DEFS_H

#define MB1_HEADER_MAGIC        0x1BADB002
#define MB1_BOOTLOADER_MAGIC    0x2BADB002
#define MB1_FLAGS               0x00000003      /* page-align modules, want memory info */
#define MB2_HEADER_MAGIC        0xE85250D6
#define MB2_BOOTLOADER_MAGIC    0x36D76289

#define X86_CR0_PE              0x00000001
#define X86_CR0_MP              0x00000002
#define X86_CR0_EM              0x00000004
#define X86_CR0_TS              0x00000008
#define X86_CR0_ET              0x00000010
#define X86_CR0_NE              0x00000020
#define X86_CR0_WP              0x00010000
#define X86_CR0_AM              0x00040000
#define X86_CR0_PG              0x80000000

#define X86_CR4_TSD             0x00000004
#define X86_CR4_DE              0x00000008
#define X86_CR4_PAE             0x00000020
#define X86_CR4_MCE             0x00000040
#define X86_CR4_PGE             0x00000080
#define X86_CR4_OSFXSR          0x00000200
#define X86_CR4_OSXMMEXCPT      0x00000400
#define X86_CR4_FSGSBASE        0x00010000
#define X86_CR4_OSXSAVE         0x00040000
#define X86_CR4_SMEP            0x00100000
#define X86_CR4_SMAP            0x00200000

#define MSR_EFER                0xc0000080
#define EFER_SCE                (1 << 0)
#define EFER_LME                (1 << 8)
#define EFER_NXE                (1 << 11)

#define PTE_TABLE               0x063           /* present, writable, accessed, dirty */
#define PTE_LARGE_RW            0x0e3           /* ... plus PSE */
#define PTE_GLOBAL              0x100

#define L3_INDEX(va)            (((va) >> 30) & 511)
#define CPUINFO_SIZE            512             /* room reserved on the stack top for struct cpu_info */

#endif
