/* SPDX-License-Identifier: GPL-2.0-only */
/* printf-style formatting: the C conversions the hypervisor uses, plus %pS for symbols. */
#include <xen/lib.h>

struct out {
    char *buf;
    size_t size;
    size_t len;     /* what the full output would need, like C's snprintf */
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void put_str(struct out *o, const char *s, size_t n, int width, bool left)
{
    int pad = width > (int)n ? width - (int)n : 0;
    if (!left)
        while (pad-- > 0)
            put(o, ' ');
    for (size_t i = 0; i < n; i++)
        put(o, s[i]);
    if (left)
        while (pad-- > 0)
            put(o, ' ');
}

struct numfmt {
    int width, prec;
    bool left, zero, plus, space, alt, upper, neg;
    unsigned base;
};

static void put_num(struct out *o, unsigned long long v, struct numfmt *f)
{
    char tmp[24];
    const char *digits = f->upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int n = 0;
    do {
        tmp[n++] = digits[v % f->base];
        v /= f->base;
    } while (v);

    char sign = f->neg ? '-' : f->plus ? '+' : f->space ? ' ' : 0;
    const char *prefix = (f->alt && f->base == 16) ? (f->upper ? "0X" : "0x") : "";
    int zeros = f->prec > n ? f->prec - n : 0;
    int len = n + zeros + (sign != 0) + (int)strlen(prefix);
    if (f->zero && !f->left && f->prec < 0 && f->width > len) {
        zeros += f->width - len;
        len = f->width;
    }
    int pad = f->width > len ? f->width - len : 0;
    if (!f->left)
        while (pad-- > 0)
            put(o, ' ');
    if (sign)
        put(o, sign);
    for (; *prefix; prefix++)
        put(o, *prefix);
    while (zeros-- > 0)
        put(o, '0');
    while (n)
        put(o, tmp[--n]);
    if (f->left)
        while (pad-- > 0)
            put(o, ' ');
}

/* %pB (a return address) looks up addr - 1: a call to a noreturn function may end its caller. */
static void put_symbol(struct out *o, unsigned long addr, bool return_address)
{
    unsigned long off, size;
    const char *name = symbol_lookup(addr - return_address, &off, &size);
    off += return_address;
    struct numfmt f = { .prec = -1, .base = 16, .alt = true };
    if (!name) {
        put_num(o, addr, &f);
        return;
    }
    put_str(o, name, strlen(name), 0, false);
    put(o, '+');
    put_num(o, off, &f);
    put(o, '/');
    put_num(o, size, &f);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };

    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        struct numfmt f = { .width = 0, .prec = -1, .base = 10 };
        for (;; fmt++) {
            char c = fmt[1];
            if (c == '-') f.left = true;
            else if (c == '0') f.zero = true;
            else if (c == '+') f.plus = true;
            else if (c == ' ') f.space = true;
            else if (c == '#') f.alt = true;
            else break;
        }
        fmt++;
        if (*fmt == '*') {
            f.width = va_arg(ap, int);
            if (f.width < 0) {
                f.left = true;
                f.width = -f.width;
            }
            fmt++;
        } else {
            while (*fmt >= '0' && *fmt <= '9')
                f.width = f.width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            f.prec = 0;
            if (*fmt == '*') {
                f.prec = va_arg(ap, int);
                fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9')
                    f.prec = f.prec * 10 + (*fmt++ - '0');
            }
        }
        int lng = 0;            /* -2 hh, -1 h, 0 int, 1 long, 2 long long */
        for (;; fmt++) {
            if (*fmt == 'l') lng++;
            else if (*fmt == 'h') lng--;
            else if (*fmt == 'z' || *fmt == 't') lng = 1;
            else break;
        }

        unsigned long long v;
        switch (*fmt) {
        case 'c': {
            char c = (char)va_arg(ap, int);
            put_str(&o, &c, 1, f.width, f.left);
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            put_str(&o, s, f.prec >= 0 ? strnlen(s, f.prec) : strlen(s), f.width, f.left);
            break;
        }
        case 'p': {
            unsigned long p = (unsigned long)va_arg(ap, void *);
            if (fmt[1] == 'S' || fmt[1] == 's' || fmt[1] == 'B') {
                fmt++;
                put_symbol(&o, p, *fmt == 'B');
                break;
            }
            f.base = 16;
            f.alt = true;
            put_num(&o, p, &f);
            break;
        }
        case 'd':
        case 'i': {
            long long s = lng >= 2 ? va_arg(ap, long long) : lng == 1 ? va_arg(ap, long) : va_arg(ap, int);
            if (lng == -1) s = (short)s;
            if (lng <= -2) s = (signed char)s;
            f.neg = s < 0;
            put_num(&o, f.neg ? -(unsigned long long)s : (unsigned long long)s, &f);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o':
            v = lng >= 2 ? va_arg(ap, unsigned long long) : lng == 1 ? va_arg(ap, unsigned long)
                                                                   : va_arg(ap, unsigned int);
            if (lng == -1) v = (unsigned short)v;
            if (lng <= -2) v = (unsigned char)v;
            f.base = *fmt == 'o' ? 8 : *fmt == 'u' ? 10 : 16;
            f.upper = *fmt == 'X';
            put_num(&o, v, &f);
            break;
        case '%':
            put(&o, '%');
            break;
        default:        /* unknown conversion: print it verbatim so the bug is visible */
            put(&o, '%');
            if (*fmt)
                put(&o, *fmt);
            else
                fmt--;
            break;
        }
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
