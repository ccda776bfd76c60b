/* SPDX-License-Identifier: GPL-2.0-only */
/* printk: timestamped lines to every sink and to the console ring kept for dmesg. */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <asm/current.h>
#include <asm/power.h>

#define CONRING_SIZE (64 * 1024)
#define MAX_SINKS 4

static char conring[CONRING_SIZE];
static size_t conring_prod;            /* total bytes ever written */
static DEFINE_SPINLOCK(console_lock);
static const struct console_sink *sinks[MAX_SINKS];
static unsigned int nr_sinks;
static bool at_line_start = true;

/* loglvl=<lvl>: messages with a level above it are kept in the ring only. */
static int loglvl = LOG_INFO;
static int parse_loglvl(const char *s)
{
    static const char *const names[] = { "error", "warning", "info", "debug", "all" };
    if (!strcmp(s, "none")) {
        loglvl = -1;
        return 0;
    }
    for (unsigned i = 0; i < ARRAY_SIZE(names); i++) {
        size_t n = strlen(names[i]);
        if (!strncmp(s, names[i], n) && (s[n] == '\0' || s[n] == '/')) {
            loglvl = i > LOG_DEBUG ? LOG_DEBUG : (int)i;
            return 0;
        }
    }
    return -1;
}
custom_param("loglvl", parse_loglvl);

/* noreboot: on panic, stay up so the console can be read. */
bool opt_noreboot;
boolean_param("noreboot", opt_noreboot);

void console_register_sink(const struct console_sink *sink)
{
    unsigned long f = spin_lock_irqsave(&console_lock);
    if (nr_sinks < MAX_SINKS) {
        sinks[nr_sinks++] = sink;
        /* Replay what was logged before this sink existed (early warnings). */
        size_t used = console_ring_used(), start = conring_prod - used;
        for (size_t i = 0; i < used; i++) {
            char c = conring[(start + i) % CONRING_SIZE];
            sink->puts(&c, 1);
        }
    }
    spin_unlock_irqrestore(&console_lock, f);
}

void console_force_unlock(void)
{
    spin_lock_init(&console_lock);
}

static void ring_put(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        conring[(conring_prod + i) % CONRING_SIZE] = s[i];
    conring_prod += len;
}

size_t console_ring_used(void)
{
    return conring_prod < CONRING_SIZE ? conring_prod : CONRING_SIZE;
}

size_t console_ring_read(char *buf, size_t offset, size_t len)
{
    unsigned long f = spin_lock_irqsave(&console_lock);
    size_t used = console_ring_used(), start = conring_prod - used, n = 0;
    for (; offset + n < used && n < len; n++)
        buf[n] = conring[(start + offset + n) % CONRING_SIZE];
    spin_unlock_irqrestore(&console_lock, f);
    return n;
}

static void emit(const char *s, size_t len, bool to_sinks)
{
    ring_put(s, len);
    if (to_sinks)
        for (unsigned i = 0; i < nr_sinks; i++)
            sinks[i]->puts(s, len);
}

/* Split into lines; each gets "(XENO) [secs.usecs] ". */
static void emit_lines(const char *s, bool to_sinks)
{
    while (*s) {
        if (at_line_start) {
            char stamp[40];
            s_time_t now = NOW();
            int n = snprintf(stamp, sizeof(stamp), "(XENO) [%5lu.%06lu] ",
                             (unsigned long)(now / 1000000000), (unsigned long)(now % 1000000000) / 1000);
            emit(stamp, n, to_sinks);
            at_line_start = false;
        }
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s + 1) : strlen(s);
        emit(s, len, to_sinks);
        if (nl)
            at_line_start = true;
        s += len;
    }
}

void console_guest_write(const char *s, size_t len)
{
    unsigned long f = spin_lock_irqsave(&console_lock);
    emit(s, len, true);
    if (len)
        at_line_start = s[len - 1] == '\n';
    spin_unlock_irqrestore(&console_lock, f);
}

void vprintk(const char *fmt, va_list ap)
{
    char buf[1024];
    vsnprintf(buf, sizeof(buf), fmt, ap);

    const char *s = buf;
    int level = LOG_INFO;
    if (s[0] == '<' && s[1] >= '0' && s[1] <= '3' && s[2] == '>') {
        level = s[1] - '0';
        s += 3;
    }
    unsigned long f = spin_lock_irqsave(&console_lock);
    emit_lines(s, level <= loglvl);
    spin_unlock_irqrestore(&console_lock, f);
}

void printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void panic(const char *fmt, ...)
{
    static volatile int panicking;
    char buf[512];
    va_list ap;

    local_irq_disable();
    if (__atomic_fetch_add(&panicking, 1, __ATOMIC_SEQ_CST)) {
        for (;;)                        /* a second CPU (or a nested panic) just stops */
            halt();
    }
    console_force_unlock();
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    printk(XENLOG_ERR "\n****************************************\n");
    printk(XENLOG_ERR "Panic on CPU %u:\n", smp_processor_id());
    printk(XENLOG_ERR "%s%s", buf, buf[0] && buf[strlen(buf) - 1] == '\n' ? "" : "\n");
    printk(XENLOG_ERR "****************************************\n");
    if (opt_noreboot) {
        printk(XENLOG_ERR "noreboot: halting; the console stays readable\n");
        machine_halt();
    }
    printk(XENLOG_ERR "Rebooting in 5 seconds...\n");
    mdelay(5000);
    machine_restart();
}

void __bug(const char *file, int line, const char *cond)
{
    panic("BUG at %s:%d%s%s", file, line, cond ? ": " : "", cond ? cond : "");
}
