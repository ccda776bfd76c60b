/* SPDX-License-Identifier: GPL-2.0-only */
/* From a boot module to an ELF image: bzImage payload, then any supported compression. */
#include <xen/bzimage.h>
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <asm/dom0_build.h>

#define MAX_KERNEL_SIZE (512UL << 20)  /* an uncompressed kernel bigger than this is refused */

static unsigned int order_for(size_t bytes)
{
    unsigned int order = 0;
    while ((PAGE_SIZE << order) < bytes)
        order++;
    return order;
}

int kernel_image_unpack(const void *mod, size_t len, const void **elf, size_t *elf_len,
                        void **buf, unsigned int *order, const char **err)
{
    static char why[160];
    const uint8_t *p = mod;
    size_t plen = len, out_size;
    struct bzimage bz;

    *buf = NULL;
    if (bzimage_probe(mod, len)) {
        if (bzimage_parse("kernel", mod, len, &bz)) {
            strlcpy(why, bz.err, sizeof(why));
            *err = why;
            return -EINVAL;
        }
        p = bz.payload;
        plen = bz.payload_len;
        out_size = bz.uncompressed_size;
    } else if (!decompress_format(p, plen)) {
        *elf = mod;                     /* not compressed: the ELF checks will judge it */
        *elf_len = len;
        return 0;
    } else {
        /* gzip, xz, ...: the last 4 bytes are the size (gzip ISIZE; Linux appends one too). */
        if (plen < 4) {
            *err = "kernel: compressed image too short";
            return -EINVAL;
        }
        out_size = p[plen - 4] | (p[plen - 3] << 8) | (p[plen - 2] << 16) | ((uint32_t)p[plen - 1] << 24);
    }
    if (!out_size || out_size > MAX_KERNEL_SIZE) {
        snprintf(why, sizeof(why), "kernel: implausible uncompressed size %zu bytes", out_size);
        *err = why;
        return -EINVAL;
    }
    *order = order_for(out_size);
    *buf = alloc_xenheap_pages(*order);
    if (!*buf) {
        snprintf(why, sizeof(why), "kernel: no memory to decompress %zu MiB", out_size >> 20);
        *err = why;
        return -ENOMEM;
    }
    int rc = decompress(p, plen, *buf, out_size, elf_len, err);
    if (rc) {
        free_xenheap_pages(*buf, *order);
        *buf = NULL;
        return rc;
    }
    *elf = *buf;
    return 0;
}
