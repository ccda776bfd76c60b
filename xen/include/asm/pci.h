/* SPDX-License-Identifier: GPL-2.0-only */
/* PCI configuration space through ports 0xcf8/0xcfc, shared by the hypervisor and the privileged domain. */
#ifndef ASM_PCI_H
#define ASM_PCI_H

#include <xen/types.h>

struct domain;

#define PCI_SBDF(bus, devfn) (((uint32_t)(bus) << 8) | (devfn))

uint32_t pci_conf_read(uint32_t sbdf, unsigned int reg, unsigned int bytes);
void pci_conf_write(uint32_t sbdf, unsigned int reg, unsigned int bytes, uint32_t val);
/* Offset of capability @id in @sbdf's list, 0 if absent. */
unsigned int pci_find_cap(uint32_t sbdf, uint8_t id);

/* The privileged domain's port accesses to 0xcf8-0xcff: its own address latch, as Xen keeps. */
bool pci_conf_port(unsigned int port, unsigned int bytes);
uint32_t pci_conf_guest_read(const struct domain *d, unsigned int port, unsigned int bytes);
void pci_conf_guest_write(struct domain *d, unsigned int port, unsigned int bytes, uint32_t val);

#define PCI_CAP_ID_MSI  0x05
#define PCI_CAP_ID_MSIX 0x11

#endif
