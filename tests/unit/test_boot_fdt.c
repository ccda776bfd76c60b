/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/boot_fdt.c */
/* LIBS: -lfdt */
/* The boot-domain binding: good trees parse to the right values, each bad one gives one line naming the node. */
#include <libfdt.h>
#include <string.h>
#include <test.h>
#include <xen/boot_domains.h>

static char blob[8192];
static struct boot_domain_cfg doms[BOOT_DOMAINS_MAX];
static char err[256];

/* Property edits applied to domain 1 of the standard tree: name -> raw bytes (NULL: leave out). */
struct edit {
    const char *prop;
    const void *val;
    int len;                            /* -1: delete the property */
};

static void prop_u32(const char *name, uint32_t v)
{
    CHECK(fdt_property_u32(blob, name, v) == 0);
}

/* Property @name of domain 1 unless an edit replaces or deletes it. */
static void dom_prop(const struct edit *e, const char *name, const void *val, int len)
{
    for (; e && e->prop; e++)
        if (!strcmp(e->prop, name)) {
            if (e->len >= 0)
                CHECK(fdt_property(blob, name, e->val, e->len) == 0);
            return;
        }
    CHECK(fdt_property(blob, name, val, len) == 0);
}

static void module(const char *compat, uint32_t idx, const char *bootargs)
{
    CHECK(fdt_begin_node(blob, "module") == 0);
    CHECK(fdt_property(blob, "compatible", compat, strlen(compat) + 1) == 0);
    prop_u32("mb-index", idx);
    if (bootargs)
        CHECK(fdt_property_string(blob, "bootargs", bootargs) == 0);
    CHECK(fdt_end_node(blob) == 0);
}

static fdt32_t be(uint32_t v) { return cpu_to_fdt32(v); }

/* Two domains: ping (domid 1, edited by @e) and pong (domid 2). */
static void build(const struct edit *e, const char *hv_compat, bool extra_module)
{
    fdt32_t one = be(1), two = be(2), five = be(5), mem[2] = { be(0), be(8192) }, zero = be(0);
    fdt32_t aff[2] = { be(0), be(1) }, weight = be(512), cap = be(50);

    CHECK(fdt_create(blob, sizeof(blob)) == 0);
    CHECK(fdt_finish_reservemap(blob) == 0);
    CHECK(fdt_begin_node(blob, "") == 0);
    CHECK(fdt_begin_node(blob, "chosen") == 0);
    CHECK(fdt_begin_node(blob, "hypervisor") == 0);
    CHECK(fdt_property(blob, "compatible", hv_compat, strlen(hv_compat) + 1) == 0);

    CHECK(fdt_begin_node(blob, "config") == 0);
    CHECK(fdt_property_string(blob, "compatible", "xen,config") == 0);
    CHECK(fdt_end_node(blob) == 0);

    CHECK(fdt_begin_node(blob, "domain@1") == 0);
    dom_prop(e, "compatible", "xen,domain", 11);
    dom_prop(e, "domid", &one, 4);
    dom_prop(e, "permissions", &zero, 4);
    dom_prop(e, "mode", &five, 4);
    dom_prop(e, "cpus", &two, 4);
    dom_prop(e, "memory", mem, 8);
    dom_prop(e, "xenolith,name", "ping", 5);
    dom_prop(e, "xenolith,weight", &weight, 4);
    dom_prop(e, "xenolith,cap", &cap, 4);
    dom_prop(e, "xenolith,cpu-affinity", aff, 8);
    module("module,kernel\0multiboot,module", 1, "role=ping peer=2");
    module("module,ramdisk\0multiboot,module", 2, NULL);
    if (extra_module)
        module("module,kernel", 1, NULL);
    CHECK(fdt_end_node(blob) == 0);

    CHECK(fdt_begin_node(blob, "domain@2") == 0);
    CHECK(fdt_property_string(blob, "compatible", "xen,domain") == 0);
    prop_u32("domid", 2);
    prop_u32("mode", 5);
    prop_u32("memory", 4096);
    module("module,kernel", 1, NULL);
    CHECK(fdt_end_node(blob) == 0);

    CHECK(fdt_end_node(blob) == 0);     /* hypervisor */
    CHECK(fdt_end_node(blob) == 0);     /* chosen */
    CHECK(fdt_end_node(blob) == 0);     /* root */
    CHECK(fdt_finish(blob) == 0);
}

static int parse(void)
{
    err[0] = '\0';
    return boot_fdt_parse(blob, sizeof(blob), 3, doms, BOOT_DOMAINS_MAX, err, sizeof(err));
}

/* Domain 1 edited by one property; the parse must fail with @want in the message. */
static void expect_bad(const char *prop, const void *val, int len, const char *want)
{
    struct edit e[] = { { prop, val, len }, { NULL, NULL, 0 } };
    build(e, "hypervisor,xen", false);
    int n = parse();
    if (n != -1 || !strstr(err, want) || !strstr(err, "/chosen/hypervisor/domain@1: "))
        test_fail(__FILE__, __LINE__, "%s: got %d \"%s\", want -1 and \"%s\"", prop, n, err, want);
}

static void test_good(void)
{
    build(NULL, "hypervisor,xen", false);
    CHECK(boot_fdt_magic_ok(blob, sizeof(blob)));
    CHECK_EQ(parse(), 2);
    CHECK_STR(doms[0].node, "/chosen/hypervisor/domain@1");
    CHECK_STR(doms[0].name, "ping");
    CHECK_EQ(doms[0].domid, 1);
    CHECK_EQ(doms[0].privileged, false);
    CHECK_EQ(doms[0].vcpus, 2);
    CHECK_EQ(doms[0].mem_kib, 8192);
    CHECK_EQ(doms[0].kernel_mod, 1);
    CHECK_EQ(doms[0].ramdisk_mod, 2);
    CHECK_STR(doms[0].bootargs, "role=ping peer=2");
    CHECK_EQ(doms[0].weight, 512);
    CHECK_EQ(doms[0].cap, 50);
    CHECK_EQ(doms[0].affinity, 3);
    /* Defaults. */
    CHECK_STR(doms[1].name, "d2");
    CHECK_EQ(doms[1].vcpus, 1);
    CHECK_EQ(doms[1].mem_kib, 4096);
    CHECK_EQ(doms[1].ramdisk_mod, BOOT_NO_MODULE);
    CHECK(doms[1].bootargs == NULL);
    CHECK_EQ(doms[1].weight, BOOT_DEFAULT_WEIGHT);
    CHECK_EQ(doms[1].cap, 0);
    CHECK_EQ(doms[1].affinity, 0);

    /* The classic dom0 of the binding's example: domid 0, CONTROL|HARDWARE. */
    struct edit e[] = { { "domid", &(fdt32_t){ be(0) }, 4 }, { "permissions", &(fdt32_t){ be(3) }, 4 },
                        { NULL, NULL, 0 } };
    build(e, "hypervisor,xen", false);
    CHECK_EQ(parse(), 2);
    CHECK_EQ(doms[0].domid, 0);
    CHECK(doms[0].privileged);
}

static void test_bad_domains(void)
{
    fdt32_t big = be(0x7ff0), three = be(3), zero = be(0), bits = be(4), hw = be(2), mem1[1] = { be(1000) };
    fdt32_t weight0 = be(0), cap = be(201), aff = be(64), idx9 = be(9);

    expect_bad("domid", NULL, -1, "domid missing");
    expect_bad("domid", &big, 4, "domid 0x7ff0 is reserved");
    expect_bad("domid", "ab", 2, "domid must be one 32-bit cell");
    expect_bad("mode", NULL, -1, "mode missing");
    expect_bad("mode", &three, 4, "mode 3: only 64-bit PV (5)");
    expect_bad("permissions", &bits, 4, "permissions 0x4");
    expect_bad("permissions", &hw, 4, "HARDWARE without CONTROL");
    expect_bad("cpus", &zero, 4, "cpus 0: must be 1..32");
    expect_bad("memory", NULL, -1, "memory missing");
    expect_bad("memory", mem1, 4, "memory 1000 KiB");
    expect_bad("memory", "abc", 3, "memory must be one or two 32-bit cells");
    expect_bad("xenolith,name", "a b", 4, "xenolith,name \"a b\"");
    expect_bad("xenolith,name", "ab", 2, "xenolith,name must be one string");
    expect_bad("xenolith,weight", &weight0, 4, "xenolith,weight 0");
    expect_bad("xenolith,cap", &cap, 4, "xenolith,cap 201");
    expect_bad("xenolith,cpu-affinity", &aff, 4, "CPU 64 is beyond 63");
    expect_bad("compatible", "xen,other", 10, "compatible must include \"xen,domain\"");
    (void)idx9;

    /* Two domains with one domid. */
    struct edit e[] = { { "domid", &(fdt32_t){ be(2) }, 4 }, { NULL, NULL, 0 } };
    build(e, "hypervisor,xen", false);
    CHECK_EQ(parse(), -1);
    CHECK(strstr(err, "domain@2: domid 2 is already used by /chosen/hypervisor/domain@1"));

    /* A second kernel module; a module index the loader did not give. */
    build(NULL, "hypervisor,xen", true);
    CHECK_EQ(parse(), -1);
    CHECK(strstr(err, "/chosen/hypervisor/domain@1/module: a second module,kernel"));
    build(NULL, "hypervisor,xen", false);
    CHECK_EQ(boot_fdt_parse(blob, sizeof(blob), 2, doms, BOOT_DOMAINS_MAX, err, sizeof(err)), -1);
    CHECK(strstr(err, "mb-index 2: the boot loader gave modules 1..1"));
}

static void test_bad_trees(void)
{
    build(NULL, "hypervisor,kvm", false);
    CHECK_EQ(parse(), -1);
    CHECK_STR(err, "/chosen/hypervisor: compatible must include \"hypervisor,xen\"");

    build(NULL, "hypervisor,xen", false);
    CHECK_EQ(boot_fdt_parse(blob, sizeof(blob), 3, doms, 1, err, sizeof(err)), -1);
    CHECK(strstr(err, "domain@2: more than 1 domains"));

    /* Not a tree; a tree whose header claims more than the module; a corrupted structure block. */
    memset(blob, 0, sizeof(blob));
    CHECK(!boot_fdt_magic_ok(blob, sizeof(blob)));
    CHECK_EQ(parse(), -1);
    CHECK(strstr(err, "device tree: not a flattened device tree"));
    build(NULL, "hypervisor,xen", false);
    CHECK_EQ(boot_fdt_parse(blob, 100, 3, doms, BOOT_DOMAINS_MAX, err, sizeof(err)), -1);
    CHECK(strstr(err, "device tree: header says"));
    build(NULL, "hypervisor,xen", false);
    memset(blob + fdt_off_dt_struct(blob) + 8, 0xff, 16);
    CHECK_EQ(parse(), -1);
    CHECK(strstr(err, "device tree: malformed: "));

    /* No /chosen/hypervisor at all. */
    CHECK(fdt_create_empty_tree(blob, sizeof(blob)) == 0);
    CHECK_EQ(parse(), -1);
    CHECK_STR(err, "device tree: no /chosen/hypervisor node");
}

int main(void)
{
    test_good();
    test_bad_domains();
    test_bad_trees();
    return test_done();
}
