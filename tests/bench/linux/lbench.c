/* SPDX-License-Identifier: GPL-2.0-only */
/* Dom0 (or native) microbenchmarks: getppid, fork+exit+wait, fork+exec+wait; medians of batches. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BATCHES 7

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median over BATCHES of the mean time of one operation in a batch of n. */
static double median_ns(void (*op)(void), int n)
{
    double s[BATCHES];
    for (int b = 0; b < BATCHES; b++) {
        double t0 = now_ns();
        for (int i = 0; i < n; i++)
            op();
        s[b] = (now_ns() - t0) / n;
    }
    qsort(s, BATCHES, sizeof(s[0]), cmp);
    return s[BATCHES / 2];
}

static void op_getppid(void)
{
    syscall(SYS_getppid);               /* the raw syscall: no libc caching */
}

static void op_fork_exit(void)
{
    pid_t p = fork();
    if (p == 0)
        _exit(0);
    waitpid(p, NULL, 0);
}

static void op_fork_exec(void)
{
    pid_t p = fork();
    if (p == 0) {
        execl("/bin/busybox", "true", (char *)NULL);
        _exit(127);
    }
    waitpid(p, NULL, 0);
}

int main(void)
{
    printf("LBENCH getppid_ns %.0f\n", median_ns(op_getppid, 20000));
    printf("LBENCH fork_exit_ns %.0f\n", median_ns(op_fork_exit, 50));
    printf("LBENCH fork_exec_ns %.0f\n", median_ns(op_fork_exec, 30));
    return 0;
}
