/* SPDX-License-Identifier: GPL-2.0-only */
/* Measuring one free-running counter against another, robust to the CPU being stolen (e.g. by a busy host). */
#ifndef XEN_CALIBRATE_H
#define XEN_CALIBRATE_H

#include <xen/types.h>

struct calib_counter {
    uint64_t (*read)(void *ctx);    /* current value; counts up, wraps at @mask */
    void *ctx;
    uint64_t mask;                  /* 2^bits - 1 */
};

#define CALIB_MAX_RUNS 9

/*
 * How many ticks of @a pass while @b advances by @b_window ticks: @runs (odd, <= CALIB_MAX_RUNS)
 * windows, each endpoint the tightest of several a-b-a readings, the median ratio kept.
 * @a must not wrap within a window; @b may (it is polled). False if @runs is invalid or @b is stuck.
 */
bool calibrate_counters(const struct calib_counter *a, const struct calib_counter *b,
                        uint64_t b_window, unsigned int runs, uint64_t *a_ticks, uint64_t *b_ticks);

/* @ticks of a counter over @ref_ticks of one running at @ref_hz, in kHz (rounded). */
uint64_t calib_khz(uint64_t ticks, uint64_t ref_ticks, uint64_t ref_hz);

#endif
