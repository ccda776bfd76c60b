/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/arch/x86/pv/descriptor-check.c */
/* check_descriptor: DPL raised to 3, call gates only into guest code with DPL 0, system descriptors refused. */
#include <test.h>
#include <asm/pv-mm.h>

static unsigned int dpl(uint64_t d) { return (d >> 45) & 3; }

static uint64_t gate(uint16_t sel, unsigned int gdpl)
{
    uint64_t target = 0xffffffff80101234ULL;
    return (target & 0xffff) | ((uint64_t)sel << 16) | ((0x8cULL | (gdpl << 5)) << 40) |
           (((target >> 16) & 0xffff) << 48);
}

int main(void)
{
    uint64_t d;

    /* Code and data of any DPL become DPL 3; nothing else changes. */
    d = 0x00af9a000000ffffULL;
    CHECK(check_descriptor(NULL, &d));
    CHECK_EQ(d, 0x00affa000000ffffULL);
    d = 0x00cf92000000ffffULL;
    CHECK(check_descriptor(NULL, &d));
    CHECK_EQ(dpl(d), 3);
    d = 0x00cff2000000ffffULL;
    CHECK(check_descriptor(NULL, &d));
    CHECK_EQ(d, 0x00cff2000000ffffULL);

    /* Not present, null, or the type-0 upper half of a gate: harmless. */
    d = 0x0000120000000000ULL;
    CHECK(check_descriptor(NULL, &d));
    d = 0;
    CHECK(check_descriptor(NULL, &d));
    CHECK_EQ(d, 0);
    d = 0x0000800000000000ULL; /* present, system, type 0 */
    CHECK(check_descriptor(NULL, &d));

    /* System descriptors: TSS (9/11), LDT (2), interrupt (14) and trap (15) gates. */
    static const unsigned int bad_types[] = {1, 2, 3, 9, 11, 14, 15};
    for (unsigned int i = 0; i < ARRAY_SIZE(bad_types); i++) {
        d = 0x0000800000000067ULL | ((uint64_t)bad_types[i] << 40) | (3ULL << 45);
        CHECK(!check_descriptor(NULL, &d));
    }

    /* Call gates: never into the hypervisor's selectors or a null one. */
    d = gate(0xe008, 3);
    CHECK(!check_descriptor(NULL, &d));
    d = gate(0xe010, 3);
    CHECK(!check_descriptor(NULL, &d));
    d = gate(0x0000, 3);
    CHECK(!check_descriptor(NULL, &d));
    d = gate(0xe033, 3) | (1ULL << 32); /* reserved bits set */
    CHECK(!check_descriptor(NULL, &d));

    /* Into guest code: stored with DPL 0 and the wanted DPL in the target's RPL. */
    d = gate(0xe033, 3);
    CHECK(check_descriptor(NULL, &d));
    CHECK_EQ(dpl(d), 0);
    CHECK_EQ((d >> 16) & 0xffff, 0xe033);
    d = gate(0x0010, 3); /* a guest GDT code selector */
    CHECK(check_descriptor(NULL, &d));
    CHECK_EQ((d >> 16) & 0xffff, 0x0013);
    d = gate(0x0014, 0); /* an LDT selector, DPL raised to 3 */
    CHECK(check_descriptor(NULL, &d));
    CHECK_EQ((d >> 16) & 0xffff, 0x0017);
    CHECK_EQ(dpl(d), 0);
    return test_done();
}
