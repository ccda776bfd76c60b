/* SPDX-License-Identifier: GPL-2.0-only */
/* The privileged domain maps a legacy GSI (the RTC's) to a pirq, binds it, and gets its interrupts as events. */
/*
 * Bug class: device interrupts that never reach dom0, or that are
 * mis-acknowledged so only the first one arrives; pirq bookkeeping that
 * accepts bad numbers or double binds. As Xen 4.17: map_pirq(GSI) returns
 * the pirq asked for, a second pirq for the same GSI is -EEXIST, bad
 * GSIs/types -EINVAL, an unknown domain -ESRCH; bind_pirq of an unmapped
 * pirq -EPERM, twice -EEXIST, out of range -EINVAL; EOI and unmap of an
 * unmapped pirq -EINVAL; apic_read of a non-IO-APIC address -EINVAL; the
 * EOI bitmap frame registered once (-EBUSY), a frame not ours -EINVAL.
 */
#include "guest.h"
#include "priv.h"

const char test_title[] = "privileged domain: RTC interrupt through map_pirq + bind_pirq";

#define RTC_GSI 8
static volatile unsigned int rtc_irqs;

static uint8_t cmos_read(uint8_t reg)
{
    uint8_t v = 0;
    probe_outb(0x70, reg);
    probe_inb(0x71, &v);
    return v;
}

static void cmos_write(uint8_t reg, uint8_t v)
{
    probe_outb(0x70, reg);
    probe_outb(0x71, v);
}

static void on_rtc(evtchn_port_t port)
{
    (void)port;
    cmos_read(0x0c);                    /* acknowledge at the RTC: the line drops */
    rtc_irqs++;
    struct physdev_eoi eoi = { .irq = RTC_GSI };
    hc_physdev_op(PHYSDEVOP_eoi, &eoi);
}

static long map_gsi(int gsi, int pirq, int type, domid_t dom, struct physdev_map_pirq *m)
{
    *m = (struct physdev_map_pirq){ .domid = dom, .type = type, .index = gsi, .pirq = pirq };
    return hc_physdev_op(PHYSDEVOP_map_pirq, m);
}

void test_main(void)
{
    if (!is_privileged()) {
        test_skip("needs the privileged initial domain");
        return;
    }
    struct physdev_set_iopl iopl = { .iopl = 1 };
    check_rc(hc_physdev_op(PHYSDEVOP_set_iopl, &iopl), 0);

    /* The IO-APIC is readable through apic_read (QEMU: version 0x20, 24 pins). */
    struct physdev_apic ap = { .apic_physbase = 0xfec00000, .reg = 1 };
    check_rc(hc_physdev_op(PHYSDEVOP_apic_read, &ap), 0);
    check((ap.value & 0xff) >= 0x11 && ((ap.value >> 16) & 0xff) == 23, "IO-APIC version %#x", ap.value);
    ap.apic_physbase = 0xfeb00000;
    check_rc(hc_physdev_op(PHYSDEVOP_apic_read, &ap), -XEN_EINVAL);
    check_rc(hc_physdev_op(PHYSDEVOP_apic_read, (void *)1), -XEN_EFAULT);

    /* Bad map requests. */
    struct physdev_map_pirq m;
    check_rc(map_gsi(-1, -1, MAP_PIRQ_TYPE_GSI, DOMID_SELF, &m), -XEN_EINVAL);
    check_rc(map_gsi(100000, -1, MAP_PIRQ_TYPE_GSI, DOMID_SELF, &m), -XEN_EINVAL);
    check_rc(map_gsi(RTC_GSI, -1, 77, DOMID_SELF, &m), -XEN_EINVAL);
    check_rc(map_gsi(RTC_GSI, -1, MAP_PIRQ_TYPE_GSI, 77, &m), -XEN_ESRCH);
    check_rc(hc_physdev_op(PHYSDEVOP_map_pirq, (void *)1), -XEN_EFAULT);

    /* GSI 8 -> pirq 8, as Linux asks; the same again is fine, another pirq is not. */
    check_rc(map_gsi(RTC_GSI, RTC_GSI, MAP_PIRQ_TYPE_GSI, DOMID_SELF, &m), 0);
    check(m.pirq == RTC_GSI, "mapped to pirq %d", m.pirq);
    check_rc(map_gsi(RTC_GSI, RTC_GSI, MAP_PIRQ_TYPE_GSI, DOMID_SELF, &m), 0);
    check_rc(map_gsi(RTC_GSI, RTC_GSI + 1, MAP_PIRQ_TYPE_GSI, DOMID_SELF, &m), -XEN_EEXIST);

    struct physdev_irq_status_query q = { .irq = RTC_GSI };
    check_rc(hc_physdev_op(PHYSDEVOP_irq_status_query, &q), 0);
    check(q.flags & XENIRQSTAT_needs_eoi, "status flags %#x", q.flags);
    q.irq = 100000;
    check_rc(hc_physdev_op(PHYSDEVOP_irq_status_query, &q), -XEN_EINVAL);

    /* Binding. */
    struct evtchn_bind_pirq bp = { .pirq = 30 };
    check_rc(hc_event_channel_op(EVTCHNOP_bind_pirq, &bp), -XEN_EPERM);
    bp.pirq = 100000;
    check_rc(hc_event_channel_op(EVTCHNOP_bind_pirq, &bp), -XEN_EINVAL);
    bp.pirq = RTC_GSI;
    check_rc(hc_event_channel_op(EVTCHNOP_bind_pirq, &bp), 0);
    evtchn_port_t port = bp.port;
    check_rc(hc_event_channel_op(EVTCHNOP_bind_pirq, &bp), -XEN_EEXIST);
    struct evtchn_status st = { .dom = DOMID_SELF, .port = port };
    check_rc(hc_event_channel_op(EVTCHNOP_status, &st), 0);
    check(st.status == EVTCHNSTAT_pirq && st.u.pirq == RTC_GSI, "status %u pirq %u", st.status, st.u.pirq);
    if (port == 0 || port >= 64) {
        test_error("unusable port %u", port);
        return;
    }

    /* An EOI bitmap: a frame we own, once (-EBUSY after); an edge pirq never needs its bit. */
    uint64_t *eoi_map = alloc_page();
    struct physdev_pirq_eoi_gmfn eg = { .gmfn = 0xfffffffffUL };
    check_rc(hc_physdev_op(PHYSDEVOP_pirq_eoi_gmfn_v2, &eg), -XEN_EINVAL);
    eg.gmfn = virt_to_mfn(eoi_map);
    check_rc(hc_physdev_op(PHYSDEVOP_pirq_eoi_gmfn_v2, &eg), 0);
    check_rc(hc_physdev_op(PHYSDEVOP_pirq_eoi_gmfn_v2, &eg), -XEN_EBUSY);

    /* The RTC's periodic interrupt (1024 Hz): several must arrive, each EOIed. */
    evtchn_set_handler(port, on_rtc);
    evtchn_unmask_local(port);
    cmos_read(0x0c);
    cmos_write(0x0b, cmos_read(0x0b) | 0x40);
    events_enable();
    uint64_t deadline = pvclock_now() + 500000000;
    while (rtc_irqs < 5 && pvclock_now() < deadline) {
        check_rc(hc_set_timer_op(pvclock_now() + 2000000), 0);
        events_disable();
        if (rtc_irqs < 5)
            hc_sched_op(SCHEDOP_block, NULL);
        events_enable();
    }
    cmos_write(0x0b, cmos_read(0x0b) & ~0x40);
    cmos_read(0x0c);
    check(rtc_irqs >= 5, "only %u RTC interrupts in 500 ms", rtc_irqs);
    check(!(eoi_map[0] & (1UL << RTC_GSI)), "EOI bit set for an edge pirq: %#lx", eoi_map[0]);

    /* Teardown. */
    struct evtchn_close cl = { .port = port };
    check_rc(hc_event_channel_op(EVTCHNOP_close, &cl), 0);
    struct physdev_eoi eoi = { .irq = 31 };
    check_rc(hc_physdev_op(PHYSDEVOP_eoi, &eoi), -XEN_EINVAL);
    eoi.irq = 100000;
    check_rc(hc_physdev_op(PHYSDEVOP_eoi, &eoi), -XEN_EINVAL);
    struct physdev_unmap_pirq um = { .domid = DOMID_SELF, .pirq = RTC_GSI };
    check_rc(hc_physdev_op(PHYSDEVOP_unmap_pirq, &um), 0);
    check_rc(hc_physdev_op(PHYSDEVOP_unmap_pirq, &um), -XEN_EINVAL);
    um.pirq = -5;
    check_rc(hc_physdev_op(PHYSDEVOP_unmap_pirq, &um), -XEN_EINVAL);
}
