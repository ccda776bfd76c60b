/* SPDX-License-Identifier: GPL-2.0-only */
/* key=value words of the kernel command line (start_info->cmd_line): how a multi-domain test tells roles apart. */
#include "guest.h"

bool cmdline_get(const char *key, char *out, size_t len)
{
    const char *s = (const char *)start_info->cmd_line;
    size_t klen = strlen(key);

    while (*s) {
        while (*s == ' ')
            s++;
        const char *w = s;
        while (*s && *s != ' ')
            s++;
        if ((size_t)(s - w) > klen && !memcmp(w, key, klen) && w[klen] == '=') {
            size_t n = (size_t)(s - w) - klen - 1;
            if (n >= len)
                n = len - 1;
            memcpy(out, w + klen + 1, n);
            out[n] = '\0';
            return true;
        }
    }
    return false;
}

long cmdline_int(const char *key, long dflt)
{
    char buf[24];
    long v = 0;

    if (!cmdline_get(key, buf, sizeof(buf)) || !buf[0])
        return dflt;
    for (const char *p = buf; *p; p++) {
        if (*p < '0' || *p > '9')
            return dflt;
        v = v * 10 + (*p - '0');
    }
    return v;
}
