/* SPDX-License-Identifier: GPL-2.0-only */
/* Console rings the hypervisor serves itself (no console daemon): guest output becomes "(d<id>:<name>) ..." lines. */
#include <xen/console.h>
#include <xen/domain_console.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <public/io/console.h>

#define LINE_MAX_CHARS  200             /* a longer line is cut into pieces of this size */
#define POLL_PERIOD     MILLISECS(50)   /* fallback for guests that write without notifying */

struct domain_console {
    struct domain *d;
    struct xencons_interface *ring;
    unsigned int port;
    spinlock_t lock;
    unsigned int len;                   /* characters of the current line in @line */
    char line[LINE_MAX_CHARS + 1];
    struct domain_console *next;
};

static struct domain_console *consoles;
static DEFINE_SPINLOCK(consoles_lock);
static struct timer poll_timer;

static void emit_line(struct domain_console *con)
{
    char out[LINE_MAX_CHARS + 48];
    int n = snprintf(out, sizeof(out), "(d%u:%s) %.*s\n", con->d->domain_id, con->d->name,
                     (int)con->len, con->line);
    console_guest_write(out, MIN((size_t)n, sizeof(out) - 1));
    con->len = 0;
}

/* One character of guest output into the line being assembled (con->lock held). */
static void put_char(struct domain_console *con, char ch)
{
    if (ch == '\n' || con->len == LINE_MAX_CHARS)
        emit_line(con);
    if (ch == '\n' || ch == '\r')
        return;
    con->line[con->len++] = (ch >= ' ' && ch < 127) || ch == '\t' ? ch : '?';
}

/* Take what the guest produced; complete lines go to the console, a partial one waits. */
static void drain(struct domain_console *con, bool flush)
{
    struct xencons_interface *r = con->ring;
    if (!r) {                           /* console_io only: just the partial line */
        unsigned long f = spin_lock_irqsave(&con->lock);
        if (flush && con->len)
            emit_line(con);
        spin_unlock_irqrestore(&con->lock, f);
        return;
    }
    unsigned long f = spin_lock_irqsave(&con->lock);
    XENCONS_RING_IDX cons = READ_ONCE(r->out_cons), prod = READ_ONCE(r->out_prod);
    bool took = cons != prod;

    barrier();                          /* read the data after the index (x86: stores stay ordered) */
    if (prod - cons > sizeof(r->out)) { /* the guest broke the indices: drop what it claims */
        printk(XENLOG_WARNING "d%u: console ring indices %u/%u are inconsistent; skipping\n",
               con->d->domain_id, cons, prod);
        cons = prod;
    }
    for (; cons != prod; cons++)
        put_char(con, r->out[MASK_XENCONS_IDX(cons, r->out)]);
    if (flush && con->len)
        emit_line(con);
    barrier();
    WRITE_ONCE(r->out_cons, cons);
    spin_unlock_irqrestore(&con->lock, f);
    if (took && con->d->vcpu[0])
        evtchn_set_pending(con->d->vcpu[0], con->port);    /* space freed, as a console daemon says */
}

static void poll_consoles(void *unused)
{
    unsigned long f = spin_lock_irqsave(&consoles_lock);
    for (struct domain_console *con = consoles; con; con = con->next)
        if (con->ring && !con->d->is_shut_down)
            drain(con, false);
    spin_unlock_irqrestore(&consoles_lock, f);
    set_timer(&poll_timer, NOW() + POLL_PERIOD);
}

int domain_console_init(struct domain *d, unsigned long mfn)
{
    struct domain_console *con = xzalloc(struct domain_console);
    if (!con)
        return -ENOMEM;
    int port = mfn ? evtchn_alloc_xen_port(d) : 0;
    if (port < 0) {
        xfree(con);
        return port;
    }
    con->d = d;
    con->ring = mfn ? mfn_to_virt(mfn) : NULL;
    con->port = port;
    spin_lock_init(&con->lock);
    d->console = con;

    unsigned long f = spin_lock_irqsave(&consoles_lock);
    bool first = !consoles;
    con->next = consoles;
    consoles = con;
    spin_unlock_irqrestore(&consoles_lock, f);
    if (first) {
        init_timer(&poll_timer, poll_consoles, NULL, 0);
        set_timer(&poll_timer, NOW() + POLL_PERIOD);
    }
    return port;
}

void domain_console_notify(struct domain *d, unsigned int port)
{
    struct domain_console *con = d->console;
    if (con && con->port == port)
        drain(con, false);
}

void domain_console_write(struct domain *d, const char *s, size_t len)
{
    struct domain_console *con = d->console;
    unsigned long f = spin_lock_irqsave(&con->lock);
    for (size_t i = 0; i < len; i++)
        put_char(con, s[i]);
    spin_unlock_irqrestore(&con->lock, f);
}

void domain_console_flush(struct domain *d)
{
    if (d->console)
        drain(d->console, true);
}

void domain_console_destroy(struct domain *d)
{
    struct domain_console *con = d->console;
    if (!con)
        return;
    drain(con, true);
    unsigned long f = spin_lock_irqsave(&consoles_lock);
    for (struct domain_console **p = &consoles; *p; p = &(*p)->next)
        if (*p == con) {
            *p = con->next;
            break;
        }
    spin_unlock_irqrestore(&consoles_lock, f);
    d->console = NULL;
    xfree(con);
}
