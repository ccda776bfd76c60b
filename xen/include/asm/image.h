/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor image's sections, and its final W^X mapping (arch/x86/image-protect.c). */
#ifndef ASM_IMAGE_H
#define ASM_IMAGE_H

#include <xen/types.h>

extern char _start[], _etext[], _srodata[], _erodata[], _sdata[], _edata[], _end[];
extern char __stubs_start[], __stubs_end[];

/* Image slot: only the image, 4 KiB pages, text RX, read-only data R, data RW; all NX but text. */
void image_protect(void);
/* SMEP on this CPU if it has it (APs inherit the boot CPU's CR4). */
void cpu_harden_init(void);
/* A writable (direct-map) alias of image text, for code written at run time (stubs). */
void *image_text_writable(const void *text);

#endif
