/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-ins for the hypervisor's printk, panic and BUG, plus the check helpers of test.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <test.h>
#include <xen/lib.h>

int test_failures;
jmp_buf test_bug_jmp;
bool test_bug_armed;
char test_bug_msg[512];
static char log_buf[1 << 16];
static size_t log_len;

const char *test_log(void) { return log_buf; }
void test_log_clear(void) { log_len = 0; log_buf[0] = '\0'; }
bool test_log_has(const char *text) { return strstr(log_buf, text) != NULL; }

void test_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("FAIL: %s:%d: ", file, line);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    test_failures++;
}

int test_done(void)
{
    return test_failures ? 1 : 0;
}

void vprintk(const char *fmt, va_list ap)
{
    char line[1024];
    vsnprintf(line, sizeof(line), fmt, ap);
    size_t n = strlen(line);
    if (log_len + n < sizeof(log_buf)) {
        memcpy(log_buf + log_len, line, n + 1);
        log_len += n;
    }
    if (getenv("VERBOSE"))
        fputs(line, stdout);
}

void printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

static void __noreturn bug_exit(void)
{
    if (test_bug_armed) {
        test_bug_armed = false;
        longjmp(test_bug_jmp, 1);
    }
    printf("FAIL: unexpected BUG/panic: %s\n", test_bug_msg);
    exit(1);
}

void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(test_bug_msg, sizeof(test_bug_msg), fmt, ap);
    va_end(ap);
    bug_exit();
}

void __bug(const char *file, int line, const char *cond)
{
    snprintf(test_bug_msg, sizeof(test_bug_msg), "BUG at %s:%d: %s", file, line, cond ? cond : "");
    bug_exit();
}

/* glibc before 2.38 has no strlcpy/strlcat. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t n = strlen(src);
    if (size) {
        size_t c = n < size - 1 ? n : size - 1;
        memcpy(dst, src, c);
        dst[c] = '\0';
    }
    return n;
}

size_t strlcat(char *dst, const char *src, size_t size)
{
    size_t d = strnlen(dst, size);
    return d == size ? d + strlen(src) : d + strlcpy(dst + d, src, size - d);
}

/* Tests of %pS provide their own. */
__attribute__((weak)) const char *symbol_lookup(unsigned long addr, unsigned long *offset,
                                                unsigned long *size)
{
    return NULL;
}
