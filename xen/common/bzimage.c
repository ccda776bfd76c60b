/* SPDX-License-Identifier: GPL-2.0-only */
/* Linux bzImage: check the setup header and slice out the compressed payload and its size trailer. */
#include <xen/bzimage.h>
#include <xen/errno.h>
#include <xen/lib.h>

/* Setup header offsets in the file (Linux Documentation/arch/x86/boot.rst). */
#define BZ_SETUP_SECTS      0x1f1
#define BZ_BOOT_FLAG        0x1fe
#define BZ_HEADER           0x202
#define BZ_VERSION          0x206
#define BZ_PAYLOAD_OFFSET   0x248   /* from the start of the protected-mode code */
#define BZ_PAYLOAD_LENGTH   0x24c
#define BZ_MIN_SIZE         0x250
#define BZ_MIN_VERSION      0x0208  /* the first protocol with the payload fields */
#define BZ_SIZE_TRAILER     4

static uint32_t le(const uint8_t *p, unsigned int n)
{
    uint32_t v = 0;

    while (n--)
        v = v << 8 | p[n];
    return v;
}

static int bz_error(struct bzimage *bz, const char *name, const char *fmt, ...) __printf(3, 4);
static int bz_error(struct bzimage *bz, const char *name, const char *fmt, ...)
{
    size_t n = snprintf(bz->err, sizeof(bz->err), "%s: ", name);
    va_list ap;

    va_start(ap, fmt);
    if (n < sizeof(bz->err))
        vsnprintf(bz->err + n, sizeof(bz->err) - n, fmt, ap);
    va_end(ap);
    return -EINVAL;
}

bool bzimage_probe(const void *img, size_t len)
{
    return len >= BZ_MIN_SIZE && !memcmp((const uint8_t *)img + BZ_HEADER, "HdrS", 4);
}

int bzimage_parse(const char *name, const void *img, size_t len, struct bzimage *bz)
{
    const uint8_t *p = img;
    uint64_t setup_size, off, plen;
    unsigned int sects;

    memset(bz, 0, sizeof(*bz));
    if (len < BZ_MIN_SIZE)
        return bz_error(bz, name, "too small to be a bzImage (%zu bytes)", len);
    if (memcmp(p + BZ_HEADER, "HdrS", 4))
        return bz_error(bz, name, "not a bzImage (no \"HdrS\" setup header at 0x202)");
    if (le(p + BZ_BOOT_FLAG, 2) != 0xaa55)
        return bz_error(bz, name, "bzImage boot flag is %#x, not 0xaa55", le(p + BZ_BOOT_FLAG, 2));
    bz->version = le(p + BZ_VERSION, 2);
    if (bz->version < BZ_MIN_VERSION)
        return bz_error(bz, name, "bzImage boot protocol %u.%02u is older than 2.08 (no payload fields)",
                        bz->version >> 8, bz->version & 0xff);

    sects = p[BZ_SETUP_SECTS] ? p[BZ_SETUP_SECTS] : 4;     /* 0 means 4, for old loaders */
    setup_size = (uint64_t)(sects + 1) * 512;
    off = setup_size + le(p + BZ_PAYLOAD_OFFSET, 4);
    plen = le(p + BZ_PAYLOAD_LENGTH, 4);
    if (setup_size > len)
        return bz_error(bz, name, "bzImage setup code (%u sectors) extends past the end of the file", sects);
    if (off > len || plen > len - off)
        return bz_error(bz, name, "bzImage payload [%#llx, +%#llx) extends past the end of the file (%#zx)",
                        (unsigned long long)off, (unsigned long long)plen, len);
    if (plen <= BZ_SIZE_TRAILER)
        return bz_error(bz, name, "bzImage payload is too short (%llu bytes)", (unsigned long long)plen);

    bz->payload = p + off;
    bz->payload_len = plen;
    bz->uncompressed_size = le(bz->payload + plen - BZ_SIZE_TRAILER, 4);
    if (!bz->uncompressed_size)
        return bz_error(bz, name, "bzImage payload claims to decompress to 0 bytes");
    return 0;
}
