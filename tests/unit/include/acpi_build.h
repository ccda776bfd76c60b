/* SPDX-License-Identifier: GPL-2.0-only */
/* Host unit tests: building ACPI tables byte by byte in a fake physical memory. */
#ifndef ACPI_BUILD_H
#define ACPI_BUILD_H

#include <string.h>
#include <xen/acpi.h>

/* Fake physical memory: physical address == offset into this buffer. */
#define FAKE_PHYS_SIZE 0x10000
static uint8_t phys[FAKE_PHYS_SIZE];

static inline const void *fake_map(paddr_t pa, size_t len)
{
    if (pa >= FAKE_PHYS_SIZE || len > FAKE_PHYS_SIZE - pa)
        return NULL;
    return phys + pa;
}

/* Start a table at @pa with @sig; returns a cursor for appending. */
static inline struct acpi_table_header *table_start(paddr_t pa, const char *sig, uint8_t rev)
{
    struct acpi_table_header *h = (void *)(phys + pa);
    memset(h, 0, sizeof(*h));
    memcpy(h->signature, sig, 4);
    h->revision = rev;
    memcpy(h->oem_id, "XENOLT", 6);
    memcpy(h->oem_table_id, "UNITTEST", 8);
    h->length = sizeof(*h);
    return h;
}

static inline void table_append(struct acpi_table_header *h, const void *bytes, size_t n)
{
    memcpy((uint8_t *)h + h->length, bytes, n);
    h->length += n;
}

/* Set the checksum so all bytes sum to zero. */
static inline void table_seal(struct acpi_table_header *h)
{
    h->checksum = 0;
    h->checksum = -acpi_checksum(h, h->length);
}

#endif
