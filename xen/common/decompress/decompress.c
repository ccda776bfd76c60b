/* SPDX-License-Identifier: GPL-2.0-only */
/* Pick a decompressor by the magic bytes at the start of the input. */
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/string.h>

typedef int decoder_fn(const void *in, size_t in_len, void *out, size_t out_cap, size_t *out_len,
                       const char **err);

/* One row per format; a format with two magics gets two rows. */
static const struct format {
    const char *name;
    uint8_t magic_len;
    uint8_t magic[6];
    decoder_fn *decode;
} formats[] = {
    { "xz", 6, { 0xfd, '7', 'z', 'X', 'Z', 0x00 }, unxz },
};

static const struct format *find_format(const void *in, size_t in_len)
{
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
        if (in_len >= formats[i].magic_len && !memcmp(in, formats[i].magic, formats[i].magic_len))
            return &formats[i];
    return NULL;
}

const char *decompress_format(const void *in, size_t in_len)
{
    const struct format *f = find_format(in, in_len);

    return f ? f->name : NULL;
}

int decompress(const void *in, size_t in_len, void *out, size_t out_cap, size_t *out_len, const char **err)
{
    const struct format *f = find_format(in, in_len);

    if (!f) {
        *out_len = 0;
        *err = "decompress: unknown compression format (bad magic)";
        return -EOPNOTSUPP;
    }
    return f->decode(in, in_len, out, out_cap, out_len, err);
}
