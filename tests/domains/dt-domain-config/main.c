/* SPDX-License-Identifier: GPL-2.0-only */
/* What the device tree asked for reaches each domain: memory, vCPUs, privilege, ramdisk, command line. */
#include "guest.h"

const char test_title[] = "boot-time domains: memory, cpus, permissions, ramdisk and bootargs as the tree says";

#define RAMDISK_LINE "xenolith boot-domain ramdisk 0123456789abcdef\n"
#define RAMDISK_LINES 100

static void check_vcpus(long want)
{
    for (long i = 0; i < want; i++)
        check_rc(hc_vcpu_op(VCPUOP_is_up, i, NULL), i == 0);   /* only vCPU 0 starts */
    check_rc(hc_vcpu_op(VCPUOP_is_up, want, NULL), -XEN_ENOENT);
}

static void check_ramdisk(void)
{
    size_t line = strlen(RAMDISK_LINE);
    check(start_info->mod_len == line * RAMDISK_LINES, "ramdisk of %lu bytes, want %lu",
          (unsigned long)start_info->mod_len, (unsigned long)(line * RAMDISK_LINES));
    check(start_info->mod_start && !(start_info->flags & SIF_MOD_START_PFN), "ramdisk at %#lx flags %#x",
          (unsigned long)start_info->mod_start, start_info->flags);
    if (start_info->mod_len != line * RAMDISK_LINES || !start_info->mod_start)
        return;
    const char *rd = (const char *)start_info->mod_start;
    for (unsigned int i = 0; i < RAMDISK_LINES; i++)
        if (memcmp(rd + i * line, RAMDISK_LINE, line)) {
            test_fail("ramdisk line %u differs", i);
            return;
        }
}

void test_main(void)
{
    long mem_kib = cmdline_int("mem_kib", -1), cpus = cmdline_int("cpus", -1);
    bool priv = cmdline_int("privileged", 0), ramdisk = cmdline_int("ramdisk", 0);
    char who[16];

    if (mem_kib < 0 || cpus < 0 || !cmdline_get("who", who, sizeof(who))) {
        test_error("command line '%s' lacks who=, mem_kib= or cpus=", (const char *)start_info->cmd_line);
        return;
    }
    printf("%s: %lu pages, flags %#x, command line '%s'\n", who, (unsigned long)start_info->nr_pages,
           start_info->flags, (const char *)start_info->cmd_line);
    check(start_info->nr_pages == (uint64_t)mem_kib / 4, "nr_pages %lu, want %ld",
          (unsigned long)start_info->nr_pages, mem_kib / 4);
    check_vcpus(cpus);
    if (priv) {
        check(start_info->flags & SIF_PRIVILEGED && start_info->flags & SIF_INITDOMAIN,
              "flags %#x: permissions CONTROL means privileged", start_info->flags);
        check_rc(hc_console_io(CONSOLEIO_write, 0, ""), 0);
    } else {
        check(!(start_info->flags & (SIF_PRIVILEGED | SIF_INITDOMAIN)), "flags %#x", start_info->flags);
        check_rc(hc_console_io(CONSOLEIO_write, 0, ""), -XEN_EPERM);
    }
    if (ramdisk)
        check_ramdisk();
    else
        check(!start_info->mod_len, "a ramdisk of %lu bytes nobody asked for", (unsigned long)start_info->mod_len);
}
