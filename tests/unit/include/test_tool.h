/* SPDX-License-Identifier: GPL-2.0-only */
/* Host unit tests: make fixtures with the system's tools (gzip, xz, ...) and read whole files. */
#ifndef TEST_TOOL_H
#define TEST_TOOL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Everything from @f into a malloc'd buffer (NULL on error). */
static inline uint8_t *test_read_stream(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0, r;
    uint8_t *buf = malloc(cap);

    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    *len = n;
    return buf;
}

/* The contents of @path, or NULL if it cannot be read. */
static inline uint8_t *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;

    if (!f)
        return NULL;
    buf = test_read_stream(f, len);
    fclose(f);
    return buf;
}

/* Run the shell command @cmd with @in on its standard input; its standard output, or NULL. */
static inline uint8_t *test_filter(const char *cmd, const void *in, size_t in_len, size_t *out_len)
{
    char path[] = "/tmp/xenolith-unit-XXXXXX", line[512];
    int fd = mkstemp(path);
    uint8_t *out = NULL;
    FILE *p;

    if (fd < 0)
        return NULL;
    if (write(fd, in, in_len) == (ssize_t)in_len) {
        snprintf(line, sizeof(line), "%s < %s", cmd, path);
        if ((p = popen(line, "r"))) {
            out = test_read_stream(p, out_len);
            if (pclose(p)) {
                free(out);
                out = NULL;
            }
        }
    }
    close(fd);
    unlink(path);
    return out;
}

#endif
