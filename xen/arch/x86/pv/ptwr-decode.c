/* SPDX-License-Identifier: GPL-2.0-only */
/* Decoder and ALU for the writes Linux makes to its read-only page tables (host unit-tested). */
#include <asm/ptwr.h>

#define EFL_CF 0x001
#define EFL_PF 0x004
#define EFL_AF 0x010
#define EFL_ZF 0x040
#define EFL_SF 0x080
#define EFL_OF 0x800
#define EFL_ARITH (EFL_CF | EFL_PF | EFL_AF | EFL_ZF | EFL_SF | EFL_OF)

/* ModRM (+SIB, displacement) of a memory operand: its length, or 0 for a register operand. */
static unsigned int modrm_len(const uint8_t *b, unsigned int n)
{
    if (n < 1)
        return 0;
    unsigned int mod = b[0] >> 6, rm = b[0] & 7, len = 1;
    if (mod == 3)
        return 0;
    if (rm == 4) {
        if (n < 2)
            return 0;
        len++;
        if (mod == 0 && (b[1] & 7) == 5)
            len += 4;
    } else if (mod == 0 && rm == 5) {
        len += 4;                       /* rip-relative */
    }
    len += mod == 1 ? 1 : mod == 2 ? 4 : 0;
    return len <= n ? len : 0;
}

static int64_t read_imm(const uint8_t *b, unsigned int bytes)
{
    if (bytes == 1)
        return (int8_t)b[0];
    if (bytes == 2)
        return (int16_t)(b[0] | b[1] << 8);
    return (int32_t)((uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24);
}

bool ptwr_decode(const uint8_t *b, unsigned int n, struct ptwr_insn *in)
{
    unsigned int i = 0, rex = 0;
    bool opsize16 = false;

    for (; i < n; i++) {                /* legacy prefixes: lock, operand size, segments */
        uint8_t p = b[i];
        if (p == 0x66)
            opsize16 = true;
        else if (p != 0xf0 && p != 0x2e && p != 0x36 && p != 0x3e && p != 0x26 && p != 0x64 && p != 0x65)
            break;
    }
    if (i < n && (b[i] & 0xf0) == 0x40)
        rex = b[i++];
    if (i >= n)
        return false;

    in->size = (rex & 8) ? 8 : opsize16 ? 2 : 4;
    in->reg = -1;
    in->imm = 0;
    in->high_byte = false;
    unsigned int opc = b[i++], imm_bytes = 0, ext = ~0u;
    if (opc == 0x0f) {
        if (i >= n)
            return false;
        opc = 0x100 | b[i++];
    }
    if (i >= n)
        return false;
    unsigned int regf = ((b[i] >> 3) & 7) | ((rex & 4) << 1);
    unsigned int ml = modrm_len(b + i, n - i);
    if (!ml)
        return false;

    /* Byte forms (Linux clears _PAGE_RW with "lock andb $0xfd"): same ops, operand size 1. */
    switch (opc) {
    case 0x88: case 0x86: case 0x08: case 0x20: case 0x30: case 0x1b0: case 0x80: case 0xc6:
        in->size = 1;
        opc = opc == 0x88 ? 0x89 : opc == 0x86 ? 0x87 : opc == 0x08 ? 0x09 : opc == 0x20 ? 0x21 :
              opc == 0x30 ? 0x31 : opc == 0x1b0 ? 0x1b1 : opc == 0x80 ? 0x81 : 0xc7;
        break;
    }

    switch (opc) {
    case 0x89:  in->op = PTWR_MOV; break;
    case 0x87:  in->op = PTWR_XCHG; break;
    case 0x09:  in->op = PTWR_OR; break;
    case 0x21:  in->op = PTWR_AND; break;
    case 0x31:  in->op = PTWR_XOR; break;
    case 0x1b1: in->op = PTWR_CMPXCHG; break;
    case 0x1ab: in->op = PTWR_BTS; break;
    case 0x1b3: in->op = PTWR_BTR; break;
    case 0x1bb: in->op = PTWR_BTC; break;
    case 0xc7:
    case 0x81:
    case 0x83:
        ext = regf & 7;
        imm_bytes = (opc == 0x83 || in->size == 1) ? 1 : in->size == 2 ? 2 : 4;
        if (opc == 0xc7 && ext == 0)
            in->op = PTWR_MOV;
        else if (opc != 0xc7 && (ext == 1 || ext == 4 || ext == 6))
            in->op = ext == 1 ? PTWR_OR : ext == 4 ? PTWR_AND : PTWR_XOR;
        else
            return false;
        break;
    case 0x1ba:
        ext = regf & 7;
        imm_bytes = 1;
        if (ext < 5)
            return false;               /* /4 is bt: a read, never faults on a read-only page */
        in->op = ext == 5 ? PTWR_BTS : ext == 6 ? PTWR_BTR : PTWR_BTC;
        break;
    default:
        return false;
    }
    i += ml;
    if (i + imm_bytes > n)
        return false;
    if (imm_bytes) {
        in->imm = (uint64_t)read_imm(b + i, imm_bytes);
    } else {
        in->reg = regf;
        if (in->size == 1 && !rex && regf >= 4 && regf < 8) {
            in->reg = regf - 4;
            in->high_byte = true;
        }
    }
    in->len = i + imm_bytes;
    return in->len <= 15;
}

static unsigned long logic_flags(uint64_t v, unsigned int size)
{
    unsigned long f = 0;
    if (!v)
        f |= EFL_ZF;
    if ((v >> (size * 8 - 1)) & 1)
        f |= EFL_SF;
    if (!(__builtin_popcount((unsigned int)(v & 0xff)) & 1))
        f |= EFL_PF;
    return f;
}

void ptwr_apply(const struct ptwr_insn *in, uint64_t mem, uint64_t src, uint64_t rax,
                struct ptwr_result *r)
{
    uint64_t mask = in->size == 8 ? ~0UL : (1UL << (in->size * 8)) - 1;
    unsigned int bit = src & (in->size * 8 - 1);

    mem &= mask;
    src &= mask;
    *r = (struct ptwr_result){ .write = true, .mem = mem };
    switch (in->op) {
    case PTWR_MOV:
        r->mem = src;
        break;
    case PTWR_XCHG:
        r->mem = src;
        r->set_reg = true;
        r->reg_val = mem;
        break;
    case PTWR_CMPXCHG: {
        uint64_t a = rax & mask, res = (a - mem) & mask;
        r->flags_mask = EFL_ARITH;
        r->flags = logic_flags(res, in->size) | (a < mem ? EFL_CF : 0) |
                   ((((a ^ mem) & (a ^ res)) >> (in->size * 8 - 1)) & 1 ? EFL_OF : 0) |
                   ((a ^ mem ^ res) & 0x10 ? EFL_AF : 0);
        if (a == mem) {
            r->mem = src;
        } else {
            r->write = false;
            r->set_rax = true;
            r->reg_val = mem;
        }
        return;
    }
    case PTWR_OR:
    case PTWR_AND:
    case PTWR_XOR:
        r->mem = in->op == PTWR_OR ? mem | src : in->op == PTWR_AND ? mem & src : mem ^ src;
        r->flags_mask = EFL_ARITH;
        r->flags = logic_flags(r->mem, in->size);
        break;
    case PTWR_BTS:
    case PTWR_BTR:
    case PTWR_BTC:
        r->flags_mask = EFL_CF;
        r->flags = (mem >> bit) & 1 ? EFL_CF : 0;
        r->mem = in->op == PTWR_BTS ? mem | (1UL << bit) : in->op == PTWR_BTR ? mem & ~(1UL << bit)
                                                                             : mem ^ (1UL << bit);
        break;
    }
}
