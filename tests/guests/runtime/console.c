/* SPDX-License-Identifier: GPL-2.0-only */
/* Console output through HYPERVISOR_console_io(CONSOLEIO_write) and a small printf. */
#include "guest.h"

/* The console ring of a domain without console_io rights (start_info console.domU), or NULL. */
static struct xencons_interface *console_ring(void)
{
    if (!start_info || (start_info->flags & SIF_INITDOMAIN) || !start_info->console.domU.mfn ||
        !start_info->console.domU.evtchn)
        return NULL;
    return mfn_to_virt(start_info->console.domU.mfn);
}

static void console_notify(void)
{
    struct evtchn_send s = { .port = start_info->console.domU.evtchn };
    hc_event_channel_op(EVTCHNOP_send, &s);
}

/* Producer side of the out ring: copy what fits, notify, yield while the backend is behind. */
static void ring_write(struct xencons_interface *r, const char *s, size_t len)
{
    while (len) {
        XENCONS_RING_IDX cons = *(volatile XENCONS_RING_IDX *)&r->out_cons, prod = r->out_prod;
        asm volatile("" ::: "memory");
        size_t n = 0;
        while (n < len && prod - cons < sizeof(r->out))
            r->out[MASK_XENCONS_IDX(prod++, r->out)] = s[n++];
        asm volatile("" ::: "memory");   /* data before the index (x86 keeps stores in order) */
        *(volatile XENCONS_RING_IDX *)&r->out_prod = prod;
        console_notify();
        if (!n) {
            hc_sched_op(SCHEDOP_yield, NULL);
        }
        s += n;
        len -= n;
    }
}

void console_write(const char *s, size_t len)
{
    while (len) {
        long rc = hc_console_io(CONSOLEIO_write, len, s);

        if (rc == -XEN_EPERM) {
            /* An unprivileged domU (as on a release Xen): use the console ring if we have one. */
            struct xencons_interface *r = console_ring();
            if (r)
                ring_write(r, s, len);
            return;
        }
        if (rc < 0)
            return;
        /* Xen returns 0 on success, having written everything. */
        if (rc == 0 || (size_t)rc >= len)
            return;
        s += rc;
        len -= (size_t)rc;
    }
}

struct out {
    char *buf;
    size_t size, len;
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void put_num(struct out *o, uint64_t v, unsigned int base, bool neg,
                    int width, char pad, bool alt)
{
    char tmp[24];
    int n = 0;

    do {
        tmp[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (alt && base == 16) {
        put(o, '0');
        put(o, 'x');
    }
    if (neg)
        tmp[n++] = '-';
    while (width-- > n)
        put(o, pad);
    while (n)
        put(o, tmp[--n]);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };

    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        fmt++;
        bool alt = false;
        char pad = ' ';
        int width = 0, longs = 0;

        if (*fmt == '#')
            alt = true, fmt++;
        if (*fmt == '0')
            pad = '0', fmt++;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l')
            longs++, fmt++;
        if (*fmt == 'z')
            longs = 1, fmt++;

        switch (*fmt) {
        case 'd':
        case 'i': {
            int64_t v = longs ? va_arg(ap, int64_t) : va_arg(ap, int);
            put_num(&o, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0, width, pad, false);
            break;
        }
        case 'u':
        case 'x': {
            uint64_t v = longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int);
            put_num(&o, v, *fmt == 'u' ? 10 : 16, false, width, pad, alt);
            break;
        }
        case 'p':
            put_num(&o, (uint64_t)va_arg(ap, void *), 16, false, width, pad, true);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);

            if (!s)
                s = "(null)";
            for (int n = (int)strlen(s); width-- > n;)
                put(&o, ' ');
            while (*s)
                put(&o, *s++);
            break;
        }
        case 'c':
            put(&o, (char)va_arg(ap, int));
            break;
        case '%':
            put(&o, '%');
            break;
        default:
            put(&o, '%');
            put(&o, *fmt);
            break;
        }
        if (!*fmt)
            break;
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int printf(const char *fmt, ...)
{
    char buf[512];
    va_list ap;

    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    console_write(buf, strnlen(buf, sizeof(buf)));
    return n;
}
