/* SPDX-License-Identifier: GPL-2.0-only */
/* A PV domain builder for test kernels acting as dom0 (libxenguest's job), and the domU's console. */
#ifndef GUEST_DOMU_H
#define GUEST_DOMU_H

#include "guest.h"

/* The domU test kernel (tests/guests/domu/kernel.c), embedded by the Makefile into tests that use it. */
extern const uint8_t domu_image[], domu_image_end[];

#define DOMU_MAX_PAGES 4096 /* 16 MiB: the size of the builder's P2M copy */

struct domu {
    domid_t id;
    unsigned long nr_pages;
    xen_pfn_t p2m[DOMU_MAX_PAGES];    /* pfn -> mfn, as populate_physmap returned them */
    uint64_t virt_base, entry, si_va; /* guest virtual addresses */
    unsigned long pt_pfn, nr_pt, p2m_pfn, si_pfn, store_pfn, console_pfn, stack_pfn;
    evtchn_port_t console_port, console_remote; /* dom0's end, the domU's end */
    evtchn_port_t store_port, store_remote;
    struct xencons_interface *console; /* the domU's console ring, mapped in dom0 */
    char line[200];                    /* console line being assembled */
    unsigned int line_len;
    int verdict; /* DOMU_* from the domU's "Test result:" line */
};

enum { DOMU_NONE, DOMU_SUCCESS, DOMU_SKIP, DOMU_FAILURE };

/*
 * Create a paused PV domain of @nr_pages pages with one vCPU and build it
 * from the ELF @image with command line @cmdline: memory, kernel, start_info,
 * P2M, page tables (L4 pinned), console and xenstore pages with their event
 * channels, hypercall page, vCPU 0's context. The domU's command line is
 * @cmdline plus " domid=<its id>". 0, or a failure already
 * reported with test_fail() (the domain is destroyed then).
 */
long domu_build(struct domu *u, const void *image, size_t len, unsigned long nr_pages,
                const char *cmdline);
long domu_unpause(struct domu *u);
/* Print the domU's console lines as "(domU) ..." until it shuts down or @timeout_ms pass;
 * returns its verdict (DOMU_NONE if it printed none). */
int domu_run_console(struct domu *u, unsigned int timeout_ms);
/* Print what the console ring holds now; true if a whole line was seen. */
bool domu_console_drain(struct domu *u);
/* Unmap what dom0 maps of it, close dom0's ports, destroy it and wait until it is gone. */
long domu_destroy(struct domu *u);

/* Foreign mappings in a window of dom0's own pages (mmu_update with foreigndom, then a local
 * TLB flush); slots are restored to dom0's frames by domu_unmap(). */
#define DOMU_WINDOW 40       /* slots 0..31: the builder's; 32..38: free for tests */
#define DOMU_CONSOLE_SLOT 39 /* a built domU's console ring while it lives */
void *domu_map(domid_t dom, const xen_pfn_t *mfns, unsigned int n, unsigned int first_slot);
long domu_map_rc(domid_t dom, const xen_pfn_t *mfns, unsigned int n, unsigned int first_slot);
void domu_unmap(unsigned int first_slot, unsigned int n);
void *domu_slot(unsigned int slot);

/* Small wrappers used by the builder and its tests. */
long domu_setvcpucontext(domid_t dom, uint32_t vcpu, const struct vcpu_guest_context *c);
long domu_pin(domid_t dom, unsigned int cmd, xen_pfn_t mfn); /* mmuext_op with foreigndom */
long evt_alloc_unbound(domid_t dom, domid_t remote, evtchn_port_t *port);
long evt_bind_interdomain(domid_t remote, evtchn_port_t remote_port, evtchn_port_t *local);
long evt_close(evtchn_port_t port);
long evt_send(evtchn_port_t port);

/* What dom0 tests and the domU kernel's roles (tests/guests/domu/) agree on. */
#define PINGPONG_ROUNDS 10000
#define PINGPONG_WAIT_NS 5000000000ull /* a side silent this long has lost an event */
#define PINGPONG_REF_RW 10             /* grant refs of the domU's two shared pages */
#define PINGPONG_REF_RO 11
void domu_pingpong(void);
void domu_idle(void);   /* role=idle idle_ms=N */
void domu_unpriv(void); /* role=unpriv dom0_frame=<one of dom0's MFNs> */

#endif
