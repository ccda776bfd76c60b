/* SPDX-License-Identifier: GPL-2.0-only */
/* Everything a PV test kernel sees: ABI headers, hypercalls, console, traps, events, MMU helpers. */
#ifndef GUEST_GUEST_H
#define GUEST_GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <public/xen.h>
#include <public/callback.h>
#include <public/domctl.h>
#include <public/elfnote.h>
#include <public/errno.h>
#include <public/event_channel.h>
#include <public/features.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <public/physdev.h>
#include <public/platform.h>
#include <public/sched.h>
#include <public/sysctl.h>
#include <public/vcpu.h>
#include <public/version.h>
#include <public/io/console.h>

#include "hypercall.h"

#define PAGE_SIZE  4096UL
#define PAGE_SHIFT 12
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define VIRT_BASE  0xffffffff80000000UL

/* Page-table entry bits. */
#define PTE_P    (1UL << 0)
#define PTE_RW   (1UL << 1)
#define PTE_US   (1UL << 2)
#define PTE_A    (1UL << 5)
#define PTE_D    (1UL << 6)
#define PTE_PSE  (1UL << 7)
#define PTE_NX   (1UL << 63)
#define PTE_ADDR 0x000ffffffffff000UL

#define KERNEL_CS_RPL0 (FLAT_KERNEL_CS & ~3) /* CS as Xen shows kernel mode */

/* ---- Each test provides these. ---- */
extern const char test_title[];
void test_main(void);

/* ---- Verdict (the runtime prints exactly one "Test result:" line). ---- */
void test_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void test_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void test_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Report now and power off (used after a fatal problem). */
void __attribute__((noreturn)) test_finish(void);

#define check(cond, ...) do { if (!(cond)) test_fail(__VA_ARGS__); } while (0)
#define check_rc(expr, want) do { \
    long rc_ = (long)(expr); \
    if (rc_ != (long)(want)) \
        test_fail("%s: got %ld, want %ld (line %d)", #expr, rc_, (long)(want), __LINE__); \
} while (0)

/* ---- Console. ---- */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void console_write(const char *s, size_t len);

/* ---- Small libc. ---- */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
const char *strstr(const char *hay, const char *needle);

/* ---- Kernel command line (runtime/cmdline.c): "key=value" words. ---- */
bool cmdline_get(const char *key, char *out, size_t len);  /* false if absent */
long cmdline_int(const char *key, long dflt);              /* dflt if absent or not a number */

/* ---- Boot state. ---- */
extern struct start_info *start_info;
extern struct shared_info *shared;
extern uint64_t *const m2p;       /* machine_to_phys_mapping */
extern uint64_t *p2m;             /* start_info->mfn_list */
static inline struct vcpu_info *vcpu0(void) { return &shared->vcpu_info[0]; }
static inline bool is_privileged(void) { return start_info->flags & SIF_PRIVILEGED; }

/* ---- Traps. ---- */
struct exc_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss;
};

struct trap_record {
    uint64_t count;
    uint64_t vector, error_code, rip, cr2, cs;
};
extern volatile struct trap_record last_trap;

/* A handler returns true if it dealt with the frame (it may edit it). */
typedef bool (*trap_handler_t)(struct exc_frame *f);
void trap_set_handler(unsigned int vector, trap_handler_t fn);
/* Load the runtime's trap table with entry `vector` changed to dpl/flags (address 0 keeps the stub). */
long trap_table_load(unsigned int vector, uint8_t flags, uint64_t address);

/*
 * Faulting accesses: each returns 0, or 0x100 | vector if the access
 * faulted (the fault was recorded in last_trap and skipped).
 */
unsigned int probe_read(const volatile void *p, uint64_t *val);
unsigned int probe_write(volatile void *p, uint64_t val);
unsigned int probe_ud2(void);

/* Run fn in guest user mode (same page tables); returns when fn returns. */
void run_in_user(void (*fn)(void));
extern uint8_t user_kernel_stack[];   /* kernel_sp while in user mode, top at +4096*2 */
/* Tail of a syscall callback (jump to it, or register it to bounce straight back): turns the
 * bounce frame [rcx r11 rip cs rflags rsp ss] into an iret_context and returns to user mode. */
void syscall_return_to_user(void);

/* The runtime's trap table as a vcpu_guest_context.trap_ctxt (indexed by vector). */
void trap_table_fill(struct trap_info ctxt[256]);

/* ---- Secondary vCPUs (smp.c). ---- */
/* A context entering fn (which must not return) in kernel mode on [stack, stack + size), with the
 * boot page tables, the runtime's traps and callbacks, no GDT/LDT, events masked. */
void vcpu_context_init(struct vcpu_guest_context *c, void (*fn)(void), void *stack, size_t size);

/* ---- Events. ---- */
typedef void (*evtchn_handler_t)(evtchn_port_t port);
extern volatile uint64_t evtchn_upcalls;                 /* upcalls taken */
extern volatile uint32_t evtchn_hits[EVTCHN_2L_NR_CHANNELS / 64]; /* per port, first 64 ports */
void evtchn_set_handler(evtchn_port_t port, evtchn_handler_t fn);
void evtchn_mask(evtchn_port_t port);
void evtchn_unmask_local(evtchn_port_t port);
bool evtchn_is_pending(evtchn_port_t port);
void evtchn_clear(evtchn_port_t port);
/* Poll (events may be masked) until @port is pending, then clear it; false after @timeout_ns. */
bool evtchn_wait(evtchn_port_t port, uint64_t timeout_ns);
static inline void events_enable(void) { asm volatile("" ::: "memory"); vcpu0()->evtchn_upcall_mask = 0;
    asm volatile("" ::: "memory"); if (vcpu0()->evtchn_upcall_pending) hc_xen_version(0, 0); }
static inline void events_disable(void) { vcpu0()->evtchn_upcall_mask = 1; asm volatile("" ::: "memory"); }

/* ---- Time. ---- */
uint64_t pvclock_now(void);
/* Yield until *p == v (another domain writes it through a grant): false after timeout_ns. */
bool wait_for_byte(const volatile uint8_t *p, uint8_t v, uint64_t timeout_ns);
static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* ---- Memory. ---- */
static inline uint64_t virt_to_pfn(const void *va) { return ((uint64_t)va - VIRT_BASE) >> PAGE_SHIFT; }
static inline void *pfn_to_virt(uint64_t pfn) { return (void *)(VIRT_BASE + (pfn << PAGE_SHIFT)); }
static inline uint64_t virt_to_mfn(const void *va) { return p2m[virt_to_pfn(va)]; }
static inline uint64_t virt_to_maddr(const void *va)
{
    return (virt_to_mfn(va) << PAGE_SHIFT) | ((uint64_t)va & (PAGE_SIZE - 1));
}
static inline void *mfn_to_virt(uint64_t mfn) { return pfn_to_virt(m2p[mfn]); }

/* Page-table walk of the current (boot) tables: pointer to the entry mapping va at `level`. */
uint64_t *pte_of(const void *va, int level);
/* Machine address of that entry, for mmu_update. */
uint64_t pte_maddr(const void *va, int level);
/* Frame of the page table at `level` used to translate va (4 = the L4 itself). */
uint64_t pt_mfn(const void *va, int level);

/* Zeroed, page-aligned, mapped read/write page from a private pool. */
void *alloc_page(void);
/* Change the mapping of one of our own pages. */
long remap(void *va, uint64_t mfn, uint64_t flags);
long make_readonly(void *va);
long make_writable(void *va);
/* One mmu_update / mmuext_op. */
long mmu_update1(uint64_t ptr, uint64_t val);
long mmuext1(unsigned int cmd, uint64_t arg1, uint64_t arg2);

/* ---- Toolstack (runtime/ctl.c; needs a privileged domain). ---- */
long domctl(uint32_t cmd, domid_t dom, struct xen_domctl *op);   /* fills cmd/version/domain */
long sysctl(uint32_t cmd, struct xen_sysctl *op);
long ctl_create(unsigned int vcpus);        /* new PV domain with its vCPUs: id or -errno */
long ctl_info(domid_t dom, struct xen_domctl_getdomaininfo *info);
long ctl_destroy_wait(domid_t dom);          /* destroy, then wait until it is gone */
bool ctl_wait_gone(domid_t dom);             /* poll (bounded) until getdomaininfo no longer finds it */
uint64_t ctl_free_pages(void);               /* sysctl physinfo free_pages (0 on error) */
uint64_t ctl_wait_free(uint64_t want);       /* poll (bounded) until free_pages == want; last value */
/* A new one-vCPU domain with max_mem @kb and pfns 0..n-1 populated (their MFNs in frames[]): id or -errno. */
long ctl_create_populated(unsigned int kb, xen_pfn_t *frames, unsigned int n);
/* Map @dom's grant-table frame 0 at our page @va with a foreign PTE: its MFN, or 0 on failure. */
unsigned long ctl_map_grant_table(domid_t dom, void *va);
/* XEN_DOMCTL_scheduler_op for credit (XEN_DOMCTL_SCHEDOP_*): *c in, and out as copied back. */
long ctl_sched_credit(domid_t dom, uint32_t cmd, struct xen_domctl_sched_credit *c);
/* XEN_DOMCTL_set/getvcpuaffinity with both bitmaps of nr_bits bits (NULL pointers allowed). */
long ctl_affinity(uint32_t cmd, domid_t dom, uint32_t vcpu, uint32_t flags, uint8_t *hard,
                  uint8_t *soft, uint32_t nr_bits);
long ctl_vcpuinfo(domid_t dom, uint32_t vcpu, struct xen_domctl_getvcpuinfo *info);
/* ---- Grant tables (gnttab.c): a self-grant setup like Linux's, frames mapped with mmu_update. ---- */
#define SELF_ID 0                 /* the tests run as the initial domain */
extern grant_entry_v1_t *gnttab;  /* NULL until gnttab_setup() */
/* setup_table for @nr frames and map them; 0, or the failing rc/status. */
long gnttab_setup(unsigned int nr);
void gnttab_grant(grant_ref_t ref, domid_t domid, const void *page, bool readonly);
/* Write grant @ref of any mapped table (flags last, as Linux does). */
void gnttab_grant_in(grant_entry_v1_t *table, grant_ref_t ref, domid_t domid, uint64_t mfn, bool readonly);
/* End a grant as Linux does (cmpxchg, refused while GTF_reading/writing): true if ended. */
bool gnttab_end(grant_ref_t ref);
/* One map (host and/or device) of our own grant, then a local TLB flush (Xen does not flush when
 * a map replaces a present PTE); returns the status, *handle set on success. */
int16_t gnttab_map1(grant_ref_t ref, uint64_t host_addr, uint32_t flags, grant_handle_t *handle);
int16_t gnttab_unmap1(grant_handle_t handle, uint64_t host_addr, uint64_t dev_bus_addr);

/* ---- Scheduling helpers. ---- */
void shutdown(unsigned int reason) __attribute__((noreturn));

#endif
