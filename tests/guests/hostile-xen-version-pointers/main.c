/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug class: xen_version sub-ops writing their answers without checking
 * the destination. Every sub-op with an output (or input) buffer, given a
 * pointer into the hypervisor hole, an unmapped page, a non-canonical
 * address or one wrapping the top of memory, returns -EFAULT; version
 * ignores the pointer and pagesize refuses a non-NULL one with -EINVAL.
 */
#include "guest.h"

const char test_title[] = "xen_version with every output pointer invalid";

void test_main(void)
{
    static void *const bad[] = {
        (void *)0xffff830000000000UL, (void *)0xffff800000000000UL, (void *)0x0000100000000000UL,
        (void *)0x0000800000000000UL, (void *)0x8000000000000000UL, (void *)0xfffffffffffffff8UL,
    };
    static const unsigned int cmds[] = {
        XENVER_extraversion, XENVER_compile_info, XENVER_capabilities, XENVER_changeset,
        XENVER_platform_parameters, XENVER_get_features, XENVER_guest_handle,
        XENVER_commandline, XENVER_build_id,
    };
    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        for (unsigned int j = 0; j < ARRAY_SIZE(cmds); j++) {
            long rc = hc_xen_version(cmds[j], bad[i]);
            if (rc != -XEN_EFAULT)
                test_fail("xen_version %u to %p: %ld, want -EFAULT", cmds[j], bad[i], rc);
        }
        check(hc_xen_version(XENVER_version, bad[i]) > 0, "XENVER_version with %p", bad[i]);
        check_rc(hc_xen_version(XENVER_pagesize, bad[i]), -XEN_EINVAL); /* takes no argument */
    }

    /* An output buffer whose tail is unmapped. */
    uint8_t *page = alloc_page();
    check_rc(hc_update_va_mapping(page + PAGE_SIZE, 0, UVMF_INVLPG), 0);
    check_rc(hc_xen_version(XENVER_capabilities, page + PAGE_SIZE - 8), -XEN_EFAULT);
    check_rc(hc_xen_version(XENVER_compile_info, page + PAGE_SIZE - 8), -XEN_EFAULT);
    check_rc(hc_xen_version(XENVER_capabilities, page + PAGE_SIZE - 1024), 0);

    /* Feature sub-maps beyond the first: -EINVAL. */
    struct xen_feature_info fi = { .submap_idx = 0x7fffffff };
    check_rc(hc_xen_version(XENVER_get_features, &fi), -XEN_EINVAL);
    check_rc(hc_xen_version(XENVER_pagesize, NULL), 4096);
    check_rc(hc_xen_version(0x7fffffff, NULL), -XEN_ENOSYS);
}
