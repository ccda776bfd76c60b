/* SPDX-License-Identifier: MIT */
/* Xen scheduler interface: sched_op(cmd, arg) sub-ops and shutdown reasons. */
#ifndef XEN_PUBLIC_SCHED_H
#define XEN_PUBLIC_SCHED_H

#include "event_channel.h"

#define SCHEDOP_yield           0 /* arg unused */
#define SCHEDOP_block           1 /* unmasks events, sleeps until one is pending */
#define SCHEDOP_shutdown        2 /* struct sched_shutdown */
#define SCHEDOP_poll            3 /* struct sched_poll */
#define SCHEDOP_remote_shutdown 4 /* struct sched_remote_shutdown */
#define SCHEDOP_shutdown_code   5 /* struct sched_shutdown, records the reason only */
#define SCHEDOP_watchdog        6 /* struct sched_watchdog */
#define SCHEDOP_pin_override    7

#define SHUTDOWN_poweroff   0
#define SHUTDOWN_reboot     1
#define SHUTDOWN_suspend    2
#define SHUTDOWN_crash      3
#define SHUTDOWN_watchdog   4
#define SHUTDOWN_soft_reset 5
#define SHUTDOWN_MAX        5

struct sched_shutdown {
    uint32_t reason; /* IN: SHUTDOWN_* */
};

struct sched_poll {
    XEN_GUEST_HANDLE(evtchn_port_t) ports; /* IN */
    uint32_t nr_ports;                     /* IN */
    uint64_t timeout;                      /* IN: absolute system time, 0 = none */
};

struct sched_remote_shutdown {
    domid_t domain_id; /* IN */
    uint32_t reason;   /* IN */
};

struct sched_watchdog {
    uint32_t id;      /* IN/OUT: 0 allocates */
    uint32_t timeout; /* IN: seconds, 0 destroys */
};

#endif
