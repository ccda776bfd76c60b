/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/arch/x86/ioports.c */
/* Port rules: the privileged domain reaches every port but the hypervisor's; other domains none (all ones). */
#include <test.h>
#include <xen/acpi.h>
#include <xen/sched.h>
#include <asm/pv-priv.h>

struct acpi_state acpi;
static uint16_t uart = 0x3f8;

uint16_t serial_io_base(void) { return uart; }

/* PCI configuration ports are routed to the latch emulation (arch/x86/pci.c), stubbed here. */
static unsigned int pci_calls;
static uint32_t pci_written;
bool pci_conf_port(unsigned int port, unsigned int bytes)
{
    return (port == 0xcf8 && bytes == 4) || (port >= 0xcfc && port + bytes <= 0xd00);
}
uint32_t pci_conf_guest_read(const struct domain *d, unsigned int port, unsigned int bytes)
{
    pci_calls++;
    return 0x12345678;
}
void pci_conf_guest_write(struct domain *d, unsigned int port, unsigned int bytes, uint32_t val)
{
    pci_calls++;
    pci_written = val;
}

int main(void)
{
    struct domain dom0 = {.is_privileged = true}, domu = {.is_privileged = false};

    acpi.have_fadt = true;
    acpi.fadt.pm_tmr = 0x608;
    acpi.fadt.pm1a_cnt = 0x604;

    /* Open to dom0: POST, PCI config, RTC, a second UART, the top port. */
    CHECK(ioports_permitted(&dom0, 0x80, 1));
    CHECK(ioports_permitted(&dom0, 0xcf8, 4));
    CHECK(ioports_permitted(&dom0, 0xcfc, 4));
    CHECK(ioports_permitted(&dom0, 0x70, 1));
    CHECK(ioports_permitted(&dom0, 0x2f8, 1));
    CHECK(ioports_permitted(&dom0, 0xffff, 1));

    /* The hypervisor's: PICs, PIT and its gate, console UART, PM timer, PM1a control. */
    static const unsigned int hv_ports[] = {0x20,  0x21,  0xa0,  0xa1,  0x40,  0x43,  0x61,
                                            0x3f8, 0x3fd, 0x3ff, 0x608, 0x60b, 0x604, 0x605};
    for (size_t i = 0; i < ARRAY_SIZE(hv_ports); i++)
        CHECK(!ioports_permitted(&dom0, hv_ports[i], 1));
    /* Wide accesses that only touch a hypervisor port at their end. */
    CHECK(!ioports_permitted(&dom0, 0x3f6, 4));
    CHECK(!ioports_permitted(&dom0, 0x1e, 4));
    CHECK(ioports_permitted(&dom0, 0x3f4, 4));
    CHECK(!ioports_permitted(&dom0, 0x602, 4));
    /* Past the port space. */
    CHECK(!ioports_permitted(&dom0, 0xfffe, 4));

    /* No UART, no FADT: those ports are dom0's again. */
    uart = 0;
    acpi.have_fadt = false;
    CHECK(ioports_permitted(&dom0, 0x3f8, 1));
    CHECK(ioports_permitted(&dom0, 0x608, 4));
    CHECK(!ioports_permitted(&dom0, 0x40, 1));

    /* Unprivileged: nothing, and refused reads see all ones without touching hardware. */
    CHECK(!ioports_permitted(&domu, 0x80, 1));
    CHECK_EQ(guest_io_read(&domu, 0x80, 1), 0xff);
    CHECK_EQ(guest_io_read(&domu, 0x80, 2), 0xffff);
    CHECK_EQ(guest_io_read(&domu, 0x80, 4), 0xffffffff);
    guest_io_write(&domu, 0x80, 1, 0x12);
    CHECK_EQ(guest_io_read(&dom0, 0x40, 1), 0xff);

    /* PCI configuration: dom0's go to the latch emulation, a domU's never reach it. */
    CHECK_EQ(guest_io_read(&dom0, 0xcfc, 4), 0x12345678);
    guest_io_write(&dom0, 0xcf8, 4, 0x80000010);
    CHECK_EQ(pci_written, 0x80000010);
    CHECK_EQ(pci_calls, 2);
    CHECK_EQ(guest_io_read(&domu, 0xcfc, 4), 0xffffffff);
    guest_io_write(&domu, 0xcf8, 4, 0);
    CHECK_EQ(pci_calls, 2);
    return test_done();
}
