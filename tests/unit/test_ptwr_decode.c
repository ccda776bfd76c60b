/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/arch/x86/pv/ptwr-decode.c */
/* Writable page tables: decoding the PTE writes Linux makes, and their results and flags. */
#include <test.h>
#include <asm/ptwr.h>

static bool dec(const uint8_t *b, unsigned int n, struct ptwr_insn *in) { return ptwr_decode(b, n, in); }

static void test_decode(void)
{
    struct ptwr_insn in;

    /* mov %rsi,(%rdi) */
    CHECK(dec((const uint8_t[]){ 0x48, 0x89, 0x37 }, 3, &in));
    CHECK_EQ(in.op, PTWR_MOV); CHECK_EQ(in.size, 8); CHECK_EQ(in.reg, 6); CHECK_EQ(in.len, 3);
    /* mov %r9,0x10(%rax,%rbx,8) : REX.WR, SIB, disp8 */
    CHECK(dec((const uint8_t[]){ 0x4c, 0x89, 0x4c, 0xd8, 0x10 }, 5, &in));
    CHECK_EQ(in.reg, 9); CHECK_EQ(in.len, 5);
    /* movq $0,(%rdi) */
    CHECK(dec((const uint8_t[]){ 0x48, 0xc7, 0x07, 0, 0, 0, 0 }, 7, &in));
    CHECK_EQ(in.op, PTWR_MOV); CHECK_EQ(in.reg, -1); CHECK_EQ(in.imm, 0); CHECK_EQ(in.len, 7);
    /* xchg %rax,0x1000(%rdx) */
    CHECK(dec((const uint8_t[]){ 0x48, 0x87, 0x82, 0, 0x10, 0, 0 }, 7, &in));
    CHECK_EQ(in.op, PTWR_XCHG); CHECK_EQ(in.reg, 0); CHECK_EQ(in.len, 7);
    /* lock cmpxchg %rcx,(%rdi) */
    CHECK(dec((const uint8_t[]){ 0xf0, 0x48, 0x0f, 0xb1, 0x0f }, 5, &in));
    CHECK_EQ(in.op, PTWR_CMPXCHG); CHECK_EQ(in.reg, 1); CHECK_EQ(in.len, 5);
    /* lock btr %rax,(%rdi) ; lock btrq $5,(%rdi) */
    CHECK(dec((const uint8_t[]){ 0xf0, 0x48, 0x0f, 0xb3, 0x07 }, 5, &in));
    CHECK_EQ(in.op, PTWR_BTR);
    CHECK(dec((const uint8_t[]){ 0xf0, 0x48, 0x0f, 0xba, 0x37, 5 }, 6, &in));
    CHECK_EQ(in.op, PTWR_BTR); CHECK_EQ(in.imm, 5); CHECK_EQ(in.len, 6);
    /* lock andq $-3,(%rdi) (83 /4 ib) ; lock orl %eax,4(%rdi) (32-bit) */
    CHECK(dec((const uint8_t[]){ 0xf0, 0x48, 0x83, 0x27, 0xfd }, 5, &in));
    CHECK_EQ(in.op, PTWR_AND); CHECK_EQ(in.imm, (uint64_t)-3);
    CHECK(dec((const uint8_t[]){ 0xf0, 0x09, 0x47, 0x04 }, 4, &in));
    CHECK_EQ(in.op, PTWR_OR); CHECK_EQ(in.size, 4);
    /* movw with 0x66 */
    CHECK(dec((const uint8_t[]){ 0x66, 0x89, 0x07 }, 3, &in));
    CHECK_EQ(in.size, 2);

    /* Byte forms. Linux 6.1's ptep_set_wrprotect in copy_page_range: ds lock andb $0xfd,(%r12) */
    CHECK(dec((const uint8_t[]){ 0x3e, 0xf0, 0x41, 0x80, 0x24, 0x24, 0xfd }, 7, &in));
    CHECK_EQ(in.op, PTWR_AND); CHECK_EQ(in.size, 1); CHECK_EQ(in.imm, (uint64_t)-3); CHECK_EQ(in.len, 7);
    CHECK(dec((const uint8_t[]){ 0x3e, 0x41, 0x80, 0x24, 0x24, 0xfd }, 6, &in));
    CHECK_EQ(in.len, 6);
    /* mov %ah,(%rdi): no REX, reg 4 is AH; mov %spl,(%rdi): with REX it is SPL */
    CHECK(dec((const uint8_t[]){ 0x88, 0x27 }, 2, &in));
    CHECK_EQ(in.op, PTWR_MOV); CHECK_EQ(in.size, 1); CHECK_EQ(in.reg, 0); CHECK(in.high_byte);
    CHECK(dec((const uint8_t[]){ 0x40, 0x88, 0x27 }, 3, &in));
    CHECK_EQ(in.reg, 4); CHECK(!in.high_byte);
    /* movb $0x63,(%rdi) ; lock cmpxchg %cl,(%rdi) */
    CHECK(dec((const uint8_t[]){ 0xc6, 0x07, 0x63 }, 3, &in));
    CHECK_EQ(in.op, PTWR_MOV); CHECK_EQ(in.imm, 0x63); CHECK_EQ(in.len, 3);
    CHECK(dec((const uint8_t[]){ 0xf0, 0x0f, 0xb0, 0x0f }, 4, &in));
    CHECK_EQ(in.op, PTWR_CMPXCHG); CHECK_EQ(in.size, 1); CHECK_EQ(in.reg, 1);

    /* Refused: register operands, bt (a read), truncated bytes, unknown opcodes. */
    CHECK(!dec((const uint8_t[]){ 0x48, 0x89, 0xc7 }, 3, &in));
    CHECK(!dec((const uint8_t[]){ 0x88, 0xc7 }, 2, &in));
    CHECK(!dec((const uint8_t[]){ 0x48, 0x0f, 0xba, 0x27, 5 }, 5, &in));
    CHECK(!dec((const uint8_t[]){ 0x48, 0xc7, 0x07, 0, 0 }, 5, &in));
    CHECK(!dec((const uint8_t[]){ 0x48, 0xc7, 0x0f, 0, 0, 0, 0 }, 7, &in));   /* c7 /1 */
    CHECK(!dec((const uint8_t[]){ 0x48 }, 1, &in));
    CHECK(!dec((const uint8_t[]){ 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0,
                                  0xf0, 0xf0, 0x48, 0x89 }, 15, &in));
}

static void test_apply(void)
{
    struct ptwr_insn in = { .size = 8 };
    struct ptwr_result r;

    in.op = PTWR_XCHG;
    ptwr_apply(&in, 0x1067, 0x2063, 0, &r);
    CHECK(r.write && r.set_reg); CHECK_EQ(r.mem, 0x2063); CHECK_EQ(r.reg_val, 0x1067);

    in.op = PTWR_CMPXCHG;
    ptwr_apply(&in, 0x1067, 0x2063, 0x1067, &r);
    CHECK(r.write && !r.set_rax); CHECK_EQ(r.mem, 0x2063); CHECK_EQ(r.flags & 0x40, 0x40);
    ptwr_apply(&in, 0x1067, 0x2063, 0x9999, &r);
    CHECK(!r.write && r.set_rax); CHECK_EQ(r.reg_val, 0x1067); CHECK_EQ(r.flags & 0x40, 0);

    in.op = PTWR_BTR;                   /* test_and_clear_young: CF = old accessed bit */
    ptwr_apply(&in, 0x1067, 5, 0, &r);
    CHECK_EQ(r.mem, 0x1047); CHECK_EQ(r.flags, 1); CHECK_EQ(r.flags_mask, 1);
    ptwr_apply(&in, 0x1047, 5, 0, &r);
    CHECK_EQ(r.flags, 0);
    in.op = PTWR_BTS;
    ptwr_apply(&in, 0x1000, 64 + 1, 0, &r);     /* register offsets wrap within the operand */
    CHECK_EQ(r.mem, 0x1002);

    in.op = PTWR_AND;                   /* ptep_set_wrprotect */
    ptwr_apply(&in, 0x1067, ~2UL, 0, &r);
    CHECK_EQ(r.mem, 0x1065); CHECK_EQ(r.flags & 0x40, 0);
    ptwr_apply(&in, 0x1067, 0, 0, &r);
    CHECK_EQ(r.mem, 0); CHECK_EQ(r.flags & 0x40, 0x40);

    in.size = 4;                        /* 32-bit halves of a PTE */
    in.op = PTWR_MOV;
    ptwr_apply(&in, 0xffffffff, 0x123456789UL, 0, &r);
    CHECK_EQ(r.mem, 0x23456789);
    CHECK_EQ(ptwr_merge_reg(0xffffffffffffffffUL, 0x5, 4), 5);
    CHECK_EQ(ptwr_merge_reg(0xffffffffffffffffUL, 0x5, 2), 0xffffffffffff0005UL);

    in.size = 1;                        /* byte ops: andb $0xfd clears RW in the low byte only */
    in.op = PTWR_AND;
    ptwr_apply(&in, 0x67, (uint64_t)-3, 0, &r);
    CHECK_EQ(r.mem, 0x65); CHECK_EQ(r.flags & 0x80, 0);
    ptwr_apply(&in, 0x80, 0xff, 0, &r);
    CHECK_EQ(r.mem, 0x80); CHECK_EQ(r.flags & 0x80, 0x80);    /* SF from bit 7 */
    CHECK_EQ(ptwr_merge_reg(0xffffffffffffffffUL, 0x5, 1), 0xffffffffffffff05UL);
}

int main(void)
{
    test_decode();
    test_apply();
    return test_done();
}
