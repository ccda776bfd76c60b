/* SPDX-License-Identifier: GPL-2.0-only */
/* Private interfaces between the .xz container, the LZMA2 decoder and the BCJ filter. */
#ifndef XZ_PRIVATE_H
#define XZ_PRIVATE_H

#include <xen/types.h>

struct lzma_dec;

/* Decoder state (probabilities etc.), about 28 KiB; NULL when out of memory. */
struct lzma_dec *lzma_dec_alloc(void);
void lzma_dec_free(struct lzma_dec *s);

/*
 * Decode one LZMA2 stream from @in (at most @in_len bytes) into @out[*@pos .. @limit). The dictionary is
 * the output buffer itself. On success *@pos is past the output and *@in_used counts the bytes read
 * through the end marker. Returns 0, -EINVAL (corrupt or truncated) or -ENOSPC (would pass @limit).
 */
int lzma2_decode(struct lzma_dec *s, const uint8_t *in, size_t in_len, size_t *in_used,
                 uint8_t *out, size_t *pos, size_t limit, const char **err);

/* Undo the x86 BCJ filter over one whole block, in place; @start is the filter's start offset. */
void bcj_x86_decode(uint8_t *buf, size_t size, uint32_t start);

#endif
