/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/arch/x86/pv/emul-decode.c */
/* The privileged-instruction decoder: prefixes, REX, lengths, operands; anything else and truncations refused. */
#include <test.h>
#include <asm/priv-insn.h>

static struct priv_insn in;

static int dec(const uint8_t *b, unsigned int n) { return priv_insn_decode(b, n, &in); }
#define DEC(...)                                   \
    ({                                             \
        static const uint8_t b_[] = {__VA_ARGS__}; \
        dec(b_, sizeof(b_));                       \
    })

int main(void)
{
    /* wrmsr / rdmsr, the first instructions Linux runs. */
    CHECK_EQ(DEC(0x0f, 0x30), 0);
    CHECK_EQ(in.op, 0x0f30);
    CHECK_EQ(in.len, 2);
    CHECK_EQ(DEC(0x0f, 0x32, 0x90), 0);
    CHECK_EQ(in.len, 2);

    /* mov %cr4, %rax and mov %r9, %cr0 (REX.B) and mov %cr8 (REX.R). */
    CHECK_EQ(DEC(0x0f, 0x20, 0xe0), 0);
    CHECK_EQ(insn_reg(&in), 4);
    CHECK_EQ(insn_rm(&in), 0);
    CHECK_EQ(in.len, 3);
    CHECK_EQ(DEC(0x41, 0x0f, 0x22, 0xc1), 0);
    CHECK_EQ(in.op, 0x0f22);
    CHECK_EQ(insn_reg(&in), 0);
    CHECK_EQ(insn_rm(&in), 9);
    CHECK_EQ(in.len, 4);
    CHECK_EQ(DEC(0x44, 0x0f, 0x20, 0xc0), 0);
    CHECK_EQ(insn_reg(&in), 8);

    /* Port I/O: sizes from opcode and 0x66; imm8 ports; rep and segment prefixes on outs. */
    CHECK_EQ(DEC(0xe4, 0x80), 0);
    CHECK_EQ(in.imm8, 0x80);
    CHECK_EQ(insn_io_bytes(&in), 1);
    CHECK_EQ(in.len, 2);
    CHECK_EQ(DEC(0x66, 0xed), 0);
    CHECK_EQ(insn_io_bytes(&in), 2);
    CHECK_EQ(DEC(0xef), 0);
    CHECK_EQ(insn_io_bytes(&in), 4);
    CHECK_EQ(DEC(0xf3, 0x64, 0x6f), 0);
    CHECK(in.rep);
    CHECK_EQ(in.seg, SEG_FS);
    CHECK_EQ(in.len, 3);
    CHECK_EQ(DEC(0x67, 0xf3, 0x6c), 0);
    CHECK(in.addr32);

    /* The last of several REX prefixes counts. */
    CHECK_EQ(DEC(0x48, 0x41, 0x0f, 0x20, 0xc0), 0);
    CHECK_EQ(in.rex, 0x41);
    CHECK_EQ(in.len, 5);

    /* cpuid: it traps only with CPUID faulting. */
    CHECK_EQ(DEC(0x0f, 0xa2), 0);
    CHECK_EQ(in.len, 2);

    /* cli and sti (skipped when the virtual IOPL allows them). */
    CHECK_EQ(DEC(0xfa), 0);
    CHECK_EQ(in.len, 1);
    CHECK_EQ(DEC(0xfb), 0);

    /* Lock is reported (the emulator refuses it). */
    CHECK_EQ(DEC(0xf0, 0x0f, 0x30), 0);
    CHECK(in.lock);

    /* Not ours: int3, lgdt, mov to DS, plain nops; REX then a legacy prefix. */
    CHECK_EQ(DEC(0xcc), -1);
    CHECK_EQ(DEC(0x0f, 0x01, 0x10), -1);
    CHECK_EQ(DEC(0x8e, 0xd8), -1);
    CHECK_EQ(DEC(0x90), -1);
    CHECK_EQ(DEC(0x48, 0x66, 0xed), -1);

    /* Truncated: missing opcode byte, ModRM or imm8; prefixes only. */
    CHECK_EQ(DEC(0x0f), -1);
    CHECK_EQ(DEC(0x0f, 0x20), -1);
    CHECK_EQ(DEC(0xe6), -1);
    CHECK_EQ(DEC(0x66, 0x66), -1);
    CHECK_EQ(dec((const uint8_t *)"", 0), -1);

    /* Fifteen prefixes and then an opcode: longer than any instruction, refused. */
    uint8_t longest[17];
    for (unsigned int i = 0; i < 16; i++)
        longest[i] = 0x66;
    longest[16] = 0xec;
    CHECK_EQ(dec(longest, sizeof(longest)), -1);
    CHECK_EQ(dec(longest + 2, 15), 0); /* 14 prefixes + opcode: exactly 15 bytes */
    CHECK_EQ(in.len, 15);
    return test_done();
}
