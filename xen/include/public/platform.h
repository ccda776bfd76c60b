/* SPDX-License-Identifier: MIT */
/* Xen platform operations (platform_op, hypercall 7): hardware-level calls of the privileged domain. */
#ifndef XEN_PUBLIC_PLATFORM_H
#define XEN_PUBLIC_PLATFORM_H

#include "xen.h"

#define XENPF_INTERFACE_VERSION 0x03000001

#define XENPF_settime32             17
#define XENPF_firmware_info         50
#define XENPF_enter_acpi_sleep      51
#define XENPF_change_freq           52
#define XENPF_getidletime           53
#define XENPF_set_processor_pminfo  54
#define XENPF_get_cpuinfo           55
#define XENPF_get_cpu_version       48
#define XENPF_cpu_online            56
#define XENPF_cpu_offline           57
#define XENPF_settime64             62

#ifndef __ASSEMBLY__

struct xenpf_settime64 {
    uint64_t secs;        /* IN */
    uint32_t nsecs;       /* IN */
    uint32_t mbz;         /* IN: must be zero */
    uint64_t system_time; /* IN: the system time the wallclock was sampled at */
};

#define XEN_FW_DISK_INFO          1
#define XEN_FW_DISK_MBR_SIGNATURE 2
#define XEN_FW_VBEDDC_INFO        3
#define XEN_FW_EFI_INFO           4
#define XEN_FW_KBD_SHIFT_FLAGS    5

struct xenpf_firmware_info {
    uint32_t type;        /* IN: XEN_FW_* */
    uint32_t index;       /* IN */
    union {
        uint8_t kbd_shift_flags;      /* OUT: XEN_FW_KBD_SHIFT_FLAGS */
        uint8_t raw[16];              /* the other types (disk, EDID, EFI) */
    } u;
};

#define XEN_PCPU_FLAGS_ONLINE   1
#define XEN_PCPU_FLAGS_INVALID  2

struct xenpf_pcpuinfo {
    uint32_t xen_cpuid;   /* IN */
    uint32_t max_present; /* OUT */
    uint32_t flags;       /* OUT: XEN_PCPU_FLAGS_* */
    uint32_t apic_id;     /* OUT */
    uint32_t acpi_id;     /* OUT */
};

struct xen_platform_op {
    uint32_t cmd;
    uint32_t interface_version; /* XENPF_INTERFACE_VERSION */
    union {
        struct xenpf_settime64 settime64;
        struct xenpf_firmware_info firmware_info;
        struct xenpf_pcpuinfo pcpu_info;
        uint8_t pad[128];
    } u;
};

#endif /* __ASSEMBLY__ */

#endif
