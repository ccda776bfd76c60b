/* SPDX-License-Identifier: GPL-2.0-only */
/* Which hardware I/O ports a domain may reach, and the accesses themselves. */
#include <xen/acpi.h>
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/io.h>
#include <asm/pci.h>
#include <asm/pv-priv.h>

/*
 * The privileged domain gets every port except those the hypervisor drives:
 * its console UART, the PIT (0x40-0x43) and its gate (0x61), the 8259 PICs
 * (0x20/0x21, 0xa0/0xa1), and the ACPI PM timer and PM1 control blocks from
 * the FADT. PCI configuration (a 4-byte 0xcf8, 0xcfc-0xcff) goes through a
 * virtual address latch per domain and the hypervisor's locked accessors
 * (asm/pci.h), as Xen does; the RTC (0x70/0x71) is passed through: the
 * hypervisor reads it only at boot.
 * Every other domain gets no port: reads return all ones, writes are dropped.
 */
struct port_range {
    uint32_t first, last;
};

static bool overlaps(unsigned int port, unsigned int bytes, uint32_t first, uint32_t last)
{
    return first && port <= last && port + bytes - 1 >= first;
}

static bool hypervisor_owns(unsigned int port, unsigned int bytes)
{
    static const struct port_range fixed[] = {
        {0x20, 0x21},
        {0xa0, 0xa1},
        {0x40, 0x43},
        {0x61, 0x61},
    };
    for (size_t i = 0; i < ARRAY_SIZE(fixed); i++)
        if (overlaps(port, bytes, fixed[i].first, fixed[i].last))
            return true;
    uint16_t uart = serial_io_base();
    if (overlaps(port, bytes, uart, uart + 7u))
        return true;
    if (acpi.have_fadt) {
        const struct fadt_info *f = &acpi.fadt;
        if (overlaps(port, bytes, f->pm_tmr, f->pm_tmr + 3) ||
            overlaps(port, bytes, f->pm1a_cnt, f->pm1a_cnt + 1) ||
            overlaps(port, bytes, f->pm1b_cnt, f->pm1b_cnt + 1))
            return true;
    }
    return false;
}

bool ioports_permitted(const struct domain *d, unsigned int port, unsigned int bytes)
{
    if (!d->is_privileged || port + bytes > 0x10000)
        return false;
    return !hypervisor_owns(port, bytes);
}

uint32_t guest_io_read(const struct domain *d, unsigned int port, unsigned int bytes)
{
    if (!ioports_permitted(d, port, bytes))
        return bytes == 4 ? ~0u : (1u << (bytes * 8)) - 1;
    if (pci_conf_port(port, bytes))
        return pci_conf_guest_read(d, port, bytes);
    switch (bytes) {
    case 1: return inb(port);
    case 2: return inw(port);
    default: return inl(port);
    }
}

void guest_io_write(struct domain *d, unsigned int port, unsigned int bytes, uint32_t val)
{
    if (!ioports_permitted(d, port, bytes))
        return;
    if (pci_conf_port(port, bytes)) {
        pci_conf_guest_write(d, port, bytes, val);
        return;
    }
    switch (bytes) {
    case 1: outb(val, port); break;
    case 2: outw(val, port); break;
    default: outl(val, port); break;
    }
}
