/* SPDX-License-Identifier: GPL-2.0-only */
/* #GP from a PV guest: emulate MSR, control/debug-register, cache, hlt and port-I/O instructions. */
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/cpuid.h>
#include <asm/guest_access.h>
#include <asm/priv-insn.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/pv-priv.h>
#include <public/sched.h>

#define IO_CHUNK 1024 /* string I/O iterations per trap: the rest re-traps */

static uint64_t *gpr(struct cpu_user_regs *r, unsigned int n)
{
    uint64_t *map[16] = {&r->rax, &r->rcx, &r->rdx, &r->rbx, &r->rsp, &r->rbp, &r->rsi, &r->rdi,
                         &r->r8,  &r->r9,  &r->r10, &r->r11, &r->r12, &r->r13, &r->r14, &r->r15};
    return map[n & 15];
}

/* The guest's CR4: the host's visible bits, plus DE and TSD which are its own (recorded only). */
unsigned long pv_guest_cr4(unsigned long wanted)
{
    unsigned long host =
        read_cr4() & (X86_CR4_PAE | X86_CR4_MCE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
    return host | (wanted & (X86_CR4_DE | X86_CR4_TSD));
}

static bool read_cr(struct vcpu *v, unsigned int n, uint64_t *val)
{
    switch (n) {
    case 0: *val = (read_cr0() & ~X86_CR0_TS) | (v->arch.ctrlreg0_ts ? X86_CR0_TS : 0); return true;
    case 2: *val = v->vcpu_info ? v->vcpu_info->arch.cr2 : 0; return true;
    case 3:
        *val = (v->arch.kernel_mode ? v->arch.guest_table : v->arch.guest_table_user) << PAGE_SHIFT;
        return true;
    case 4: *val = v->arch.priv.cr4; return true;
    }
    return false;
}

static bool write_cr(struct vcpu *v, unsigned int n, uint64_t val)
{
    uint64_t cur;
    switch (n) {
    case 0: /* only TS may change: that is fpu_taskswitch */
        read_cr(v, 0, &cur);
        if ((cur ^ val) & ~X86_CR0_TS)
            return false;
        do_fpu_taskswitch(!!(val & X86_CR0_TS));
        return true;
    case 2:
        if (v->vcpu_info)
            v->vcpu_info->arch.cr2 = val;
        return true;
    case 4: /* bits the guest may not own are dropped, as Xen does */
        v->arch.priv.cr4 = pv_guest_cr4(val);
        return true;
    }
    return false; /* CR3 goes through mmuext_op, CR8 does not exist for PV */
}

/* Guest kernel counts as ring 1 for IOPL; guest user as ring 3. */
static bool iopl_ok(const struct vcpu *v)
{
    return (v->arch.iopl & 3) >= (v->arch.kernel_mode ? 1u : 3u);
}

static bool io_allowed(struct vcpu *v, unsigned int port, unsigned int bytes)
{
    if (iopl_ok(v))
        return true;
    const struct pv_priv_vcpu *p = &v->arch.priv;
    if (port + bytes > p->iobmp_nr)
        return false;
    uint8_t b[2] = {0xff, 0xff};
    /* The bitmap lives in the guest kernel's address space: read it through the kernel L4. */
    if (!v->arch.kernel_mode)
        write_cr3(v->arch.guest_table << PAGE_SHIFT);
    unsigned long left = copy_from_guest(b, p->iobmp + (port >> 3), 2);
    if (left == 2)
        b[0] = 0xff;
    if (left)
        b[1] = 0xff; /* unreadable bitmap bytes deny access */
    if (!v->arch.kernel_mode)
        pv_load_page_table(v);
    unsigned int mask = b[0] | (b[1] << 8);
    return !(mask & (((1u << bytes) - 1) << (port & 7)));
}

static unsigned long seg_base(int seg)
{
    return seg == SEG_FS ? rdmsr(0xc0000100) : seg == SEG_GS ? rdmsr(0xc0000101) : 0;
}

/* ins/outs, with rep: at most IO_CHUNK iterations now; if more remain, rip stays and it traps again. */
static bool string_io(struct vcpu *v, struct cpu_user_regs *r, const struct priv_insn *in,
                      unsigned int port, unsigned int bytes, bool *done)
{
    bool out = in->op & 2;
    uint64_t mask = in->addr32 ? 0xffffffffUL : ~0UL;
    uint64_t count = in->rep ? (r->rcx & mask) : 1;
    long step = (r->rflags & X86_EFLAGS_DF) ? -(long)bytes : (long)bytes;
    unsigned int n = 0;

    for (; count && n < IO_CHUNK; count--, n++) {
        uint32_t val = 0;
        if (out) {
            unsigned long a = seg_base(in->seg == SEG_NONE ? SEG_DS : in->seg) + (r->rsi & mask);
            if (copy_from_guest(&val, a, bytes))
                return false;
            guest_io_write(v->domain, port, bytes, val);
            r->rsi = (r->rsi & ~mask) | ((r->rsi + step) & mask);
        } else {
            val = guest_io_read(v->domain, port, bytes);
            if (copy_to_guest(r->rdi & mask, &val, bytes))
                return false;
            r->rdi = (r->rdi & ~mask) | ((r->rdi + step) & mask);
        }
        if (in->rep)
            r->rcx = (r->rcx & ~mask) | ((r->rcx - 1) & mask);
    }
    *done = !count;
    return true;
}

static bool emulate_io(struct vcpu *v, struct cpu_user_regs *r, const struct priv_insn *in,
                       bool *done)
{
    unsigned int bytes = insn_io_bytes(in);
    unsigned int port = (in->op >= 0xe4 && in->op <= 0xe7) ? in->imm8 : (r->rdx & 0xffff);

    if (!io_allowed(v, port, bytes))
        return false;
    if (in->op <= 0x6f)
        return string_io(v, r, in, port, bytes, done);
    if (!(in->op & 2)) { /* in: 32-bit results zero-extend, narrower ones merge */
        uint32_t val = guest_io_read(v->domain, port, bytes);
        if (bytes == 4)
            r->rax = val;
        else
            r->rax = (r->rax & ~((1UL << (bytes * 8)) - 1)) | val;
    } else {
        guest_io_write(v->domain, port, bytes, (uint32_t)r->rax);
    }
    return true;
}

static bool emulate_msr(struct vcpu *v, struct cpu_user_regs *r, bool write)
{
    uint32_t msr = r->rcx;
    if (write)
        return !guest_wrmsr(v, msr, (r->rdx << 32) | (uint32_t)r->rax);
    uint64_t val;
    if (guest_rdmsr(v, msr, &val))
        return false;
    r->rax = (uint32_t)val;
    r->rdx = val >> 32;
    return true;
}

/* Only 64-bit code is decoded (compat-mode user code would need a different decoder). */
static bool cs_is_64bit(uint16_t sel)
{
    uint32_t ar = 0;
    bool ok;
    __asm__ volatile("lar %k2, %1; setz %0" : "=q"(ok), "=r"(ar) : "r"((uint32_t)sel) : "cc");
    return ok && (ar & (1u << 21));
}

bool pv_emulate_privileged_op(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;
    uint8_t buf[MAX_INSN_LEN];
    unsigned int n = 0;
    struct priv_insn in;

    if (!cs_is_64bit(regs->cs))
        return false;
    while (n < MAX_INSN_LEN && !copy_from_guest(&buf[n], regs->rip + n, 1))
        n++;
    if (priv_insn_decode(buf, n, &in) || in.lock)
        return false;

    bool is_io = (in.op >= 0xe4 && in.op <= 0xef) || (in.op >= 0x6c && in.op <= 0x6f);
    if (in.op == 0x0fa2) {
        /* Only with CPUID faulting on: guest kernel and user get the PV policy, as on Xen. */
        struct cpuid_regs c = guest_cpuid(v->vcpu_id, regs->rax, regs->rcx);
        regs->rax = c.a;
        regs->rbx = c.b;
        regs->rcx = c.c;
        regs->rdx = c.d;
        regs->rip += in.len;
        return true;
    }
    if (in.op == 0xfa || in.op == 0xfb) {
        /* cli/sti with enough IOPL: skipped, as Xen does. Mirroring them into the upcall mask
         * would be undone by no popf (which cannot trap), so events stay as the guest set them. */
        if (!iopl_ok(v))
            return false;
        regs->rip += in.len;
        return true;
    }
    bool done = true, ok;
    uint64_t val;

    if (!is_io && !v->arch.kernel_mode)
        return false; /* guest user mode: the #GP is genuine */
    switch (in.op) {
    case 0x0f30:
    case 0x0f32: ok = emulate_msr(v, regs, in.op == 0x0f30); break;
    case 0x0f20:
        ok = read_cr(v, insn_reg(&in), &val);
        if (ok)
            *gpr(regs, insn_rm(&in)) = val;
        break;
    case 0x0f22: ok = write_cr(v, insn_reg(&in), *gpr(regs, insn_rm(&in))); break;
    case 0x0f21: {
        long dr = get_debugreg(v, insn_reg(&in));
        ok = dr >= 0 || dr < -4095;
        if (ok)
            *gpr(regs, insn_rm(&in)) = (unsigned long)dr;
        break;
    }
    case 0x0f23: ok = !set_debugreg(v, insn_reg(&in), *gpr(regs, insn_rm(&in))); break;
    case 0x0f06: ok = !do_fpu_taskswitch(0); break;
    case 0x0f08:
    case 0x0f09:
        /* Only a domain with hardware access can have dirty lines that matter. */
        if (v->domain->is_privileged)
            __asm__ volatile("wbinvd" ::: "memory");
        ok = true;
        break;
    case 0xf4:
        regs->rip += in.len;
        do_sched_op(SCHEDOP_block, 0);
        return true;
    default: ok = emulate_io(v, regs, &in, &done); break;
    }
    if (ok && done)
        regs->rip += in.len;
    return ok;
}
