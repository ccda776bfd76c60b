/* SPDX-License-Identifier: GPL-2.0-only */
/* XENMEM_exchange trades two unmapped frames for one machine-contiguous extent below an address limit. */
/*
 * Bug class: exchanging frames the guest still maps (the hypervisor would
 * free memory a live mapping points at), frames of another owner, or
 * accepting malformed requests. Linux's xen-swiotlb builds its DMA bounce
 * buffer with this call. As Xen 4.17: unreadable argument -EFAULT; orders
 * above the limit -EPERM; progress beyond the input, different in/out
 * domains or unequal sizes -EINVAL; unknown domain -ESRCH; a mapped or
 * foreign frame -EINVAL with nothing exchanged; an impossible address
 * limit -ENOMEM; success reports every input extent exchanged.
 */
#include "guest.h"

const char test_title[] = "XENMEM_exchange: contiguous frames for DMA, refusals";

static xen_pfn_t in_list[2], out_list[1];

static long exchange(struct xen_memory_exchange *x, unsigned int out_order, unsigned int bits,
                     domid_t in_dom, domid_t out_dom)
{
    *x = (struct xen_memory_exchange){
        .in = { .nr_extents = 2, .extent_order = 0, .domid = in_dom },
        .out = { .nr_extents = 1, .extent_order = out_order, .mem_flags = XENMEMF_address_bits(bits),
                 .domid = out_dom },
    };
    set_xen_guest_handle(x->in.extent_start, in_list);
    set_xen_guest_handle(x->out.extent_start, out_list);
    return hc_memory_op(XENMEM_exchange, x);
}

void test_main(void)
{
    uint8_t *a = alloc_page(), *b = alloc_page();
    uint64_t pa = virt_to_pfn(a), pb = virt_to_pfn(b);
    if (pb != pa + 1) {
        test_error("pool pages not adjacent: pfn %#lx, %#lx", pa, pb);
        return;
    }
    struct xen_memory_exchange x;

    check_rc(hc_memory_op(XENMEM_exchange, (void *)1), -XEN_EFAULT);
    in_list[0] = p2m[pa];
    in_list[1] = p2m[pb];
    out_list[0] = pa;
    check_rc(exchange(&x, 0, 32, DOMID_SELF, DOMID_SELF), -XEN_EINVAL);        /* 2 pages for 1 */
    check_rc(exchange(&x, 1, 32, DOMID_SELF, 0), -XEN_EINVAL);
    check_rc(exchange(&x, 1, 32, 77, 77), -XEN_ESRCH);
    x.nr_exchanged = 3;
    check_rc(hc_memory_op(XENMEM_exchange, &x), -XEN_EINVAL);
    x = (struct xen_memory_exchange){ .in = { .nr_extents = 1, .extent_order = 20 },
                                      .out = { .nr_extents = 1, .extent_order = 20 } };
    check_rc(hc_memory_op(XENMEM_exchange, &x), -XEN_EPERM);

    /* Still mapped (our kernel mapping of the pages): refused, nothing exchanged. */
    check_rc(exchange(&x, 1, 32, DOMID_SELF, DOMID_SELF), -XEN_EINVAL);
    check(x.nr_exchanged == 0, "nr_exchanged %lu after a refusal", x.nr_exchanged);

    check_rc(hc_update_va_mapping(a, 0, UVMF_INVLPG), 0);
    check_rc(hc_update_va_mapping(b, 0, UVMF_INVLPG), 0);

    /* A frame that is not ours. */
    in_list[1] = start_info->shared_info >> PAGE_SHIFT;
    check_rc(exchange(&x, 1, 32, DOMID_SELF, DOMID_SELF), -XEN_EINVAL);
    check(x.nr_exchanged == 0, "nr_exchanged %lu with a foreign frame", x.nr_exchanged);
    in_list[1] = p2m[pb];

    /* Below 8 KiB: impossible. Then below 4 GiB. */
    check_rc(exchange(&x, 1, 13, DOMID_SELF, DOMID_SELF), -XEN_ENOMEM);
    check(x.nr_exchanged == 0, "nr_exchanged %lu after -ENOMEM", x.nr_exchanged);
    out_list[0] = pa;
    check_rc(exchange(&x, 1, 32, DOMID_SELF, DOMID_SELF), 0);
    uint64_t mfn = out_list[0];
    check(x.nr_exchanged == 2, "nr_exchanged %lu", x.nr_exchanged);
    check(!(mfn & 1) && mfn < (1UL << 20), "new extent at mfn %#lx", mfn);
    check(m2p[mfn] == pa && m2p[mfn + 1] == pb, "M2P of the new extent: %#lx %#lx", m2p[mfn], m2p[mfn + 1]);

    /* The new frames are ours: map them and use them. */
    p2m[pa] = mfn;
    p2m[pb] = mfn + 1;
    check_rc(make_writable(a), 0);
    check_rc(make_writable(b), 0);
    uint64_t v = 0;
    check(probe_write(a, 0x1234) == 0 && probe_write(b, 0x5678) == 0 && probe_read(a, &v) == 0 &&
          v == 0x1234, "exchanged pages unusable");
}
