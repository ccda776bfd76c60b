/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor console: serial output, the in-memory ring, log levels. */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/types.h>

/* A character sink (serial port, ...). */
struct console_sink {
    void (*puts)(const char *s, size_t len);
};

void console_init_preirq(void);          /* after the command line is parsed */
void console_register_sink(const struct console_sink *sink);
void console_force_unlock(void);        /* panic path: steal the lock */
/* Copy up to @len bytes of the ring, oldest first, from byte @offset; returns bytes copied. */
size_t console_ring_read(char *buf, size_t offset, size_t len);
size_t console_ring_used(void);

/* A guest's console text, written as it is (no timestamps), also kept in the ring. */
void console_guest_write(const char *s, size_t len);

/* Serial port driver (COM1/COM2 as chosen by console=/comN=). */
void serial_init(void);

#endif
