/* SPDX-License-Identifier: GPL-2.0-only */
/* Which GDT/LDT descriptors a 64-bit PV guest may have, and how they are made safe. */
#include <xen/types.h>
#include <asm/layout.h>
#include <asm/pv-mm.h>
#include <public/xen.h>

#define DESC_TYPE(d) (((d) >> 40) & 0xf)
#define DESC_S (1ULL << 44) /* code/data (1) or system (0) */
#define DESC_DPL_SHIFT 45
#define DESC_DPL (3ULL << DESC_DPL_SHIFT)
#define DESC_P (1ULL << 47)
#define TYPE_CALL_GATE 0xc
#define GATE_RESERVED (0xffULL << 32) /* bits 32-39 of a 64-bit call gate's low half */

/* A call gate may lead only into guest code: the flat kernel CS, an LDT selector, or the
 * guest's own GDT part, never a null selector or the hypervisor's reserved entries. */
static bool gate_target_ok(uint16_t sel)
{
    if ((sel & ~3) == (FLAT_KERNEL_CS & ~3) || (sel & 4))
        return true;
    return (sel >> 3) != 0 && (sel >> 3) < FIRST_RESERVED_GDT_ENTRY;
}

bool check_descriptor(const struct domain *d, uint64_t *desc)
{
    uint64_t v = *desc;
    (void)d;

    if (!(v & DESC_P))
        return true; /* a not-present descriptor always faults */
    /* The guest kernel runs in ring 3: nothing of its own may claim a more privileged ring. */
    v |= DESC_DPL;
    if (v & DESC_S) {
        *desc = v; /* code and data: no base/limit checks needed in long mode */
        return true;
    }
    if (DESC_TYPE(v) == 0) { /* type 0: the upper half of a 16-byte gate, harmless */
        *desc = v;
        return true;
    }
    if (DESC_TYPE(v) != TYPE_CALL_GATE)
        return false; /* TSS, LDT, interrupt/trap gates belong to the hypervisor */
    uint16_t cs = (v >> 16) & 0xffff;
    if (!gate_target_ok(cs) || (v & GATE_RESERVED))
        return false;
    /* DPL 0 makes every use fault, so the gate can be emulated; its (raised) DPL goes in the RPL. */
    cs |= 3;
    v = (v & ~(DESC_DPL | (0xffffULL << 16))) | ((uint64_t)cs << 16);
    *desc = v;
    return true;
}
