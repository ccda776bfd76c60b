/* SPDX-License-Identifier: GPL-2.0-only */
/* Domains and vCPUs: the objects every subsystem hangs its state on. */
#ifndef XEN_SCHED_H
#define XEN_SCHED_H

#include <xen/config.h>
#include <xen/spinlock.h>
#include <xen/sched-credit.h>
#include <xen/smp.h>
#include <xen/timer.h>
#include <xen/types.h>
#include <xen/vtime.h>
#include <asm/current.h>
#include <asm/domain.h>
#include <public/xen.h>

#define MAX_VIRT_CPUS       XEN_LEGACY_MAX_VCPUS
#define DOMID_IDLE_INTERNAL 0x7FFF      /* the idle domain (Xen's DOMID_IDLE) */

struct evtchn;
struct domain_console;
struct grant_table;

struct vcpu {
    unsigned int vcpu_id;
    unsigned int processor;             /* physical CPU it runs on */
    struct domain *domain;
    struct vcpu_info *vcpu_info;        /* in shared_info, or registered by the guest */

    unsigned long pause_flags;          /* VPF_*: not runnable while any is set */
    bool hcall_preempted;               /* set by hypercall_create_continuation(), never by a result */
    bool is_running;                    /* on a CPU, or its state not yet saved (see schedule.c) */
    unsigned int ctxt_loaded;           /* CPUs with its page tables loaded (0 or 1; 2 briefly in a move) */
    struct csched_unit sched_unit;      /* credit scheduler state (xen/sched-credit.h) */
    cpumask_t soft_affinity_not;        /* CPUs NOT in its soft affinity (domctl_sched.c; policy ignores it) */

    struct vcpu_time time;              /* timers, runstate (xen/vtime.h) */
    unsigned long vcpu_info_mfn;        /* VCPUOP_register_vcpu_info frame, INVALID_MFN if none */
    int virq_to_evtchn[NR_VIRQS];       /* bound port per VIRQ (global VIRQs: on vCPU 0) */
    int poll_evtchn;                    /* SCHEDOP_poll: the one port, -1 for several, 0 none */

    struct pv_vcpu arch;
};

#define VPF_blocked     (1UL << 0)      /* SCHEDOP_block: waiting for an event */
#define VPF_down        (1UL << 1)      /* not started (VCPUOP_up) */
#define VPF_shutdown    (1UL << 2)      /* domain shut down or crashed */
#define VPF_paused      (1UL << 3)      /* domain_pause(): d->pause_count > 0 */

/* d->is_dying (docs/design/domain-lifecycle.md). */
#define DOMDYING_alive  0
#define DOMDYING_dying  1               /* domain_kill() under way: resources being released */
#define DOMDYING_dead   2               /* released; struct freed when the last reference goes */

struct domain {
    domid_t domain_id;
    bool is_privileged;                 /* may use privileged hypercalls */
    bool is_initial;                    /* built at boot from the first module */
    char name[32];

    spinlock_t lock;
    struct vcpu *vcpu[MAX_VIRT_CPUS];
    unsigned int max_vcpus;

    /* Memory: owned frames are linked through page_info next/prev (frame numbers). */
    spinlock_t page_alloc_lock;
    unsigned long page_list_head;       /* ~0 when empty */
    unsigned long tot_pages, max_pages;
    struct shared_info *shared_info;
    unsigned long shared_info_mfn;

    /* Event channels (common/event_channel.c). */
    spinlock_t event_lock;
    struct evtchn *evtchn;              /* array of NR_EVTCHN_2L */
    unsigned int max_evtchn_port;       /* highest port it may allocate (createdomain) */
    unsigned long poll_mask;            /* vCPUs in SCHEDOP_poll (bit = vcpu_id) */
    struct domain_pirqs *pirqs;         /* physical IRQs mapped to it (xen/pirq.h), NULL if none */

    struct domain_console *console;     /* hypervisor-served console ring, NULL if none */
    bool is_boot_domain;                /* built at boot from the device tree (common/shutdown.c) */
    struct grant_table *grant_table;    /* common/grant_table.c; gnttab_release/destroy at teardown */
    struct csched_dom sched_dom;        /* weight and cap (sched_set_weight_cap) */
    uint16_t sched_ctl_cap;             /* the cap as the toolstack last set it (domctl_sched.c) */

    bool is_shutting_down, is_shut_down;
    uint8_t is_dying;                   /* DOMDYING_* */
    unsigned int shutdown_code;

    /* Lifecycle (common/domain.c, docs/design/domain-lifecycle.md). */
    unsigned int refcnt;                /* 0: being freed; get_domain() fails */
    unsigned int pause_count;           /* domain_pause() nesting, under d->lock */
    unsigned int ctl_paused;            /* XEN_DOMCTL_pausedomain nesting (created paused: 1) */
    unsigned int kill_step;             /* domain_kill() progress across continuations */
    uint8_t handle[16];                 /* toolstack's handle (xen_domain_handle_t) */

    struct pv_domain arch;
    struct domain *next_in_list;
};

extern struct domain *domain_list;
extern struct domain *idle_domain;

struct domain *domain_create(domid_t id, unsigned int max_vcpus, bool privileged, const char *name);
struct vcpu *vcpu_create(struct domain *d, unsigned int vcpu_id, unsigned int cpu);

/*
 * References (docs/design/domain-lifecycle.md). The domain list holds one from
 * creation until domain_kill() finishes; a domain's pages (tot_pages > 0) and
 * shared hypervisor pages hold one between them. get_domain() fails once the
 * count reached 0; put_domain() of the last one frees the domain.
 */
bool get_domain(struct domain *d);
void put_domain(struct domain *d);
/* A referenced domain by id (dying ones too, as Xen); NULL if none. put_domain() it. */
struct domain *get_domain_by_id(domid_t id);
/* Whether a domain with this id exists (dying or not): a snapshot, for errno choices. */
bool domain_exists(domid_t id);
/* DOMID_SELF or an id, referenced; NULL and *rc = -ESRCH if none. put_domain() it. */
struct domain *get_domain_by_any_id(domid_t id, int *rc);
/* Domains in id order: the first with id >= @first, referenced; NULL if none. */
struct domain *get_domain_from(domid_t first);

/* Stop all vCPUs of @d (not the caller's own domain) and wait until none runs; nests. */
void domain_pause(struct domain *d);
void domain_unpause(struct domain *d);
/* Wait until @v is off its CPU with its state saved (after it stopped being runnable). */
void vcpu_sleep_sync(struct vcpu *v);
/*
 * Tear @d down: pause it, close its ports, release grant mappings, timers, page
 * references and shared pages. 0 when done (the domain is DOMDYING_dead and gone
 * once nobody else holds its pages), -ERESTART_INTERNAL to be called again.
 */
int domain_kill(struct domain *d);
/* XEN_DOMCTL_getdomaininfo's view of @d (common/domctl.c; sysctl lists use it too). */
struct xen_domctl_getdomaininfo;
void getdomaininfo(struct domain *d, struct xen_domctl_getdomaininfo *info);
/* XEN_DOMCTL_scheduler_op, set/getvcpuaffinity, getvcpuinfo (common/domctl_sched.c); -ENOSYS for others. */
struct xen_domctl;
long domctl_sched(struct xen_domctl *op, struct domain *d, bool *copyback);
/* Console report of a dead domain still held: which frames, by how many references. */
void domain_report_holders(struct domain *d);
void domain_shutdown(struct domain *d, unsigned int reason);
/* The machine follows its initial domain: power off, reboot or (crash) restart unless noreboot. */
void initial_domain_shutdown(struct domain *d, unsigned int reason);
/* Device-tree boot: @nr domains started; the machine powers off when the last one stops. */
void boot_domains_running(unsigned int nr);
void boot_domain_shutdown(struct domain *d, unsigned int reason);
/* The domain cannot continue: report why and stop it; the hypervisor keeps running. */
void __domain_crash(struct domain *d, const char *func, const char *fmt, ...) __printf(3, 4);
#define domain_crash(d, fmt, ...) __domain_crash(d, __func__, fmt, ##__VA_ARGS__)

/* Scheduler. */
void scheduler_init(void);
void vcpu_wake(struct vcpu *v);
void vcpu_sleep_nosync(struct vcpu *v);
void vcpu_block(void);                  /* current blocks until an event */
void vcpu_yield(void);
void vcpu_kick(struct vcpu *v);         /* make a running vCPU notice new events */
static inline bool vcpu_runnable(const struct vcpu *v) { return !v->pause_flags; }
/* Has a context to run (built by a domain builder or VCPUOP_initialise): it holds a kernel L4. */
static inline bool vcpu_is_initialised(const struct vcpu *v) { return v->arch.guest_table != 0; }
static inline bool is_idle_vcpu(const struct vcpu *v) { return v->domain == idle_domain; }
void __noreturn start_scheduling(void);     /* this CPU: run vCPUs from now on */
void sched_init_domain(struct domain *d);   /* weight 256, no cap (domain_create) */
void sched_init_vcpu(struct vcpu *v);       /* all CPUs allowed (vcpu_create) */
/* Before freeing @v (not runnable, !is_running): off its run queue for good. */
void sched_destroy_vcpu(struct vcpu *v);
/* Weight 1..65535 (each vCPU competes with it), cap in % of one CPU (0: none, at most
 * 100 per vCPU): 0 or -EINVAL. */
int sched_set_weight_cap(struct domain *d, unsigned int weight, unsigned int cap);
/* The CPUs @v may run on; it moves off a CPU that is no longer allowed. -EINVAL: no online CPU in @mask. */
int vcpu_set_hard_affinity(struct vcpu *v, const cpumask_t *mask);
/* context_switch(): @prev's state is saved; another CPU may now run it. */
void sched_context_saved(struct vcpu *prev);

/* Context switch (arch): save prev's frame, load next's, jump to its exit path. */
void __noreturn context_switch(struct vcpu *prev, struct vcpu *next);
void __noreturn reset_stack_and_jump_to(void *frame, void *fn);

#endif
