/* SPDX-License-Identifier: GPL-2.0-only */
/* Decoder for the privileged instructions PV emulation handles: prefixes, REX, opcode, ModRM, imm8. */
#include <xen/types.h>
#include <asm/priv-insn.h>

/* What follows each opcode we emulate: a ModRM byte, an imm8, or nothing. */
static int operand_kind(unsigned int op)
{
    switch (op) {
    case 0x0f20: case 0x0f21: case 0x0f22: case 0x0f23:      /* mov CR/DR */
        return 'm';
    case 0xe4: case 0xe5: case 0xe6: case 0xe7:              /* in/out imm8 */
        return 'i';
    case 0x0f30: case 0x0f32:                                /* wrmsr, rdmsr */
    case 0x0f06: case 0x0f08: case 0x0f09:                   /* clts, invd, wbinvd */
    case 0xf4:                                               /* hlt */
    case 0xfa: case 0xfb:                                    /* cli, sti */
    case 0xec: case 0xed: case 0xee: case 0xef:              /* in/out dx */
    case 0x6c: case 0x6d: case 0x6e: case 0x6f:              /* ins, outs */
        return 0;
    }
    return -1;
}

int priv_insn_decode(const uint8_t *buf, unsigned int n, struct priv_insn *in)
{
    unsigned int i = 0;

    *in = (struct priv_insn){ .seg = SEG_NONE };
    if (n > MAX_INSN_LEN)
        n = MAX_INSN_LEN;
    for (;; i++) {
        if (i >= n)
            return -1;
        uint8_t b = buf[i];
        switch (b) {
        case 0x66: in->opsize16 = true; break;
        case 0x67: in->addr32 = true; break;
        case 0xf2: case 0xf3: in->rep = true; break;
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
                    continue;           /* only the last REX counts */
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
