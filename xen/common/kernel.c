/* SPDX-License-Identifier: GPL-2.0-only */
/* xen_version and vm_assist: what the hypervisor says about itself, and guest opt-in assists. */
#include <xen/config.h>
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <public/features.h>
#include <public/version.h>

extern const char __note_gnu_build_id_start[], __note_gnu_build_id_end[];
extern struct boot_info boot_info;
const char *hypervisor_cmdline(void);

/* The assists a 64-bit PV guest may switch on. */
#define VM_ASSIST_VALID ((1UL << VMASST_TYPE_writable_pagetables) | \
                         (1UL << VMASST_TYPE_runstate_update_flag) | \
                         (1UL << VMASST_TYPE_m2p_strict))

static uint32_t feature_word(unsigned int idx, const struct domain *d)
{
    if (idx != 0)
        return 0;
    uint32_t f = (1u << XENFEAT_mmu_pt_update_preserve_ad) | (1u << XENFEAT_highmem_assist) |
                 (1u << XENFEAT_gnttab_map_avail_bits);
    if (d->is_initial && d->is_privileged)
        f |= 1u << XENFEAT_dom0;
    return f;
}

/* The GNU build id note: 4-byte namesz, descsz, type, "GNU\0", then the id. */
static const unsigned char *build_id(unsigned int *len)
{
    const uint32_t *n = (const uint32_t *)__note_gnu_build_id_start;
    if (__note_gnu_build_id_end - __note_gnu_build_id_start < 16)
        return NULL;
    *len = n[1];
    return (const unsigned char *)(n + 3) + ((n[0] + 3) & ~3u);
}

static long copy_string_out(unsigned long arg, const char *s, size_t size)
{
    char buf[1024] = { 0 };
    if (size > sizeof(buf))
        size = sizeof(buf);
    strlcpy(buf, s, size);
    return copy_to_guest(arg, buf, size) ? -EFAULT : 0;
}

long do_xen_version(int cmd, unsigned long arg)
{
    struct domain *d = current->domain;

    switch (cmd) {
    case XENVER_version:
        return (XENOLITH_XEN_MAJOR << 16) | XENOLITH_XEN_MINOR;
    case XENVER_extraversion:
        return copy_string_out(arg, XENOLITH_XEN_EXTRA, XEN_EXTRAVERSION_LEN);
    case XENVER_compile_info: {
        struct xen_compile_info ci = { { 0 } };
        strlcpy(ci.compiler, "gcc " __VERSION__, sizeof(ci.compiler));
        strlcpy(ci.compile_by, "xenolith", sizeof(ci.compile_by));
        strlcpy(ci.compile_domain, "", sizeof(ci.compile_domain));
        strlcpy(ci.compile_date, __DATE__ " " __TIME__, sizeof(ci.compile_date));
        return copy_to_guest(arg, &ci, sizeof(ci)) ? -EFAULT : 0;
    }
    case XENVER_capabilities:
        return copy_string_out(arg, "xen-3.0-x86_64", XEN_CAPABILITIES_INFO_LEN);
    case XENVER_changeset:
        return copy_string_out(arg, "xenolith " XENOLITH_VERSION, XEN_CHANGESET_INFO_LEN);
    case XENVER_platform_parameters: {
        uint64_t virt_start = HV_HOLE_START;
        return copy_to_guest(arg, &virt_start, sizeof(virt_start)) ? -EFAULT : 0;
    }
    case XENVER_get_features: {
        struct xen_feature_info fi;
        if (copy_from_guest(&fi, arg, sizeof(fi)))
            return -EFAULT;
        if (fi.submap_idx >= XENFEAT_NR_SUBMAPS)
            return -EINVAL;
        fi.submap = feature_word(fi.submap_idx, d);
        return copy_to_guest(arg, &fi, sizeof(fi)) ? -EFAULT : 0;
    }
    case XENVER_pagesize:
        return arg ? -EINVAL : (long)PAGE_SIZE;   /* takes no argument: Xen refuses one */
    case XENVER_guest_handle: {
        uint8_t handle[16] = { 0 };
        return copy_to_guest(arg, handle, sizeof(handle)) ? -EFAULT : 0;
    }
    case XENVER_commandline:
        if (!d->is_privileged)
            return -EPERM;
        return copy_string_out(arg, hypervisor_cmdline(), XEN_COMMANDLINE_INFO_LEN);
    case XENVER_build_id: {
        struct xen_build_id hdr;
        unsigned int len;
        const unsigned char *id = build_id(&len);
        if (!d->is_privileged)
            return -EPERM;
        if (!id)
            return -ENODATA;
        if (copy_from_guest(&hdr, arg, sizeof(hdr.len)))
            return -EFAULT;
        if ((int)hdr.len <= 0)
            return -EINVAL;
        if (hdr.len < len)
            return -ENOBUFS;
        if (copy_to_guest(arg + offsetof(struct xen_build_id, buf), id, len))
            return -EFAULT;
        return len;
    }
    }
    return -ENOSYS;
}

long do_vm_assist(unsigned int cmd, unsigned int type)
{
    struct domain *d = current->domain;
    if (type >= 64 || !(VM_ASSIST_VALID & (1UL << type)))
        return -EINVAL;
    switch (cmd) {
    case VMASST_CMD_enable:
        __atomic_fetch_or(&d->arch.vm_assist, 1UL << type, __ATOMIC_SEQ_CST);
        return 0;
    case VMASST_CMD_disable:
        __atomic_fetch_and(&d->arch.vm_assist, ~(1UL << type), __ATOMIC_SEQ_CST);
        return 0;
    }
    return -ENOSYS;
}
