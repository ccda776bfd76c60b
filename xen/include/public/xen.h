/* SPDX-License-Identifier: MIT */
/* Xen PV guest ABI core: hypercall numbers, start_info, shared_info, MMU ops, multicall. */
#ifndef XEN_PUBLIC_XEN_H
#define XEN_PUBLIC_XEN_H

#include "arch-x86/xen.h"

/* Hypercall numbers. */
#define __HYPERVISOR_set_trap_table        0
#define __HYPERVISOR_mmu_update            1
#define __HYPERVISOR_set_gdt               2
#define __HYPERVISOR_stack_switch          3
#define __HYPERVISOR_set_callbacks         4
#define __HYPERVISOR_fpu_taskswitch        5
#define __HYPERVISOR_sched_op_compat       6
#define __HYPERVISOR_platform_op           7
#define __HYPERVISOR_set_debugreg          8
#define __HYPERVISOR_get_debugreg          9
#define __HYPERVISOR_update_descriptor    10
#define __HYPERVISOR_memory_op            12
#define __HYPERVISOR_multicall            13
#define __HYPERVISOR_update_va_mapping    14
#define __HYPERVISOR_set_timer_op         15
#define __HYPERVISOR_event_channel_op_compat 16
#define __HYPERVISOR_xen_version          17
#define __HYPERVISOR_console_io           18
#define __HYPERVISOR_physdev_op_compat    19
#define __HYPERVISOR_grant_table_op       20
#define __HYPERVISOR_vm_assist            21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret                 23
#define __HYPERVISOR_vcpu_op              24
#define __HYPERVISOR_set_segment_base     25
#define __HYPERVISOR_mmuext_op            26
#define __HYPERVISOR_xsm_op               27
#define __HYPERVISOR_nmi_op               28
#define __HYPERVISOR_sched_op             29
#define __HYPERVISOR_callback_op          30
#define __HYPERVISOR_xenoprof_op          31
#define __HYPERVISOR_event_channel_op     32
#define __HYPERVISOR_physdev_op           33
#define __HYPERVISOR_hvm_op               34
#define __HYPERVISOR_sysctl               35
#define __HYPERVISOR_domctl               36
#define __HYPERVISOR_kexec_op             37
#define __HYPERVISOR_tmem_op              38
#define __HYPERVISOR_argo_op              39
#define __HYPERVISOR_xenpmu_op            40
#define __HYPERVISOR_dm_op                41
#define __HYPERVISOR_hypfs_op             42
#define __HYPERVISOR_arch_0               48
#define __HYPERVISOR_arch_7               55

/* Virtual interrupts. V = per vCPU, G = global (bound on vCPU 0). */
#define VIRQ_TIMER       0  /* V: timer (set_timer_op / singleshot) */
#define VIRQ_DEBUG       1  /* V: debug key pressed */
#define VIRQ_CONSOLE     2  /* G: (dom0) console input */
#define VIRQ_DOM_EXC     3  /* G: (dom0) a domain changed state */
#define VIRQ_TBUF        4  /* G: (dom0) trace buffers */
#define VIRQ_DEBUGGER    6  /* G: (dom0) a domain paused for a debugger */
#define VIRQ_XENOPROF    7  /* V */
#define VIRQ_CON_RING    8  /* G: (dom0) console ring has data */
#define VIRQ_PCPU_STATE  9  /* G: (dom0) */
#define VIRQ_MEM_EVENT   10 /* G: (dom0) */
#define VIRQ_ARGO        11 /* G */
#define VIRQ_ENOMEM      12 /* G: (dom0) hypervisor low on memory */
#define VIRQ_XENPMU      13 /* V */
#define VIRQ_ARCH_0      16
#define VIRQ_ARCH_7      23
#define NR_VIRQS         24

/* mmu_update: ptr[1:0] selects the command. */
#define MMU_NORMAL_PT_UPDATE      0 /* *ptr = val, checked; ptr is a machine address */
#define MMU_MACHPHYS_UPDATE       1 /* M2P[ptr >> 12] = val */
#define MMU_PT_UPDATE_PRESERVE_AD 2 /* as 0, keeping A/D bits already set */
#define MMU_PT_UPDATE_NO_TRANSLATE 3 /* as 0 for PV guests (ptr is already a machine address) */

/* mmuext_op commands. */
#define MMUEXT_PIN_L1_TABLE       0
#define MMUEXT_PIN_L2_TABLE       1
#define MMUEXT_PIN_L3_TABLE       2
#define MMUEXT_PIN_L4_TABLE       3
#define MMUEXT_UNPIN_TABLE        4
#define MMUEXT_NEW_BASEPTR        5
#define MMUEXT_TLB_FLUSH_LOCAL    6
#define MMUEXT_INVLPG_LOCAL       7
#define MMUEXT_TLB_FLUSH_MULTI    8
#define MMUEXT_INVLPG_MULTI       9
#define MMUEXT_TLB_FLUSH_ALL      10
#define MMUEXT_INVLPG_ALL         11
#define MMUEXT_FLUSH_CACHE        12
#define MMUEXT_SET_LDT            13
#define MMUEXT_NEW_USER_BASEPTR   15
#define MMUEXT_CLEAR_PAGE         16
#define MMUEXT_COPY_PAGE          17
#define MMUEXT_FLUSH_CACHE_GLOBAL 18
#define MMUEXT_MARK_SUPER         19
#define MMUEXT_UNMARK_SUPER       20

/* update_va_mapping flags: a flush type ORed with a scope (or a vCPU mask pointer). */
#define UVMF_NONE           0UL
#define UVMF_TLB_FLUSH      1UL
#define UVMF_INVLPG         2UL
#define UVMF_FLUSHTYPE_MASK 3UL
#define UVMF_MULTI          0UL
#define UVMF_LOCAL          0UL
#define UVMF_ALL            4UL

/* console_io commands. */
#define CONSOLEIO_write 0
#define CONSOLEIO_read  1

/* vm_assist(cmd, type) */
#define VMASST_CMD_enable                0
#define VMASST_CMD_disable               1
#define VMASST_TYPE_4gb_segments         0
#define VMASST_TYPE_4gb_segments_notify  1
#define VMASST_TYPE_writable_pagetables  2
#define VMASST_TYPE_pae_extended_cr3     3
#define VMASST_TYPE_architectural_iopl   4
#define VMASST_TYPE_runstate_update_flag 5
#define VMASST_TYPE_m2p_strict           32

/* Reserved domain ids. */
#define DOMID_FIRST_RESERVED 0x7FF0U
#define DOMID_SELF           0x7FF0U
#define DOMID_IO             0x7FF1U
#define DOMID_XEN            0x7FF2U
#define DOMID_COW            0x7FF3U
#define DOMID_INVALID        0x7FF4U
#define DOMID_IDLE           0x7FFFU

/* start_info.flags */
#define SIF_PRIVILEGED      (1 << 0)
#define SIF_INITDOMAIN      (1 << 1)
#define SIF_MULTIBOOT_MOD   (1 << 2)
#define SIF_MOD_START_PFN   (1 << 3)
#define SIF_VIRT_P2M_4TOOLS (1 << 4)
#define SIF_PM_MASK         (0xFF << 8)

/* vcpu_time_info.flags */
#define XEN_PVCLOCK_TSC_STABLE_BIT (1 << 0)
#define XEN_PVCLOCK_GUEST_STOPPED  (1 << 1)

#define MAX_GUEST_CMDLINE 1024

#ifndef __ASSEMBLY__

typedef uint16_t domid_t;

struct mmu_update {
    uint64_t ptr; /* IN: machine address of the entry | MMU_* command */
    uint64_t val; /* IN: new entry */
};
DEFINE_XEN_GUEST_HANDLE_NAMED(mmu_update, struct mmu_update);

struct mmuext_op {
    uint32_t cmd; /* IN: MMUEXT_* */
    union {
        xen_pfn_t mfn;        /* IN: pin/unpin, baseptr, clear/copy page */
        uint64_t linear_addr; /* IN: invlpg, set_ldt */
    } arg1;
    union {
        uint32_t nr_ents;      /* IN: set_ldt */
        const void *vcpumask;  /* IN: *_MULTI */
        xen_pfn_t src_mfn;     /* IN: copy_page */
    } arg2;
};
DEFINE_XEN_GUEST_HANDLE_NAMED(mmuext_op, struct mmuext_op);

struct multicall_entry {
    xen_ulong_t op;      /* IN: hypercall number */
    xen_ulong_t result;  /* OUT: its return value */
    xen_ulong_t args[6]; /* IN */
};
DEFINE_XEN_GUEST_HANDLE_NAMED(multicall_entry, struct multicall_entry);

/* pvclock: now = system_time + (((tsc - tsc_timestamp) << shift) * mul) >> 32 */
struct vcpu_time_info {
    uint32_t version; /* OUT: odd while being updated */
    uint32_t pad0;
    uint64_t tsc_timestamp;     /* OUT */
    uint64_t system_time;       /* OUT: ns */
    uint32_t tsc_to_system_mul; /* OUT: 32.32 fixed point ns per (shifted) tick */
    int8_t tsc_shift;           /* OUT */
    uint8_t flags;              /* OUT: XEN_PVCLOCK_* */
    uint8_t pad1[2];
};

struct vcpu_info {
    uint8_t evtchn_upcall_pending; /* IN/OUT: set by the hypervisor, cleared by the guest */
    uint8_t evtchn_upcall_mask;    /* IN: virtual interrupt flag (1 = masked) */
    xen_ulong_t evtchn_pending_sel; /* IN/OUT: one bit per evtchn_pending word */
    struct arch_vcpu_info arch;
    struct vcpu_time_info time;
};

struct shared_info {
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
    xen_ulong_t evtchn_pending[64]; /* IN/OUT */
    xen_ulong_t evtchn_mask[64];    /* IN: owned by the guest */
    uint32_t wc_version;            /* OUT: wallclock at system_time 0 */
    uint32_t wc_sec;
    uint32_t wc_nsec;
    uint32_t wc_sec_hi;
    struct arch_shared_info arch;
};

struct start_info {
    char magic[32];        /* "xen-<version>-<platform>" */
    uint64_t nr_pages;     /* total pages of the domain */
    uint64_t shared_info;  /* MACHINE address of shared_info */
    uint32_t flags;        /* SIF_* */
    xen_pfn_t store_mfn;   /* xenstore ring MFN (0 for dom0) */
    uint32_t store_evtchn;
    union {
        struct {
            xen_pfn_t mfn;   /* console ring MFN */
            uint32_t evtchn;
        } domU;
        struct {
            uint32_t info_off;  /* offset of dom0_vga_console_info */
            uint32_t info_size;
        } dom0;
    } console;
    uint64_t pt_base;      /* VIRTUAL address of the bootstrap L4 */
    uint64_t nr_pt_frames;
    uint64_t mfn_list;     /* VIRTUAL address of the P2M list */
    uint64_t mod_start;    /* VIRTUAL address (PFN with SIF_MOD_START_PFN) */
    uint64_t mod_len;
    int8_t cmd_line[MAX_GUEST_CMDLINE];
    uint64_t first_p2m_pfn;
    uint64_t nr_p2m_frames;
};

struct dom0_vga_console_info {
    uint8_t video_type; /* XEN_VGATYPE_* */
    union {
        struct {
            uint16_t font_height;
            uint16_t cursor_x, cursor_y;
            uint16_t rows, columns;
        } text_mode_3;
        struct {
            uint16_t width, height;
            uint16_t bytes_per_line;
            uint16_t bits_per_pixel;
            uint32_t lfb_base;
            uint32_t lfb_size;
            uint8_t red_pos, red_size;
            uint8_t green_pos, green_size;
            uint8_t blue_pos, blue_size;
            uint8_t rsvd_pos, rsvd_size;
            uint32_t gbl_caps;
            uint16_t mode_attrs;
        } vesa_lfb;
    } u;
};
#define XEN_VGATYPE_TEXT_MODE_3 0x03
#define XEN_VGATYPE_VESA_LFB    0x23
#define XEN_VGATYPE_EFI_LFB     0x70

typedef uint8_t xen_domain_handle_t[16];

DEFINE_XEN_GUEST_HANDLE(char);
DEFINE_XEN_GUEST_HANDLE(void);
DEFINE_XEN_GUEST_HANDLE(uint8_t);
DEFINE_XEN_GUEST_HANDLE(uint32_t);
DEFINE_XEN_GUEST_HANDLE(uint64_t);
DEFINE_XEN_GUEST_HANDLE(xen_pfn_t);

#endif /* __ASSEMBLY__ */

#endif
