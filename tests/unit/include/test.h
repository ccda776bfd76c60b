/* SPDX-License-Identifier: GPL-2.0-only */
/* Host unit-test assertions, captured printk output and expected BUG()/panic(). */
#ifndef TEST_H
#define TEST_H

#include <setjmp.h>
#include <stdio.h>
#include <xen/types.h>

extern int test_failures;
extern jmp_buf test_bug_jmp;
extern bool test_bug_armed;
extern char test_bug_msg[512];         /* what the last BUG()/panic() said */

/* Everything printk() printed since the last test_log_clear(). */
const char *test_log(void);
void test_log_clear(void);
bool test_log_has(const char *text);

void test_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#define CHECK(c) do { if (!(c)) test_fail(__FILE__, __LINE__, "%s", #c); } while (0)
#define CHECK_EQ(a, b) do {                                                         \
        unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b); \
        if (a_ != b_)                                                               \
            test_fail(__FILE__, __LINE__, "%s == %s: got %#llx, want %#llx", #a, #b, a_, b_); \
    } while (0)
#define CHECK_STR(a, b) do {                                                        \
        const char *a_ = (a), *b_ = (b);                                            \
        if (strcmp(a_, b_))                                                         \
            test_fail(__FILE__, __LINE__, "%s: got \"%s\", want \"%s\"", #a, a_, b_); \
    } while (0)
#define CHECK_LOG(text) do {                                                        \
        if (!test_log_has(text))                                                    \
            test_fail(__FILE__, __LINE__, "printk output lacks \"%s\"; it was: %s", text, test_log()); \
    } while (0)

/* Run @stmt, which must end in BUG() or panic(); the message is then in test_bug_msg. */
#define EXPECT_BUG(stmt) do {                                                       \
        if (!setjmp(test_bug_jmp)) {                                                \
            test_bug_armed = true;                                                  \
            stmt;                                                                   \
            test_bug_armed = false;                                                 \
            test_fail(__FILE__, __LINE__, "expected a BUG/panic from %s", #stmt);   \
        }                                                                           \
        test_bug_armed = false;                                                     \
    } while (0)

/* main() ends with this: 0 when every check held. */
int test_done(void);

#endif
