/* SPDX-License-Identifier: GPL-2.0-only */
/* The one door into Debian's libfdt.a: boot CPU, interrupts off, a stack-protector canary at %fs:0x28. */
#include <xen/boot_domains.h>
#include <xen/lib.h>
#include <asm/processor.h>

#define MSR_FS_BASE 0xc0000100

/*
 * Debian builds libfdt with -fstack-protector-strong (objdump shows %fs:0x28
 * reads) and with the red zone. The hypervisor uses neither %fs nor the red
 * zone, so for the duration of the call %fs points at this block, and
 * interrupts are off so nothing writes below %rsp (NMI, #MC and #DF switch
 * to IST stacks). See docs/design/boot-domains-devicetree.md.
 */
static struct {
    uint8_t below[0x28];
    uint64_t canary;
} fdt_tls __aligned(64);

void __noreturn __stack_chk_fail(void);
void __noreturn __stack_chk_fail(void)
{
    panic("libfdt: stack protector tripped while parsing the boot device tree");
}

int boot_fdt_parse_safely(const void *blob, size_t len, unsigned int nr_modules,
                          struct boot_domain_cfg *out, unsigned int max, char *err, size_t errlen)
{
    unsigned long flags = local_irq_save();
    uint64_t saved_fs = rdmsr(MSR_FS_BASE);

    fdt_tls.canary = rdtsc() * 0x9e3779b97f4a7c15ull;
    wrmsr(MSR_FS_BASE, (uint64_t)&fdt_tls);
    int rc = boot_fdt_parse(blob, len, nr_modules, out, max, err, errlen);
    wrmsr(MSR_FS_BASE, saved_fs);
    local_irq_restore(flags);
    return rc;
}
