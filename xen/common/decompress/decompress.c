/* SPDX-License-Identifier: GPL-2.0-only */
/* Pick a decompressor by the stream's magic bytes: one table row per format. */
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/string.h>

typedef int decoder_fn(const void *in, size_t in_len, void *out, size_t out_cap, size_t *out_len,
                       const char **err);

struct decompress_format {
    const char *name;
    uint8_t magic[6];
    uint8_t magic_len;
    decoder_fn *decode;         /* NULL: recognised, but the decoder is not built in yet */
    const char *missing;        /* the error line when decode is NULL */
};

static const struct decompress_format formats[] = {
    { "gzip", { 0x1f, 0x8b }, 2, gunzip, NULL },
    { "xz", { 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00 }, 6, unxz, NULL },
    { "lz4", { 0x04, 0x22, 0x4d, 0x18 }, 4, unlz4, NULL },
    { "lz4", { 0x02, 0x21, 0x4c, 0x18 }, 4, unlz4, NULL },  /* legacy (Linux) */
    { "zstd", { 0x28, 0xb5, 0x2f, 0xfd }, 4, unzstd, NULL },
};

static const struct decompress_format *find_format(const void *in, size_t in_len)
{
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
        if (in_len >= formats[i].magic_len && !memcmp(in, formats[i].magic, formats[i].magic_len))
            return &formats[i];
    return NULL;
}

const char *decompress_format(const void *in, size_t in_len)
{
    const struct decompress_format *f = find_format(in, in_len);

    return f ? f->name : NULL;
}

int decompress(const void *in, size_t in_len, void *out, size_t out_cap, size_t *out_len,
               const char **err)
{
    const struct decompress_format *f = find_format(in, in_len);

    *out_len = 0;
    if (!f) {
        *err = "decompress: unknown compression format (no gzip, xz, lz4 or zstd magic)";
        return -EINVAL;
    }
    if (!f->decode) {
        *err = f->missing;
        return -EOPNOTSUPP;
    }
    return f->decode(in, in_len, out, out_cap, out_len, err);
}
