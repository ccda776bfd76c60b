/* SPDX-License-Identifier: GPL-2.0-only */
/* Compile-time checks of public ABI layouts against offsets verified in Xen's headers. */
#include "guest.h"

#define at(type, field, off) _Static_assert(offsetof(type, field) == (off), #type "." #field)
#define size(type, n) _Static_assert(sizeof(type) == (n), "sizeof " #type)

size(struct vcpu_time_info, 32);
at(struct vcpu_time_info, system_time, 0x10);
at(struct vcpu_time_info, tsc_to_system_mul, 0x18);
at(struct vcpu_time_info, tsc_shift, 0x1c);
at(struct vcpu_time_info, flags, 0x1d);

size(struct arch_vcpu_info, 16);
size(struct vcpu_info, 64);
at(struct vcpu_info, evtchn_upcall_mask, 1);
at(struct vcpu_info, evtchn_pending_sel, 8);
at(struct vcpu_info, arch.cr2, 0x10);
at(struct vcpu_info, time, 0x20);

at(struct shared_info, evtchn_pending, 0x800);
at(struct shared_info, evtchn_mask, 0xa00);
at(struct shared_info, wc_version, 0xc00);
at(struct shared_info, wc_sec_hi, 0xc0c);
at(struct shared_info, arch, 0xc10);
size(struct arch_shared_info, 48);

at(struct start_info, nr_pages, 0x20);
at(struct start_info, shared_info, 0x28);
at(struct start_info, flags, 0x30);
at(struct start_info, store_mfn, 0x38);
at(struct start_info, store_evtchn, 0x40);
at(struct start_info, console.domU.mfn, 0x48);
at(struct start_info, console.domU.evtchn, 0x50);
at(struct start_info, console.dom0.info_size, 0x4c);
at(struct start_info, pt_base, 0x58);
at(struct start_info, nr_pt_frames, 0x60);
at(struct start_info, mfn_list, 0x68);
at(struct start_info, mod_start, 0x70);
at(struct start_info, mod_len, 0x78);
at(struct start_info, cmd_line, 0x80);
at(struct start_info, first_p2m_pfn, 0x480);
at(struct start_info, nr_p2m_frames, 0x488);
size(struct start_info, 0x490);

size(struct mmu_update, 16);
size(struct mmuext_op, 24);
at(struct mmuext_op, arg1, 8);
at(struct mmuext_op, arg2, 16);
size(struct multicall_entry, 64);
at(struct multicall_entry, result, 8);
at(struct multicall_entry, args, 16);

size(struct trap_info, 16);
at(struct trap_info, cs, 2);
at(struct trap_info, address, 8);
size(struct iret_context, 72);
at(struct iret_context, rip, 0x20);
at(struct iret_context, ss, 0x40);
size(struct cpu_user_regs, 200);
at(struct cpu_user_regs, error_code, 0x78);
at(struct cpu_user_regs, rip, 0x80);
at(struct cpu_user_regs, cs, 0x88);
at(struct cpu_user_regs, saved_upcall_mask, 0x8c);
at(struct cpu_user_regs, rflags, 0x90);
at(struct cpu_user_regs, gs, 0xc0);
at(struct vcpu_guest_context, flags, 512);
at(struct vcpu_guest_context, user_regs, 520);
at(struct vcpu_guest_context, trap_ctxt, 720);
at(struct vcpu_guest_context, ldt_base, 720 + 256 * 16);
at(struct vcpu_guest_context, ctrlreg, 720 + 256 * 16 + 8 * 21);
size(struct vcpu_guest_context, 5168);

size(struct evtchn_alloc_unbound, 8);
size(struct evtchn_bind_interdomain, 12);
size(struct evtchn_bind_virq, 12);
size(struct evtchn_bind_ipi, 8);
size(struct evtchn_status, 24);
at(struct evtchn_status, status, 8);
at(struct evtchn_status, u, 16);
size(struct evtchn_init_control, 24);

size(struct sched_poll, 24);
at(struct sched_poll, timeout, 16);
size(struct sched_remote_shutdown, 8);

size(struct vcpu_runstate_info, 48);
at(struct vcpu_runstate_info, state_entry_time, 8);
size(struct vcpu_set_singleshot_timer, 16);
size(struct vcpu_register_vcpu_info, 16);

size(struct xen_memory_reservation, 32);
at(struct xen_memory_reservation, extent_order, 16);
at(struct xen_memory_reservation, domid, 24);
size(struct xen_memory_map, 16);
at(struct xen_memory_map, buffer, 8);
size(struct xen_e820_entry, 20);
size(struct xen_machphys_mapping, 24);

size(struct xen_feature_info, 8);
size(struct xen_compile_info, 144);
size(struct callback_register, 16);
at(struct callback_register, address, 8);
size(struct physdev_set_iobitmap, 16);
size(struct physdev_map_pirq, 40);
size(struct xen_memory_exchange, 72);
at(struct xen_memory_exchange, nr_exchanged, 64);
at(struct physdev_map_pirq, table_base, 32);
at(struct physdev_map_pirq, entry_nr, 24);
size(struct physdev_unmap_pirq, 8);
size(struct physdev_setup_gsi, 8);
size(struct physdev_get_free_pirq, 8);
size(struct physdev_pci_device_add, 12);
size(struct physdev_pci_mmcfg_reserved, 16);

/* domctl / sysctl (Xen 4.17, interface versions 0x15). */
size(struct xen_arch_domainconfig, 8);
size(struct xen_domctl_createdomain, 64);
at(struct xen_domctl_createdomain, flags, 20);
at(struct xen_domctl_createdomain, max_vcpus, 28);
at(struct xen_domctl_createdomain, grant_opts, 44);
at(struct xen_domctl_createdomain, arch, 56);
size(struct xen_domctl_getdomaininfo, 112);
at(struct xen_domctl_getdomaininfo, flags, 4);
at(struct xen_domctl_getdomaininfo, tot_pages, 8);
at(struct xen_domctl_getdomaininfo, shared_info_frame, 48);
at(struct xen_domctl_getdomaininfo, nr_online_vcpus, 64);
at(struct xen_domctl_getdomaininfo, handle, 76);
at(struct xen_domctl_getdomaininfo, cpupool, 92);
at(struct xen_domctl_getdomaininfo, gpaddr_bits, 96);
at(struct xen_domctl_getdomaininfo, arch_config, 104);
size(struct xen_domctl_vcpucontext, 16);
at(struct xen_domctl_vcpucontext, ctxt, 8);
size(struct xen_domctl_hypercall_init, 8);
at(struct xen_domctl, interface_version, 4);
at(struct xen_domctl, domain, 8);
at(struct xen_domctl, u, 16);
size(struct xen_domctl, 144);
size(struct xen_sysctl_physinfo, 112);
at(struct xen_sysctl_physinfo, cpu_khz, 24);
at(struct xen_sysctl_physinfo, total_pages, 40);
at(struct xen_sysctl_physinfo, free_pages, 48);
at(struct xen_sysctl_physinfo, hw_cap, 80);
size(struct xen_sysctl_getdomaininfolist, 24);
at(struct xen_sysctl_getdomaininfolist, buffer, 8);
at(struct xen_sysctl_getdomaininfolist, num_domains, 16);
at(struct xen_sysctl, u, 8);
size(struct xen_sysctl, 136);
size(struct xenctl_bitmap, 16);
at(struct xenctl_bitmap, nr_bits, 8);
size(struct xen_domctl_getvcpuinfo, 24);
at(struct xen_domctl_getvcpuinfo, online, 4);
at(struct xen_domctl_getvcpuinfo, running, 6);
at(struct xen_domctl_getvcpuinfo, cpu_time, 8);
at(struct xen_domctl_getvcpuinfo, cpu, 16);
size(struct xen_domctl_vcpuaffinity, 40);
at(struct xen_domctl_vcpuaffinity, cpumap_hard, 8);
at(struct xen_domctl_vcpuaffinity, cpumap_soft, 24);
size(struct xen_domctl_sched_credit, 4);
at(struct xen_domctl_sched_credit, cap, 2);
size(struct xen_domctl_schedparam_vcpu, 16);
at(struct xen_domctl_schedparam_vcpu, vcpuid, 12);
size(struct xen_domctl_scheduler_op, 24);
at(struct xen_domctl_scheduler_op, u, 8);
at(struct xen_domctl_scheduler_op, u.v.nr_vcpus, 16);
size(struct xen_sysctl_sched_id, 4);


size(struct xencons_interface, 3088);
at(struct xencons_interface, out, 1024);
at(struct xencons_interface, in_cons, 3072);
at(struct xencons_interface, out_cons, 3080);
at(struct xencons_interface, out_prod, 3084);
/* Grant tables (Xen's public/grant_table.h). */
size(grant_entry_v1_t, 8);
at(grant_entry_v1_t, domid, 2);
at(grant_entry_v1_t, frame, 4);
size(grant_entry_v2_t, 16);
at(grant_entry_v2_t, full_page.frame, 8);
size(struct gnttab_map_grant_ref, 32);
at(struct gnttab_map_grant_ref, flags, 8);
at(struct gnttab_map_grant_ref, ref, 12);
at(struct gnttab_map_grant_ref, dom, 16);
at(struct gnttab_map_grant_ref, status, 18);
at(struct gnttab_map_grant_ref, handle, 20);
at(struct gnttab_map_grant_ref, dev_bus_addr, 24);
size(struct gnttab_unmap_grant_ref, 24);
at(struct gnttab_unmap_grant_ref, handle, 16);
at(struct gnttab_unmap_grant_ref, status, 20);
size(struct gnttab_setup_table, 24);
at(struct gnttab_setup_table, nr_frames, 4);
at(struct gnttab_setup_table, status, 8);
at(struct gnttab_setup_table, frame_list, 16);
size(struct gnttab_copy, 40);
at(struct gnttab_copy, source.domid, 8);
at(struct gnttab_copy, source.offset, 10);
at(struct gnttab_copy, dest, 16);
at(struct gnttab_copy, len, 32);
at(struct gnttab_copy, flags, 34);
at(struct gnttab_copy, status, 36);
size(struct gnttab_query_size, 16);
at(struct gnttab_query_size, max_nr_frames, 8);
at(struct gnttab_query_size, status, 12);
size(struct gnttab_unmap_and_replace, 24);
at(struct gnttab_unmap_and_replace, new_addr, 8);
at(struct gnttab_unmap_and_replace, status, 20);
size(struct gnttab_get_version, 8);
at(struct gnttab_get_version, version, 4);
size(struct gnttab_cache_flush, 16);
at(struct gnttab_cache_flush, op, 12);
size(struct xen_add_to_physmap, 24);
at(struct xen_add_to_physmap, idx, 8);
at(struct xen_add_to_physmap, gpfn, 16);
size(struct xen_add_to_physmap_batch, 32);
at(struct xen_add_to_physmap_batch, idxs, 8);
at(struct xen_add_to_physmap_batch, errs, 24);
