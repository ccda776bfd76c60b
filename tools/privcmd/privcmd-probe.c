/* SPDX-License-Identifier: GPL-2.0-only */
/* Issue hypercalls from dom0 userspace through /dev/xen/privcmd: prove the path works and is policed. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

/* Linux's privcmd ABI (include/uapi/xen/privcmd.h): one hypercall, five arguments. */
struct privcmd_hypercall {
    uint64_t op;
    uint64_t arg[5];
};
#define IOCTL_PRIVCMD_HYPERCALL _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))

/* Hypercall numbers and sub-ops from the public ABI (xen/include/public). */
#define HYPERVISOR_xen_version 17
#define HYPERVISOR_sysctl      35
#define XENVER_version         0
#define XENVER_extraversion    1
#define XENVER_capabilities    3
#define XEN_SYSCTL_physinfo    3
#define UNUSED_HYPERCALL       60

static int fd = -1;

static long hypercall(uint64_t op, uint64_t a0, uint64_t a1)
{
    struct privcmd_hypercall h = { .op = op, .arg = { a0, a1 } };
    long rc = ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &h);
    return rc < 0 ? -errno : rc;
}

/* A call dom0 is allowed to make but whose argument is wrong must fail with an errno, not succeed. */
static int expect_refused(const char *what, long rc)
{
    if (rc >= 0) {
        printf("privcmd: NOT refused: %s returned %ld\n", what, rc);
        return 1;
    }
    printf("privcmd: refused: %s -> %s (%ld)\n", what, strerror((int)-rc), rc);
    return 0;
}

static int probe(void)
{
    char buf[1024];
    long v = hypercall(HYPERVISOR_xen_version, XENVER_version, 0);
    if (v < 0) {
        printf("privcmd: xen_version failed: %s\n", strerror((int)-v));
        return 1;
    }
    printf("privcmd: version %ld.%ld\n", v >> 16, v & 0xffff);
    memset(buf, 0, sizeof(buf));
    if (hypercall(HYPERVISOR_xen_version, XENVER_extraversion, (uintptr_t)buf) == 0)
        printf("privcmd: extraversion %.16s\n", buf);
    memset(buf, 0, sizeof(buf));
    if (hypercall(HYPERVISOR_xen_version, XENVER_capabilities, (uintptr_t)buf) == 0)
        printf("privcmd: capabilities %.1023s\n", buf);

    /* A sysctl naming interface version 0: every hypervisor must refuse it (Xen: EACCES). */
    uint32_t sysctl[64] = { XEN_SYSCTL_physinfo, 0 };
    int bad = expect_refused("sysctl with interface version 0",
                             hypercall(HYPERVISOR_sysctl, (uintptr_t)sysctl, 0));
    bad |= expect_refused("hypercall 60 (unassigned)", hypercall(UNUSED_HYPERCALL, 0, 0));
    return bad;
}

/* ns per xen_version hypercall through the ioctl: the privcmd null-hypercall cost. */
static int bench(long n)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < n; i++)
        if (hypercall(HYPERVISOR_xen_version, XENVER_version, 0) < 0)
            return 1;
    clock_gettime(CLOCK_MONOTONIC, &b);
    double ns = (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec);
    printf("privcmd: null hypercall %.0f ns (%ld calls)\n", ns / n, n);
    return 0;
}

int main(int argc, char **argv)
{
    fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        printf("privcmd: cannot open /dev/xen/privcmd: %s\n", strerror(errno));
        return 1;
    }
    if (argc == 3 && strcmp(argv[1], "bench") == 0)
        return bench(strtol(argv[2], NULL, 0));
    if (argc != 1) {
        fprintf(stderr, "usage: privcmd-probe [bench N]\n");
        return 2;
    }
    return probe();
}
