/* SPDX-License-Identifier: GPL-2.0-only */
/* The boot-domain device-tree binding: /chosen/hypervisor and its domain nodes, checked with libfdt. */
#include <libfdt.h>
#include <xen/boot_domains.h>
#include <xen/lib.h>
#include <public/xen.h>

#define MIN_MEM_KIB     1024u           /* below 1 MiB not even a test kernel fits */
#define MAX_VCPUS_CFG   XEN_LEGACY_MAX_VCPUS
#define MAX_AFFINITY    64u

struct ctx {
    const void *fdt;
    unsigned int nr_modules;
    char *err;
    size_t errlen;
};

/* Record "<node>: <problem>" and return -1. */
static int __printf(3, 4) bad(struct ctx *c, int node, const char *fmt, ...)
{
    char path[64], why[128];
    va_list ap;

    if (node < 0 || fdt_get_path(c->fdt, node, path, sizeof(path)))
        snprintf(path, sizeof(path), "device tree");
    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    snprintf(c->err, c->errlen, "%s: %s", path, why);
    return -1;
}

bool boot_fdt_magic_ok(const void *blob, size_t len)
{
    return len >= sizeof(struct fdt_header) && fdt_magic(blob) == FDT_MAGIC;
}

/* 0: found, 1: absent (and @def is kept), -1: present but not one cell. */
static int get_u32(struct ctx *c, int node, const char *name, uint32_t *val)
{
    int len;
    const fdt32_t *p = fdt_getprop(c->fdt, node, name, &len);

    if (!p)
        return 1;
    if (len != sizeof(*p))
        return bad(c, node, "%s must be one 32-bit cell (it has %d bytes)", name, len);
    *val = fdt32_to_cpu(*p);
    return 0;
}

/* A property that must be one NUL-terminated string; NULL with an error if it is not. */
static const char *get_string(struct ctx *c, int node, const char *name, bool *absent)
{
    int len;
    const char *s = fdt_getprop(c->fdt, node, name, &len);

    *absent = !s;
    if (!s)
        return NULL;
    if (len < 1 || s[len - 1] || strlen(s) != (size_t)len - 1) {
        bad(c, node, "%s must be one string", name);
        return NULL;
    }
    return s;
}

static bool compatible(struct ctx *c, int node, const char *what)
{
    return fdt_node_check_compatible(c->fdt, node, what) == 0;
}

static int parse_module(struct ctx *c, int node, struct boot_domain_cfg *d)
{
    bool kernel = compatible(c, node, "module,kernel"), ramdisk = compatible(c, node, "module,ramdisk");
    uint32_t idx;
    int rc;

    if (!kernel && !ramdisk)
        return 0;                       /* module,config and others: nothing for the builder */
    if ((rc = get_u32(c, node, "mb-index", &idx)) < 0)
        return rc;
    if (rc)
        return bad(c, node, "mb-index missing (module-addr is not supported on x86)");
    if (idx == 0 || idx >= c->nr_modules)
        return bad(c, node, "mb-index %u: the boot loader gave modules 1..%u after the tree",
                   idx, c->nr_modules - 1);
    if (kernel) {
        if (d->kernel_mod != BOOT_NO_MODULE)
            return bad(c, node, "a second module,kernel for this domain");
        d->kernel_mod = idx;
        bool absent;
        d->bootargs = get_string(c, node, "bootargs", &absent);
        if (!d->bootargs && !absent)
            return -1;
    } else {
        if (d->ramdisk_mod != BOOT_NO_MODULE)
            return bad(c, node, "a second module,ramdisk for this domain");
        d->ramdisk_mod = idx;
    }
    return 0;
}

static bool name_char_ok(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '_' || ch == '.';
}

/* The Xenolith additions: xenolith,name, xenolith,weight, xenolith,cap, xenolith,cpu-affinity. */
static int parse_extras(struct ctx *c, int node, struct boot_domain_cfg *d)
{
    bool absent;
    const char *name = get_string(c, node, "xenolith,name", &absent);
    int rc, len;

    if (!name && !absent)
        return -1;
    if (name) {
        size_t n = strlen(name);
        if (n == 0 || n >= sizeof(d->name))
            return bad(c, node, "xenolith,name must have 1..%zu characters", sizeof(d->name) - 1);
        for (size_t i = 0; i < n; i++)
            if (!name_char_ok(name[i]))
                return bad(c, node, "xenolith,name \"%s\": only letters, digits, '-', '_' and '.'", name);
        memcpy(d->name, name, n + 1);
    } else {
        snprintf(d->name, sizeof(d->name), "d%u", d->domid);
    }

    uint32_t weight = BOOT_DEFAULT_WEIGHT, cap = 0;
    if ((rc = get_u32(c, node, "xenolith,weight", &weight)) < 0)
        return rc;
    if (weight < 1 || weight > 65535)
        return bad(c, node, "xenolith,weight %u: must be 1..65535", weight);
    if ((rc = get_u32(c, node, "xenolith,cap", &cap)) < 0)
        return rc;
    if (cap > 100 * d->vcpus)
        return bad(c, node, "xenolith,cap %u: at most 100 per vCPU (%u)", cap, 100 * d->vcpus);
    d->weight = weight;
    d->cap = cap;

    const fdt32_t *cpus = fdt_getprop(c->fdt, node, "xenolith,cpu-affinity", &len);
    if (cpus) {
        if (len <= 0 || len % 4)
            return bad(c, node, "xenolith,cpu-affinity must be a list of CPU numbers");
        for (int i = 0; i < len / 4; i++) {
            uint32_t cpu = fdt32_to_cpu(cpus[i]);
            if (cpu >= MAX_AFFINITY)
                return bad(c, node, "xenolith,cpu-affinity: CPU %u is beyond %u", cpu, MAX_AFFINITY - 1);
            d->affinity |= 1ull << cpu;
        }
    }
    return 0;
}

static int parse_domain(struct ctx *c, int node, struct boot_domain_cfg *d)
{
    uint32_t domid, mode, vcpus = 1, perms = 0;
    int rc, len;

    memset(d, 0, sizeof(*d));
    if (fdt_get_path(c->fdt, node, d->node, sizeof(d->node)))
        snprintf(d->node, sizeof(d->node), "domain");
    d->kernel_mod = d->ramdisk_mod = BOOT_NO_MODULE;

    if ((rc = get_u32(c, node, "domid", &domid)) != 0)
        return rc < 0 ? rc : bad(c, node, "domid missing");
    if (domid >= DOMID_FIRST_RESERVED)
        return bad(c, node, "domid %#x is reserved (must be below %#x)", domid, DOMID_FIRST_RESERVED);
    d->domid = domid;

    if ((rc = get_u32(c, node, "permissions", &perms)) < 0)
        return rc;
    if (perms & ~(BOOT_PERM_CONTROL | BOOT_PERM_HARDWARE))
        return bad(c, node, "permissions %#x: only CONTROL (1) and HARDWARE (2) exist", perms);
    if ((perms & BOOT_PERM_HARDWARE) && !(perms & BOOT_PERM_CONTROL))
        return bad(c, node, "permissions: HARDWARE without CONTROL is not supported");
    d->permissions = perms;
    d->privileged = perms & BOOT_PERM_CONTROL;

    if ((rc = get_u32(c, node, "mode", &mode)) != 0)
        return rc < 0 ? rc : bad(c, node, "mode missing");
    if (mode != (BOOT_MODE_PV | BOOT_MODE_LONG))
        return bad(c, node, "mode %u: only 64-bit PV (5) is supported", mode);

    if ((rc = get_u32(c, node, "cpus", &vcpus)) < 0)
        return rc;
    if (vcpus < 1 || vcpus > MAX_VCPUS_CFG)
        return bad(c, node, "cpus %u: must be 1..%u", vcpus, MAX_VCPUS_CFG);
    d->vcpus = vcpus;

    const fdt32_t *mem = fdt_getprop(c->fdt, node, "memory", &len);
    if (!mem)
        return bad(c, node, "memory missing");
    if (len == 4)
        d->mem_kib = fdt32_to_cpu(mem[0]);
    else if (len == 8)
        d->mem_kib = ((uint64_t)fdt32_to_cpu(mem[0]) << 32) | fdt32_to_cpu(mem[1]);
    else
        return bad(c, node, "memory must be one or two 32-bit cells (KiB)");
    if (d->mem_kib < MIN_MEM_KIB || d->mem_kib % 4)
        return bad(c, node, "memory %llu KiB: must be a multiple of 4 and at least %u",
                   (unsigned long long)d->mem_kib, MIN_MEM_KIB);
    if (d->mem_kib > (1ull << 40))
        return bad(c, node, "memory %llu KiB: more than 1 TiB", (unsigned long long)d->mem_kib);

    int sub;
    fdt_for_each_subnode(sub, c->fdt, node)
        if (fdt_getprop(c->fdt, sub, "compatible", NULL) && (rc = parse_module(c, sub, d)) < 0)
            return rc;
    if (d->kernel_mod == BOOT_NO_MODULE)
        return bad(c, node, "no module node with compatible \"module,kernel\"");
    return parse_extras(c, node, d);
}

int boot_fdt_parse(const void *blob, size_t len, unsigned int nr_modules,
                   struct boot_domain_cfg *out, unsigned int max, char *err, size_t errlen)
{
    struct ctx c = { blob, nr_modules, err, errlen };
    int rc, node, nr = 0;

    if (!boot_fdt_magic_ok(blob, len))
        return bad(&c, -1, "not a flattened device tree (bad magic)");
    if (fdt_totalsize(blob) > len)
        return bad(&c, -1, "header says %u bytes, the module has %zu", fdt_totalsize(blob), len);
    if ((rc = fdt_check_full(blob, len)) != 0)
        return bad(&c, -1, "malformed: %s", fdt_strerror(rc));

    int hv = fdt_path_offset(blob, "/chosen/hypervisor");
    if (hv < 0)
        return bad(&c, -1, "no /chosen/hypervisor node");
    if (!compatible(&c, hv, "hypervisor,xen"))
        return bad(&c, hv, "compatible must include \"hypervisor,xen\"");

    fdt_for_each_subnode(node, blob, hv) {
        const char *name = fdt_get_name(blob, node, NULL);
        if (!compatible(&c, node, "xen,domain")) {
            if (name && !strncmp(name, "domain", 6) && (name[6] == '\0' || name[6] == '@'))
                return bad(&c, node, "compatible must include \"xen,domain\"");
            continue;                   /* config and other containers: not ours to build */
        }
        if ((unsigned int)nr >= max)
            return bad(&c, node, "more than %u domains", max);
        if (parse_domain(&c, node, &out[nr]) < 0)
            return -1;
        for (int i = 0; i < nr; i++)
            if (out[i].domid == out[nr].domid)
                return bad(&c, node, "domid %u is already used by %s", out[nr].domid, out[i].node);
        nr++;
    }
    if (node < 0 && node != -FDT_ERR_NOTFOUND)
        return bad(&c, hv, "%s", fdt_strerror(node));
    if (!nr)
        return bad(&c, hv, "no domain node (compatible \"xen,domain\")");
    return nr;
}
