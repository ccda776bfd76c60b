/* SPDX-License-Identifier: GPL-2.0-only */
/* Self-test "unxz": a built-in BCJ+LZMA2+CRC64 stream, then any xz boot module, timed (speed under TCG). */
#include <xen/bootinfo.h>
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/selftest.h>
#include <xen/time.h>

extern struct boot_info boot_info; /* setup.c */

#define SAMPLE_LEN 4096

/* xz --check=crc64 --x86 --lzma2=preset=6 of sample_byte(0 .. 4095). */
static const uint8_t sample_xz[] = {
    0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04, 0xe6, 0xd6, 0xb4, 0x46, 0x02, 0x01, 0x04,
    0x00, 0x21, 0x01, 0x16, 0x00, 0x0d, 0x86, 0x35, 0x1f, 0xe0, 0x0f, 0xff, 0x00, 0x22, 0x5d,
    0x00, 0x74, 0x0c, 0xfe, 0x40, 0x0b, 0xe0, 0xe9, 0x3b, 0xfe, 0x7e, 0x59, 0x46, 0x02, 0x2e,
    0x06, 0x1a, 0xb5, 0xf9, 0xf3, 0xd2, 0x6a, 0xaf, 0x70, 0xf5, 0xce, 0xf3, 0x5f, 0x74, 0x5a,
    0x98, 0x24, 0xeb, 0x7d, 0x9e, 0x00, 0x00, 0x00, 0xcc, 0x18, 0x81, 0x1f, 0xab, 0xbf, 0x26,
    0xb1, 0x00, 0x01, 0x3e, 0x80, 0x20, 0x00, 0x00, 0x00, 0xac, 0xad, 0xf1, 0xec, 0xb1, 0xc4,
    0x67, 0xfb, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04, 0x59, 0x5a,
};

/* 512 copies of "call 0x1234; mov %rax,%rdi": the calls only compress well once BCJ made them absolute. */
static uint8_t sample_byte(unsigned int i)
{
    uint32_t rel = 0x1234 - ((i & ~7u) + 5);

    switch (i & 7) {
    case 0: return 0xe8;
    case 1:
    case 2:
    case 3:
    case 4: return (uint8_t)(rel >> (8 * ((i & 7) - 1)));
    case 5: return 0x48;
    case 6: return 0x89;
    default: return 0xc7;
    }
}

static const char *check_sample(uint8_t *out)
{
    size_t len;
    const char *err;
    int rc = decompress(sample_xz, sizeof(sample_xz), out, SAMPLE_LEN, &len, &err);

    if (rc)
        return err;
    if (len != SAMPLE_LEN)
        return "wrong length";
    for (unsigned int i = 0; i < SAMPLE_LEN; i++)
        if (out[i] != sample_byte(i))
            return "wrong content";
    if (unxz(sample_xz, sizeof(sample_xz) - 1, out, SAMPLE_LEN, &len, &err) != -EINVAL)
        return "truncated stream accepted";
    if (unxz(sample_xz, sizeof(sample_xz), out, SAMPLE_LEN - 1, &len, &err) != -ENOSPC)
        return "small buffer not refused";
    return NULL;
}

/* A Linux-style xz payload module: its last 4 bytes give the size to allocate. */
static void time_module(unsigned int n, const struct boot_module *m)
{
    const uint8_t *in = __va(m->start);
    uint32_t size = in[m->size - 4] | in[m->size - 3] << 8 | in[m->size - 2] << 16 |
                    (uint32_t)in[m->size - 1] << 24;
    unsigned int order = 0;
    size_t len;
    const char *err;
    s_time_t t0;
    uint8_t *out;
    int rc;

    while ((PAGE_SIZE << order) < size)
        order++;
    out = size ? alloc_xenheap_pages(order) : NULL;
    if (!out) {
        printk("SELFTEST unxz module %u: no %u bytes for its output, not timed\n", n, size);
        return;
    }
    t0 = NOW();
    rc = decompress(in, m->size, out, size, &len, &err);
    t0 = NOW() - t0;
    if (rc)
        printk("SELFTEST unxz module %u: rc %d: %s\n", n, rc, err);
    else
        printk("SELFTEST unxz module %u: %llu -> %zu bytes in %llu ms, %llu KB/s\n", n,
               (unsigned long long)m->size, len, (unsigned long long)(t0 / 1000000),
               (unsigned long long)(len * 1000ull / (t0 / 1000 + 1)));
    free_xenheap_pages(out, order);
}

static void selftest_unxz(void)
{
    uint8_t *out = xmalloc_bytes(SAMPLE_LEN);
    const char *fail = out ? check_sample(out) : "no memory";

    xfree(out);
    for (unsigned int i = 0; !fail && i < boot_info.nr_modules; i++) {
        const struct boot_module *m = &boot_info.mods[i];
        if (m->size > 16 && decompress_format(__va(m->start), m->size))
            time_module(i, m);
    }
    if (fail)
        printk("SELFTEST unxz FAIL: %s\n", fail);
    else
        printk("SELFTEST unxz PASS: BCJ+LZMA2+CRC64 sample, truncation and small buffer refused\n");
}
SELFTEST("unxz", selftest_unxz, 20);
