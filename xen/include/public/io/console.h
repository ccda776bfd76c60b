/* SPDX-License-Identifier: MIT */
/* The PV console ring page shared by a guest and its console backend (start_info console.domU). */
#ifndef XEN_PUBLIC_IO_CONSOLE_H
#define XEN_PUBLIC_IO_CONSOLE_H

#include <stdint.h>

typedef uint32_t XENCONS_RING_IDX;

/* Indices run freely; the slot is the index modulo the (power-of-two) ring size. */
#define MASK_XENCONS_IDX(idx, ring) ((idx) & (sizeof(ring) - 1))

struct xencons_interface {
    char in[1024];                      /* backend -> guest (keyboard input) */
    char out[2048];                     /* guest -> backend (output) */
    XENCONS_RING_IDX in_cons, in_prod;  /* in: guest consumes, backend produces */
    XENCONS_RING_IDX out_cons, out_prod; /* out: backend consumes, guest produces */
};

#endif
