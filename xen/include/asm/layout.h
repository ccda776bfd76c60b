/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor's virtual address space: fixed here, shared by C, asm and the linker script. */
#ifndef ASM_LAYOUT_H
#define ASM_LAYOUT_H

/*
 * Everything the hypervisor owns lives in the PV hole, L4 slots 256-271
 * (0xffff800000000000 - 0xffff87ffffffffff), present in every address space.
 *
 *  slot 256  0xffff800000000000  read-only M2P, guest visible (ABI fact)
 *  slot 257  0xffff808000000000  reserved (ioremap of PCI config space)
 *  slot 258  0xffff810000000000  guest linear page table
 *  slot 259  0xffff818000000000  reserved
 *  slot 260  0xffff820000000000  per-domain mappings (GDT/LDT shadows)
 *  slot 261  0xffff828000000000  writable M2P (256 GiB)
 *            0xffff82c000000000  vmap / ioremap / fixmap (64 GiB)
 *            0xffff82d080000000  hypervisor image (phys 0 - 1 GiB, image at 2 MiB)
 *            0xffff82e000000000  frame table (128 GiB: struct page_info per frame)
 *  slot 262- 0xffff830000000000  direct map of all RAM (5 TiB)
 *  slot 271  0xffff87ffffffffff
 */
#define HV_HOLE_START           0xffff800000000000
#define HV_HOLE_END             0xffff880000000000
#define HV_FIRST_L4_SLOT        256
#define HV_LAST_L4_SLOT         271

#define RO_MPT_VIRT_START       0xffff800000000000
#define RO_MPT_VIRT_END         0xffff804000000000
#define LINEAR_PT_VIRT_START    0xffff810000000000
#define PERDOMAIN_VIRT_START    0xffff820000000000
#define RDWR_MPT_VIRT_START     0xffff828000000000
#define RDWR_MPT_VIRT_END       0xffff82c000000000
#define VMAP_VIRT_START         0xffff82c000000000
#define VMAP_VIRT_END           0xffff82d000000000
#define XEN_VIRT_START          0xffff82d080000000
#define XEN_VIRT_END            0xffff82d0c0000000
#define FRAMETABLE_VIRT_START   0xffff82e000000000
#define FRAMETABLE_VIRT_END     0xffff830000000000
#define DIRECTMAP_VIRT_START    0xffff830000000000
#define DIRECTMAP_VIRT_END      0xffff880000000000

/* The image is linked (and loaded) at this physical address. */
#define XEN_IMG_PHYS            0x200000

/* Per-CPU stack block: IST stacks, then the primary stack with struct cpu_info on top. */
#define STACK_ORDER             3
#define STACK_SIZE              (0x1000 << STACK_ORDER)
#define IST_DF_PAGE             0
#define IST_NMI_PAGE            1
#define IST_MCE_PAGE            2
#define IST_DB_PAGE             3
#define PRIMARY_STACK_PAGE      4

/* Hypervisor selectors live in the reserved top of the GDT (ABI: xen-x86_64.h). */
#define FIRST_RESERVED_GDT_PAGE 14
#define FIRST_RESERVED_GDT_BYTE (FIRST_RESERVED_GDT_PAGE * 4096)
#define FIRST_RESERVED_GDT_ENTRY (FIRST_RESERVED_GDT_BYTE / 8)
#define HYPERVISOR_CS           0xe008
#define HYPERVISOR_DS           0xe010
#define HYPERVISOR_CS32         0xe038
#define TSS_SELECTOR            0xe040
#define LDT_SELECTOR            0xe050
#define PER_CPU_SELECTOR        0xe060

#ifndef __ASSEMBLY__
#define __pa_image(x)   ((unsigned long)(x) - XEN_VIRT_START)
#endif
#define sym_phys(x)     ((x) - XEN_VIRT_START)

#endif
