/* SPDX-License-Identifier: GPL-2.0-only */
/* Decoder for the privileged instructions PV emulation handles: prefixes, REX, opcode, ModRM, imm8. */
#include <xen/types.h>
#include <asm/priv-insn.h>

/* The opcodes we emulate and what follows each: a ModRM byte ('m'), an imm8 ('i') or nothing. */
static const struct {
    uint16_t op;
    char kind;
} emulated[] = {
    {0x0f20, 'm'}, {0x0f21, 'm'}, {0x0f22, 'm'}, {0x0f23, 'm'}, /* mov CR/DR */
    {0xe4, 'i'},   {0xe5, 'i'},   {0xe6, 'i'},   {0xe7, 'i'},   /* in/out imm8 */
    {0xec, 0},     {0xed, 0},     {0xee, 0},     {0xef, 0},     /* in/out dx */
    {0x6c, 0},     {0x6d, 0},     {0x6e, 0},     {0x6f, 0},     /* ins, outs */
    {0x0f30, 0},   {0x0f32, 0},                                 /* wrmsr, rdmsr */
    {0x0f06, 0},   {0x0f08, 0},   {0x0f09, 0},                  /* clts, invd, wbinvd */
    {0xf4, 0},     {0xfa, 0},     {0xfb, 0},                    /* hlt, cli, sti */
    {0x0fa2, 0},                                                /* cpuid (CPUID faulting) */
};

static int operand_kind(unsigned int op)
{
    for (unsigned int i = 0; i < sizeof(emulated) / sizeof(emulated[0]); i++)
        if (emulated[i].op == op)
            return emulated[i].kind;
    return -1;
}

int priv_insn_decode(const uint8_t *buf, unsigned int n, struct priv_insn *in)
{
    unsigned int i = 0;

    *in = (struct priv_insn){.seg = SEG_NONE};
    if (n > MAX_INSN_LEN)
        n = MAX_INSN_LEN;
    for (;; i++) {
        if (i >= n)
            return -1;
        uint8_t b = buf[i];
        switch (b) {
        case 0x66: in->opsize16 = true; break;
        case 0x67: in->addr32 = true; break;
        case 0xf2:
        case 0xf3: in->rep = true; break;
        case 0xf0: in->lock = true; break;
        case 0x26: in->seg = SEG_ES; break;
        case 0x2e: in->seg = SEG_CS; break;
        case 0x36: in->seg = SEG_SS; break;
        case 0x3e: in->seg = SEG_DS; break;
        case 0x64: in->seg = SEG_FS; break;
        case 0x65: in->seg = SEG_GS; break;
        default:
            if ((b & 0xf0) == 0x40) {
                in->rex = b;
                if (i + 1 < n && (buf[i + 1] & 0xf0) == 0x40)
                    continue; /* only the last REX counts */
                /* A REX then a legacy prefix: not worth emulating, the opcode check refuses it. */
                i++;
                goto opcode;
            }
            goto opcode;
        }
    }
opcode:
    if (i >= n)
        return -1;
    in->op = buf[i++];
    if (in->op == 0x0f) {
        if (i >= n)
            return -1;
        in->op = 0x0f00 | buf[i++];
    }
    int kind = operand_kind(in->op);
    if (kind < 0)
        return -1;
    if (kind) {
        if (i >= n)
            return -1;
        if (kind == 'm')
            in->modrm = buf[i++];
        else
            in->imm8 = buf[i++];
    }
    in->len = i;
    return 0;
}
