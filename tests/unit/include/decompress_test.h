/* SPDX-License-Identifier: GPL-2.0-only */
/* Host unit tests of decompressors: inputs, Debian's compressors run at test time, and the shared checks. */
#ifndef DECOMPRESS_TEST_H
#define DECOMPRESS_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <test.h>
#include <xen/decompress.h>
#include <xen/errno.h>

typedef int (*decode_fn)(const void *in, size_t in_len, void *out, size_t out_cap, size_t *out_len,
                         const char **err);

struct buf {
    uint8_t *p;
    size_t n;
};

/* Working memory of the decoders: counted, so every path can be shown to free what it took. */
static long xalloc_live;
__attribute__((weak)) void *xmalloc_bytes(size_t size)
{
    xalloc_live++;
    return malloc(size);
}
__attribute__((weak)) void xfree(void *p)
{
    if (p)
        xalloc_live--;
    free(p);
}

static inline uint32_t rng_next(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Test inputs: "zeros", "random", "text" (words from a small vocabulary), "mixed" (runs of all three). */
static inline struct buf buf_make(const char *kind, size_t n, uint32_t seed)
{
    static const char *words[] = {"hypervisor ", "page ",     "table ",  "grant ",
                                  "event ",      "channel ",  "domain ", "vcpu ",
                                  "\n",          "xenstore ", "0x1000 ", "map "};
    struct buf b = {malloc(n + 1), n};
    uint32_t s = seed | 1;
    size_t i = 0;
    while (i < n) {
        unsigned int mode = !strcmp(kind, "mixed")    ? (i / 4096 + seed) % 3
                            : !strcmp(kind, "zeros")  ? 0
                            : !strcmp(kind, "random") ? 1
                                                      : 2;
        if (mode == 0) {
            b.p[i++] = 0;
        } else if (mode == 1) {
            b.p[i++] = rng_next(&s) >> 24;
        } else {
            const char *w = words[rng_next(&s) % 12];
            for (; *w && i < n; w++)
                b.p[i++] = *w;
        }
    }
    return b;
}

static inline void buf_free(struct buf *b)
{
    free(b->p);
    b->p = NULL;
    b->n = 0;
}

static inline struct buf buf_cat(struct buf a, struct buf b)
{
    struct buf c = {malloc(a.n + b.n + 1), a.n + b.n};
    memcpy(c.p, a.p, a.n);
    memcpy(c.p + a.n, b.p, b.n);
    return c;
}

/* Run the shell command @cmd with @in on stdin; returns its stdout (p == NULL if it failed). */
static inline struct buf tool_run(const char *cmd, struct buf in)
{
    char src[] = "/tmp/dctest-in-XXXXXX", dst[] = "/tmp/dctest-out-XXXXXX", line[512];
    struct buf out = {NULL, 0};
    int fi = mkstemp(src), fo = mkstemp(dst);
    if (fi < 0 || fo < 0 || write(fi, in.p, in.n) != (ssize_t)in.n)
        goto done;
    snprintf(line, sizeof(line), "{ %s; } < %s > %s 2>/dev/null", cmd, src, dst);
    if (system(line) != 0)
        goto done;
    off_t len = lseek(fo, 0, SEEK_END);
    out.p = malloc(len + 1);
    out.n = len;
    if (pread(fo, out.p, len, 0) != len) {
        free(out.p);
        out.p = NULL;
    }
done:
    if (fi >= 0)
        close(fi), unlink(src);
    if (fo >= 0)
        close(fo), unlink(dst);
    if (!out.p)
        test_fail(__FILE__, __LINE__, "command failed: %s", cmd);
    return out;
}

/* Decode @comp and compare with @orig; with a capacity one byte short it must say -ENOSPC. */
static inline void dc_roundtrip(decode_fn fn, const char *what, struct buf comp, struct buf orig)
{
    uint8_t *out = malloc(orig.n + 1);
    size_t len = 12345;
    const char *err = NULL;
    int rc = fn(comp.p, comp.n, out, orig.n, &len, &err);
    if (rc || len != orig.n || memcmp(out, orig.p, orig.n))
        test_fail(__FILE__, __LINE__, "%s: rc %d (%s), %zu of %zu bytes, %s", what, rc,
                  err ? err : "", len, orig.n, rc || len != orig.n ? "" : "content differs");
    if (orig.n) {
        rc = fn(comp.p, comp.n, out, orig.n - 1, &len, &err);
        if (rc != -ENOSPC || !err)
            test_fail(__FILE__, __LINE__, "%s: capacity %zu gave rc %d, want -ENOSPC", what,
                      orig.n - 1, rc);
    }
    free(out);
    CHECK_EQ(xalloc_live, 0);
}

/* One decode of hostile input in an exactly sized heap block, so ASan sees any overrun. */
static inline int dc_hostile(decode_fn fn, const uint8_t *in, size_t in_len, size_t cap)
{
    uint8_t *copy = malloc(in_len ? in_len : 1), *out = malloc(cap ? cap : 1);
    size_t len = 0;
    const char *err = NULL;
    memcpy(copy, in, in_len);
    int rc = fn(copy, in_len, out, cap, &len, &err);
    if (rc && (!err || (rc != -EINVAL && rc != -ENOSPC && rc != -EOPNOTSUPP && rc != -ENOMEM)))
        test_fail(__FILE__, __LINE__, "hostile input: rc %d with reason %s", rc,
                  err ? err : "(none)");
    if (!rc && len > cap)
        test_fail(__FILE__, __LINE__, "hostile input: output length %zu > capacity %zu", len, cap);
    free(copy);
    free(out);
    CHECK_EQ(xalloc_live, 0);
    return rc;
}

/* Cut @comp at about @cuts points; with @must_fail every cut stream has to be refused. */
static inline void dc_truncations(decode_fn fn, const char *what, struct buf comp, size_t cap,
                                  int cuts, bool must_fail)
{
    size_t step = comp.n / cuts ? comp.n / cuts : 1;
    for (size_t cut = 0; cut < comp.n; cut += (cut < 64 ? 1 : step))
        if (!dc_hostile(fn, comp.p, cut, cap) && must_fail)
            test_fail(__FILE__, __LINE__, "%s: truncated to %zu of %zu bytes but decoded", what,
                      cut, comp.n);
}

/*
 * Change one byte at about @count positions; with @must_fail every change has to be caught, except at
 * @free_at (a byte no check covers, such as a window size; SIZE_MAX for none).
 */
static inline void dc_corruptions(decode_fn fn, const char *what, struct buf comp, size_t cap,
                                  int count, bool must_fail, size_t free_at)
{
    uint8_t *bad = malloc(comp.n);
    size_t step = comp.n / count ? comp.n / count : 1;
    uint32_t s = 7;
    for (size_t at = 0; at < comp.n; at += (at < 32 ? 1 : step)) {
        memcpy(bad, comp.p, comp.n);
        bad[at] ^= 1 + rng_next(&s) % 255;
        if (!dc_hostile(fn, bad, comp.n, cap) && must_fail && at != free_at)
            test_fail(__FILE__, __LINE__, "%s: byte %zu of %zu changed but decoded", what, at,
                      comp.n);
    }
    free(bad);
}

static inline double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* Output MB/s of @fn over @comp, which decodes to @orig; printed, never asserted. */
static inline void dc_bench(decode_fn fn, const char *what, struct buf comp, struct buf orig)
{
    uint8_t *out = malloc(orig.n);
    size_t len;
    const char *err;
    int rounds = 0;
    double t0 = now_seconds(), t;
    do {
        if (fn(comp.p, comp.n, out, orig.n, &len, &err) || len != orig.n)
            test_fail(__FILE__, __LINE__, "bench %s: decode failed: %s", what, err);
        rounds++;
    } while ((t = now_seconds() - t0) < 2.0);
    printf("BENCH %s: %zu -> %zu bytes, %.0f MB/s\n", what, comp.n, orig.n,
           rounds * orig.n / t / 1e6);
    free(out);
}

#endif
