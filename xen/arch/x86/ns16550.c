/* SPDX-License-Identifier: GPL-2.0-only */
/* 16550 UART console on COM1/COM2, options as Xen: console=com1 com1=115200,8n1[,io-base[,irq]]. */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <asm/io.h>

#define UART_THR 0
#define UART_DLL 0
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_THRE 0x20
#define LCR_DLAB 0x80
#define UART_CLOCK 115200

struct uart {
    uint16_t io_base;
    unsigned int baud;      /* 0: keep what the firmware set */
    uint8_t lcr;            /* data bits, parity, stop bits */
    unsigned int irq;
};

static struct uart uarts[2] = {
    { .io_base = 0x3f8, .baud = 0, .lcr = 0x03, .irq = 4 },
    { .io_base = 0x2f8, .baud = 0, .lcr = 0x03, .irq = 3 },
};
static struct uart *active;

static char opt_console[64] = "com1";
string_param("console", opt_console);

/* <baud>[/<clock>][,DPS[,<io-base>[,<irq>]]], e.g. 115200,8n1,0x3f8,4 */
static int parse_com(struct uart *u, const char *s)
{
    const char *p = s;
    if (!strncmp(p, "auto", 4)) {
        u->baud = 0;
        p += 4;
    } else if (*p >= '0' && *p <= '9') {
        u->baud = simple_strtoull(p, &p, 10);
        if (u->baud < 50 || u->baud > UART_CLOCK)
            return -1;
    }
    if (*p == '/')                      /* base clock: only the standard one is supported */
        simple_strtoull(p + 1, &p, 0);
    if (*p == ',') {
        p++;
        if (*p >= '5' && *p <= '8') {
            uint8_t bits = *p++ - '5';
            uint8_t parity;
            switch (*p++) {
            case 'n': case 'N': parity = 0x00; break;
            case 'o': case 'O': parity = 0x08; break;
            case 'e': case 'E': parity = 0x18; break;
            case 'm': case 'M': parity = 0x28; break;
            case 's': case 'S': parity = 0x38; break;
            default: return -1;
            }
            if (*p != '1' && *p != '2')
                return -1;
            u->lcr = bits | parity | (*p++ == '2' ? 0x04 : 0);
        }
        if (*p == ',') {
            p++;
            if (*p >= '0' && *p <= '9')
                u->io_base = simple_strtoull(p, &p, 0);
            if (*p == ',')
                u->irq = simple_strtoull(p + 1, &p, 0);
        }
    }
    return *p ? -1 : 0;
}
static int parse_com1(const char *s) { return parse_com(&uarts[0], s); }
static int parse_com2(const char *s) { return parse_com(&uarts[1], s); }
custom_param("com1", parse_com1);
custom_param("com2", parse_com2);

static void uart_putc(struct uart *u, char c)
{
    for (unsigned spins = 0; !(inb(u->io_base + UART_LSR) & LSR_THRE) && spins < 1000000; spins++)
        ;
    outb(c, u->io_base + UART_THR);
}

static void serial_puts(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n')
            uart_putc(active, '\r');
        uart_putc(active, s[i]);
    }
}

static const struct console_sink serial_sink = { .puts = serial_puts };

void serial_init(void)
{
    /* console=com1,vga: the first serial port named wins. */
    if (strstr(opt_console, "com1"))
        active = &uarts[0];
    else if (strstr(opt_console, "com2"))
        active = &uarts[1];
    else
        return;

    struct uart *u = active;
    outb(0, u->io_base + UART_IER);     /* polled for now */
    if (u->baud) {
        unsigned int div = UART_CLOCK / u->baud;
        outb(LCR_DLAB, u->io_base + UART_LCR);
        outb(div & 0xff, u->io_base + UART_DLL);
        outb(div >> 8, u->io_base + UART_DLM);
    }
    outb(u->lcr, u->io_base + UART_LCR);
    outb(0x07, u->io_base + UART_FCR);  /* enable and clear FIFOs */
    outb(0x03, u->io_base + UART_MCR);  /* DTR, RTS */
    console_register_sink(&serial_sink);
}

uint16_t serial_io_base(void)
{
    return active ? active->io_base : 0;
}
