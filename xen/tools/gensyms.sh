#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Text symbols of a linked image -> assembly for the .rodata.symbols table (sorted by address).
set -eu
{ [ "$1" = --empty ] || nm -n -S --defined-only "$1"; } | awk 'BEGIN { n = 0 }
    NF == 4 && ($3 == "t" || $3 == "T") { addr[n] = $1; size[n] = $2; name[n] = $4; n++ }
    NF == 3 && ($2 == "t" || $2 == "T") { addr[n] = $1; size[n] = "0"; name[n] = $3; n++ }
    END {
        print "\t.section .rodata.symbols, \"a\", @progbits"
        print "\t.balign 8"
        print "\t.globl symbols_count, symbols_addrs, symbols_sizes, symbols_name_offsets, symbols_names"
        print "symbols_count:\n\t.quad " n
        print "symbols_addrs:"
        for (i = 0; i < n; i++) print "\t.quad 0x" addr[i]
        print "symbols_sizes:"
        for (i = 0; i < n; i++) print "\t.long 0x" size[i]
        print "symbols_name_offsets:"
        off = 0
        for (i = 0; i < n; i++) { print "\t.long " off; off += length(name[i]) + 1 }
        print "symbols_names:"
        for (i = 0; i < n; i++) print "\t.asciz \"" name[i] "\""
    }'
