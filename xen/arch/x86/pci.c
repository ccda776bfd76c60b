/* SPDX-License-Identifier: GPL-2.0-only */
/* PCI configuration mechanism #1: one lock for the 0xcf8 address latch, a virtual latch per domain. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <asm/io.h>
#include <asm/pci.h>

static DEFINE_SPINLOCK(pci_conf_lock);

static uint32_t conf_addr(uint32_t sbdf, unsigned int reg)
{
    return 0x80000000u | (sbdf & 0xffff) << 8 | (reg & 0xfc);
}

/* @cf8: the value of the address latch; @reg's low two bits pick the byte lane. */
static uint32_t conf_read(uint32_t cf8, unsigned int reg, unsigned int bytes)
{
    unsigned long f = spin_lock_irqsave(&pci_conf_lock);
    outl(cf8, 0xcf8);
    unsigned int port = 0xcfc + (reg & 3);
    uint32_t v = bytes == 1 ? inb(port) : bytes == 2 ? inw(port) : inl(port);
    spin_unlock_irqrestore(&pci_conf_lock, f);
    return v;
}

static void conf_write(uint32_t cf8, unsigned int reg, unsigned int bytes, uint32_t val)
{
    unsigned long f = spin_lock_irqsave(&pci_conf_lock);
    outl(cf8, 0xcf8);
    unsigned int port = 0xcfc + (reg & 3);
    if (bytes == 1)
        outb(val, port);
    else if (bytes == 2)
        outw(val, port);
    else
        outl(val, port);
    spin_unlock_irqrestore(&pci_conf_lock, f);
}

uint32_t pci_conf_read(uint32_t sbdf, unsigned int reg, unsigned int bytes)
{
    return conf_read(conf_addr(sbdf, reg), reg, bytes);
}

void pci_conf_write(uint32_t sbdf, unsigned int reg, unsigned int bytes, uint32_t val)
{
    conf_write(conf_addr(sbdf, reg), reg, bytes, val);
}

unsigned int pci_find_cap(uint32_t sbdf, uint8_t id)
{
    if (pci_conf_read(sbdf, 0, 2) == 0xffff || !(pci_conf_read(sbdf, 0x06, 2) & 0x10))
        return 0;                       /* no device, or no capability list */
    unsigned int pos = pci_conf_read(sbdf, 0x34, 1) & 0xfc;
    for (unsigned int ttl = 48; pos >= 0x40 && ttl; ttl--) {
        if (pci_conf_read(sbdf, pos, 1) == id)
            return pos;
        pos = pci_conf_read(sbdf, pos + 1, 1) & 0xfc;
    }
    return 0;
}

bool pci_conf_port(unsigned int port, unsigned int bytes)
{
    return (port == 0xcf8 && bytes == 4) || (port >= 0xcfc && port + bytes <= 0xd00);
}

uint32_t pci_conf_guest_read(const struct domain *d, unsigned int port, unsigned int bytes)
{
    uint32_t cf8 = d->arch.pci_cf8;
    if (port == 0xcf8)
        return cf8;
    if (!(cf8 & 0x80000000u))
        return bytes == 4 ? ~0u : (1u << (bytes * 8)) - 1;
    return conf_read(cf8, port & 3, bytes);
}

void pci_conf_guest_write(struct domain *d, unsigned int port, unsigned int bytes, uint32_t val)
{
    uint32_t cf8 = d->arch.pci_cf8;
    if (port == 0xcf8)
        d->arch.pci_cf8 = val;
    else if (cf8 & 0x80000000u)
        conf_write(cf8, port & 3, bytes, val);
}
