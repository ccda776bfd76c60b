/* SPDX-License-Identifier: GPL-2.0-only */
/* Counter-against-counter calibration: tight endpoint pairs and a median over several windows. */
#include <xen/calibrate.h>

#define PAIR_TRIES 5
#define STUCK_POLLS 100000      /* reads without @b moving before we call it dead */

struct pair {
    uint64_t a, b;
};

/*
 * Read @b between two reads of @a; the narrowest bracket of PAIR_TRIES wins, because a wide
 * one means the CPU was taken away between the reads and we cannot tell when @b was sampled.
 */
static struct pair sample_pair(const struct calib_counter *a, const struct calib_counter *b)
{
    struct pair best = { 0, 0 };
    uint64_t best_width = ~0ULL;

    for (int i = 0; i < PAIR_TRIES; i++) {
        uint64_t a0 = a->read(a->ctx);
        uint64_t bv = b->read(b->ctx);
        uint64_t a1 = a->read(a->ctx);
        uint64_t width = (a1 - a0) & a->mask;
        if (width < best_width) {
            best_width = width;
            best.a = (a0 + width / 2) & a->mask;
            best.b = bv;
        }
    }
    return best;
}

static bool measure(const struct calib_counter *a, const struct calib_counter *b,
                    uint64_t b_window, uint64_t *da, uint64_t *db)
{
    struct pair start = sample_pair(a, b);
    uint64_t last = start.b, elapsed = 0;
    unsigned int same = 0;

    /* Poll @b so its wraps are counted; an endpoint pair then closes the window. */
    while (elapsed < b_window) {
        uint64_t now = b->read(b->ctx);
        if (now == last && ++same > STUCK_POLLS)
            return false;
        if (now != last)
            same = 0;
        elapsed += (now - last) & b->mask;
        last = now;
    }
    struct pair end = sample_pair(a, b);
    *db = elapsed + ((end.b - last) & b->mask);
    *da = (end.a - start.a) & a->mask;
    return true;
}

/* da0/db0 < da1/db1, without division. */
static bool ratio_less(uint64_t da0, uint64_t db0, uint64_t da1, uint64_t db1)
{
    return (unsigned __int128)da0 * db1 < (unsigned __int128)da1 * db0;
}

bool calibrate_counters(const struct calib_counter *a, const struct calib_counter *b,
                        uint64_t b_window, unsigned int runs, uint64_t *a_ticks, uint64_t *b_ticks)
{
    uint64_t da[CALIB_MAX_RUNS], db[CALIB_MAX_RUNS];

    if (!runs || runs > CALIB_MAX_RUNS || !(runs & 1) || !b_window)
        return false;
    for (unsigned int i = 0; i < runs; i++) {
        uint64_t x, y;
        if (!measure(a, b, b_window, &x, &y))
            return false;
        /* Insertion sort by ratio: a stolen window gives an outlier the median ignores. */
        unsigned int j = i;
        for (; j > 0 && ratio_less(x, y, da[j - 1], db[j - 1]); j--) {
            da[j] = da[j - 1];
            db[j] = db[j - 1];
        }
        da[j] = x;
        db[j] = y;
    }
    *a_ticks = da[runs / 2];
    *b_ticks = db[runs / 2];
    return true;
}

uint64_t calib_khz(uint64_t ticks, uint64_t ref_ticks, uint64_t ref_hz)
{
    uint64_t n;

    if (!ref_ticks)
        return 0;
    /* 64-bit only: the hypervisor has no 128-bit division. Real windows never overflow. */
    if (__builtin_mul_overflow(ticks, ref_hz, &n))
        return ticks / ref_ticks * ref_hz / 1000;
    return (n + ref_ticks * 500) / (ref_ticks * 1000);
}
