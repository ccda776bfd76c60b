/* SPDX-License-Identifier: GPL-2.0-only */
/* SYSCALL set-up: per-CPU entry stubs that move onto this CPU's stack, since syscall does not. */
#include <xen/config.h>
#include <xen/lib.h>
#include <asm/boot-defs.h>
#include <asm/current.h>
#include <asm/image.h>
#include <asm/layout.h>
#include <asm/processor.h>

#define MSR_STAR            0xc0000081
#define MSR_LSTAR           0xc0000082
#define MSR_CSTAR           0xc0000083
#define MSR_SYSCALL_MASK    0xc0000084
#define MSR_SYSENTER_CS     0x174
#define SYSCALL_MASKED_FLAGS 0x47700    /* TF IF DF IOPL NT AC: entry runs with interrupts off */
#define STUB_SIZE 64

extern const char syscall_enter[], syscall32_enter[];

/* Generated code: in the image's text (read/execute), written through its direct-map alias. */
static uint8_t stubs[NR_CPUS][2][STUB_SIZE] __attribute__((section(".stubs"), aligned(64)));

static uint8_t *emit64(uint8_t *p, uint64_t v)
{
    memcpy(p, &v, 8);
    return p + 8;
}

/*
 * movabs %rax, <scratch>        save guest %rax
 * mov    %rsp, %rax
 * movabs $<frame end>, %rsp     this CPU's guest_regs
 * push   $0                     ss slot (filled by the common path)
 * push   %rax                   guest %rsp
 * movabs $<target>, %rax
 * jmp    *%rax
 */
static void write_stub(uint8_t *p, struct cpu_info *ci, const void *target)
{
    *p++ = 0x48; *p++ = 0xa3;
    p = emit64(p, (uint64_t)&ci->syscall_scratch);
    *p++ = 0x48; *p++ = 0x89; *p++ = 0xe0;
    *p++ = 0x48; *p++ = 0xbc;
    p = emit64(p, (uint64_t)&ci->guest_regs.es);
    *p++ = 0x6a; *p++ = 0x00;
    *p++ = 0x50;
    *p++ = 0x48; *p++ = 0xb8;
    p = emit64(p, (uint64_t)target);
    *p++ = 0xff; *p++ = 0xe0;
}

void syscall_init_cpu(unsigned int cpu)
{
    struct cpu_info *ci = get_cpu_info();

    write_stub(image_text_writable(stubs[cpu][0]), ci, syscall_enter);
    write_stub(image_text_writable(stubs[cpu][1]), ci, syscall32_enter);
    /* sysret/syscall selector bases: kernel 0xe008/0xe010, user 0xe023/0xe02b/0xe033. */
    wrmsr(MSR_STAR, ((uint64_t)(0xe023 & ~3) << 48) | ((uint64_t)HYPERVISOR_CS << 32));
    wrmsr(MSR_LSTAR, (uint64_t)stubs[cpu][0]);
    wrmsr(MSR_CSTAR, (uint64_t)stubs[cpu][1]);
    wrmsr(MSR_SYSCALL_MASK, SYSCALL_MASKED_FLAGS);
    wrmsr(MSR_SYSENTER_CS, 0);          /* sysenter faults (#GP) instead of entering anywhere */
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
