/* SPDX-License-Identifier: GPL-2.0-only */
/* Self-test "wx": the image slot maps text read/execute, data no-execute and nothing else; text writes fault; SMEP. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/selftest.h>
#include <asm/boot-defs.h>
#include <asm/extable.h>
#include <asm/image.h>
#include <asm/layout.h>
#include <asm/page.h>
#include <asm/processor.h>

static const char ro_probe[] = "read-only";
static char rw_probe[64];
static char bss_probe[4096];

/* The leaf entry mapping @va in the current address space with the AND of RW/U and OR of NX on the way; 0 if unmapped. */
static pte_t effective(unsigned long va)
{
    pte_t *t = __va(read_cr3() & PTE_ADDR_MASK), e = 0, rw = _PAGE_RW, nx = 0;
    for (int shift = 39; shift >= 12; shift -= 9) {
        e = t[pt_index(va, shift)];
        if (!(e & _PAGE_PRESENT))
            return 0;
        rw &= e;
        nx |= e & _PAGE_NX;
        if (shift == 12 || (shift <= 30 && (e & _PAGE_PSE)))
            break;
        t = __va(e & PTE_ADDR_MASK);
    }
    return (e & ~(_PAGE_RW | _PAGE_NX)) | rw | nx;
}

/* Write 8 bytes at @addr without dying if it faults: 0 or -EFAULT. */
static int probe_write_u64(void *addr, uint64_t val)
{
    int rc = 0;
    __asm__ volatile("1: movq %2, (%1)\n"
                     "2:\n"
                     "    .pushsection .fixup, \"ax\"\n"
                     "3:  movl $-14, %0\n"
                     "    jmp 2b\n"
                     "    .popsection\n"
                     _ASM_EXTABLE(1b, 3b)
                     : "+r"(rc) : "r"(addr), "r"(val) : "memory");
    return rc;
}

static const char *check(const char *what, unsigned long va, bool present, bool rw, bool x)
{
    pte_t e = effective(va);
    bool nx_on = rdmsr(MSR_EFER) & EFER_NXE;
    if (!present)
        return e ? what : NULL;
    if (!e || !!(e & _PAGE_RW) != rw)
        return what;
    if (nx_on && !(e & _PAGE_NX) != x)
        return what;
    return NULL;
}

static void selftest_wx(void)
{
    unsigned long img = XEN_VIRT_START;
    const char *bad = NULL;

    if (!bad) bad = check("text (selftest_wx) not read/execute", (unsigned long)selftest_wx, true, false, true);
    if (!bad) bad = check("syscall stubs not read/execute", (unsigned long)__stubs_start, true, false, true);
    if (!bad) bad = check("rodata not read-only no-execute", (unsigned long)ro_probe, true, false, false);
    if (!bad) bad = check("data not read/write no-execute", (unsigned long)rw_probe, true, true, false);
    if (!bad) bad = check("bss not read/write no-execute", (unsigned long)bss_probe, true, true, false);
    if (!bad) bad = check("direct map executable", (unsigned long)__va(0x100000), true, true, false);
    if (!bad) bad = check("physical 0 mapped in the image slot", img, false, false, false);
    if (!bad) bad = check("memory past the image mapped in the image slot",
                          (unsigned long)_end + SUPERPAGE_2M, false, false, false);
    if (bad) {
        printk("SELFTEST wx FAIL: %s\n", bad);
        return;
    }
    uint64_t *text = (uint64_t *)(unsigned long)selftest_wx;
    uint64_t before = *text;
    int w_text = probe_write_u64(text, before), w_ro = probe_write_u64((void *)ro_probe, 0);
    if (w_text != -EFAULT || w_ro != -EFAULT) {
        printk("SELFTEST wx FAIL: writes to text / rodata returned %d / %d, not faults\n", w_text, w_ro);
        return;
    }
    bool has_smep = cpu_has_smep();
    if (has_smep && !(read_cr4() & X86_CR4_SMEP)) {
        printk("SELFTEST wx FAIL: the CPU has SMEP but CR4.SMEP is clear\n");
        return;
    }
    printk("SELFTEST wx PASS: text RX, rodata R, data RW NX, image slot holds only the image, "
           "text writes fault, SMEP %s\n", has_smep ? "on" : "not offered by this CPU");
}
SELFTEST("wx", selftest_wx, 20);
