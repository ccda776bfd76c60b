/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/calibrate.c */
/* Calibration against simulated counters on a simulated host that steals the CPU at random. */
#include <stdio.h>
#include <test.h>
#include <stdlib.h>
#include <xen/calibrate.h>

/* A check whose failure message says what was seen. */
#define EXPECT(c, ...) do { if (!(c)) test_fail(__FILE__, __LINE__, __VA_ARGS__); } while (0)

static uint64_t sim_ns;             /* true time */
static unsigned int steal_permille; /* chance that a read is interrupted by the host */
static uint64_t steals;

struct sim {
    uint64_t hz;
    uint64_t cost_ns;               /* how long one read takes */
};

static void advance(uint64_t cost)
{
    sim_ns += cost;
    if ((unsigned int)(rand() % 1000) < steal_permille) {
        sim_ns += 100000 + rand() % 5000000;    /* 0.1-5 ms away */
        steals++;
    }
}

static uint64_t sim_read(void *ctx)
{
    const struct sim *s = ctx;
    advance(s->cost_ns / 2);
    uint64_t v = (uint64_t)((unsigned __int128)sim_ns * s->hz / 1000000000);
    advance(s->cost_ns - s->cost_ns / 2);
    return v;
}

/* Calibrate a 2.6 GHz "TSC" against a 16-bit PIT, or a 24-bit PM timer; kHz within @ppm of the truth? */
static void check_tsc(const char *what, uint64_t ref_hz, uint64_t mask, uint64_t window_ticks,
                      unsigned int permille, uint64_t ppm)
{
    struct sim tsc = { 2600000000ULL, 20 }, ref = { ref_hz, 2000 };
    struct calib_counter a = { sim_read, &tsc, ~0ULL }, b = { sim_read, &ref, mask };
    uint64_t da, db;

    steal_permille = permille;
    EXPECT(calibrate_counters(&a, &b, window_ticks, 5, &da, &db), "%s: calibrate refused", what);
    uint64_t khz = calib_khz(da, db, ref_hz);
    uint64_t err = khz > 2600000 ? khz - 2600000 : 2600000 - khz;
    EXPECT(err * 1000000 <= 2600000 * ppm, "%s: %llu kHz, want 2600000 within %llu ppm",
          what, (unsigned long long)khz, (unsigned long long)ppm);
}

int main(void)
{
    srand(42);
    /* Quiet host: tight. Noisy host (5% of reads stolen for up to 5 ms): still within 0.1%. */
    check_tsc("PIT quiet", 1193182, 0xffff, 11932, 0, 500);
    check_tsc("PM timer quiet", 3579545, 0xffffff, 35795, 0, 500);
    steals = 0;
    for (int i = 0; i < 20; i++) {
        check_tsc("PIT noisy", 1193182, 0xffff, 11932, 50, 1000);
        check_tsc("PM timer noisy", 3579545, 0xffffff, 35795, 50, 1000);
    }
    EXPECT(steals > 100, "the noisy runs stole only %llu times", (unsigned long long)steals);

    /* A 1 GHz down-counting APIC timer (read as its complement) against a known 2.6 GHz TSC. */
    struct sim apic = { 1000000000ULL, 300 }, tsc = { 2600000000ULL, 20 };
    struct calib_counter a = { sim_read, &apic, 0xffffffff }, b = { sim_read, &tsc, ~0ULL };
    uint64_t da, db;
    steal_permille = 50;
    EXPECT(calibrate_counters(&a, &b, 26000000, 5, &da, &db), "APIC: calibrate refused");
    uint64_t khz = calib_khz(da, db, 2600000000ULL);
    EXPECT(khz > 999000 && khz < 1001000, "APIC: %llu kHz, want 1000000", (unsigned long long)khz);

    uint64_t x, y;
    EXPECT(!calibrate_counters(&a, &b, 100, 4, &x, &y), "even number of runs accepted");
    EXPECT(!calibrate_counters(&a, &b, 100, CALIB_MAX_RUNS + 2, &x, &y), "too many runs accepted");
    struct sim dead = { 0, 1000 };
    struct calib_counter stuck = { sim_read, &dead, 0xffff };
    EXPECT(!calibrate_counters(&b, &stuck, 100, 1, &x, &y), "a counter that never moves was accepted");
    EXPECT(calib_khz(2599999500, 1193182, 1193182) == 2600000, "calib_khz does not round");
    EXPECT(calib_khz(5, 0, 1) == 0, "calib_khz divides by zero ticks");
    EXPECT(calib_khz(1ULL << 50, 1ULL << 20, 1ULL << 20) == (1ULL << 50) / 1000, "calib_khz overflows");
    return test_done();
}
