/* SPDX-License-Identifier: GPL-2.0-only */
/* Decoding the privileged instructions a PV guest may have emulated (pv/emul-decode.c). */
#ifndef ASM_PRIV_INSN_H
#define ASM_PRIV_INSN_H

#include <xen/types.h>

#define MAX_INSN_LEN 15

enum { SEG_NONE = -1, SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS };

struct priv_insn {
    unsigned int len; /* bytes, prefixes included */
    unsigned int op;  /* one-byte opcode, or 0x0fXX */
    bool opsize16, addr32, rep, lock;
    int seg;     /* SEG_* override */
    uint8_t rex; /* 0 when absent */
    uint8_t modrm, imm8;
};

/* Decode @buf (@n bytes fetched): 0, or -1 if it is not one we emulate or is truncated. */
int priv_insn_decode(const uint8_t *buf, unsigned int n, struct priv_insn *in);

/* ModRM register operands with their REX extensions (mov to/from CR/DR). */
static inline unsigned int insn_reg(const struct priv_insn *in)
{
    return ((in->modrm >> 3) & 7) | ((in->rex & 4) << 1);
}
static inline unsigned int insn_rm(const struct priv_insn *in)
{
    return (in->modrm & 7) | ((in->rex & 1) << 3);
}

/* Operand size of in/out/ins/outs: 1, 2 or 4 bytes. */
static inline unsigned int insn_io_bytes(const struct priv_insn *in)
{
    return !(in->op & 1) ? 1 : in->opsize16 ? 2 : 4;
}

#endif
