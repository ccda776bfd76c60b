/* SPDX-License-Identifier: GPL-2.0-only */
/* xen_version sub-ops: version, extraversion, capabilities, features, pagesize, platform parameters. */
#include "guest.h"

const char test_title[] = "xen_version sub-ops";

void test_main(void)
{
    long ver = hc_xen_version(XENVER_version, NULL);

    printf("version %ld.%ld\n", ver >> 16, ver & 0xffff);
    check(ver > 0 && (ver >> 16) >= 3, "XENVER_version returned %#lx", ver);

    xen_extraversion_t extra;
    memset(extra, 0x5a, sizeof(extra));
    check_rc(hc_xen_version(XENVER_extraversion, extra), 0);
    check(strnlen(extra, sizeof(extra)) < sizeof(extra), "extraversion not NUL-terminated");

    static xen_capabilities_info_t caps;
    check_rc(hc_xen_version(XENVER_capabilities, caps), 0);
    printf("capabilities '%s'\n", caps);
    check(strstr(caps, "xen-3.0-x86_64") != NULL, "capabilities lack xen-3.0-x86_64: '%s'", caps);

    struct xen_feature_info fi = { .submap_idx = 0, .submap = 0xdeadbeef };
    check_rc(hc_xen_version(XENVER_get_features, &fi), 0);
    printf("features[0] %#x\n", fi.submap);
    check(!(fi.submap & (1u << XENFEAT_auto_translated_physmap)),
          "PV guest told it is auto-translated (%#x)", fi.submap);
    check(!(fi.submap & (1u << XENFEAT_supervisor_mode_kernel)),
          "PV guest told it runs in ring 0 (%#x)", fi.submap);
    check(!(fi.submap & (1u << XENFEAT_hvm_callback_vector)),
          "PV guest offered an HVM callback vector (%#x)", fi.submap);
    if (start_info->flags & SIF_INITDOMAIN)
        printf("initial domain: XENFEAT_dom0 is %s\n",
               fi.submap & (1u << XENFEAT_dom0) ? "set" : "clear");

    fi.submap_idx = XENFEAT_NR_SUBMAPS + 7;
    check_rc(hc_xen_version(XENVER_get_features, &fi), -XEN_EINVAL);

    check_rc(hc_xen_version(XENVER_pagesize, NULL), 4096);

    struct xen_platform_parameters pp = { 0 };
    check_rc(hc_xen_version(XENVER_platform_parameters, &pp), 0);
    check(pp.virt_start == HYPERVISOR_VIRT_START, "platform virt_start %#lx", pp.virt_start);

    xen_domain_handle_t handle;
    check_rc(hc_xen_version(XENVER_guest_handle, handle), 0);

    struct xen_compile_info ci;
    check_rc(hc_xen_version(XENVER_compile_info, &ci), 0);
    check(strnlen(ci.compiler, sizeof(ci.compiler)) < sizeof(ci.compiler), "compiler not terminated");

    check_rc(hc_xen_version(0x7fff, NULL), -XEN_ENOSYS);
}
