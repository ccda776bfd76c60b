/* SPDX-License-Identifier: GPL-2.0-only */
/* Build every domain the boot device tree describes, then start them all (docs/design/boot-domains-devicetree.md). */
#include <xen/boot_domains.h>
#include <xen/bootinfo.h>
#include <xen/domain_console.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <asm/dom0_build.h>
#include <asm/power.h>

/* The checked configuration stays for the life of the machine (scheduler parameters, names). */
static struct boot_domain_cfg cfgs[BOOT_DOMAINS_MAX];
static struct domain *built[BOOT_DOMAINS_MAX];

bool boot_fdt_given(const struct boot_info *bi)
{
    return bi->nr_modules && boot_fdt_magic_ok(__va(bi->mods[0].start), bi->mods[0].size);
}

static void __noreturn stop_machine_boot(void)
{
    printk(XENLOG_ERR "Boot domains: not starting any domain, %s\n",
           opt_noreboot ? "halting (noreboot)" : "powering off");
    if (opt_noreboot)
        machine_halt();
    machine_power_off();
    machine_halt();
}

/* Scheduling parameters from the tree (checked by the parser; CPUs checked online by build_one). */
static int boot_domain_apply_sched(struct domain *d, const struct boot_domain_cfg *c)
{
    int rc = sched_set_weight_cap(d, c->weight, c->cap);
    if (rc || !c->affinity)
        return rc;
    cpumask_t mask = { 0 };
    for (unsigned int cpu = 0; cpu < 64; cpu++)
        if (c->affinity >> cpu & 1)
            cpumask_set_cpu(cpu, &mask);
    for (unsigned int i = 0; i < d->max_vcpus && !rc; i++)
        if (d->vcpu[i])
            rc = vcpu_set_hard_affinity(d->vcpu[i], &mask);
    return rc;
}

/* Check what needs the running machine (online CPUs), then build. */
static struct domain *build_one(const struct boot_info *bi, const struct boot_domain_cfg *c)
{
    char who[64];
    snprintf(who, sizeof(who), "Domain %u (%s)", c->domid, c->name);

    for (unsigned int cpu = 0; cpu < 64; cpu++)
        if ((c->affinity >> cpu & 1) && !cpumask_test_cpu(cpu, &cpu_online_map)) {
            printk(XENLOG_ERR "%s: xenolith,cpu-affinity: CPU %u is not online\n", c->node, cpu);
            return NULL;
        }
    struct domain_build_cfg b = {
        .domid = c->domid, .name = c->name, .who = who, .mem_option = "memory",
        .kernel = &bi->mods[c->kernel_mod],
        .ramdisk = c->ramdisk_mod == BOOT_NO_MODULE ? NULL : &bi->mods[c->ramdisk_mod],
        .cmdline = c->bootargs, .nr_pages = c->mem_kib >> 2, .vcpus = c->vcpus,
        .privileged = c->privileged, .hv_console = !c->privileged,
    };
    struct domain *d = construct_domain(&b);
    if (!d)
        return NULL;
    d->is_boot_domain = true;
    if (c->privileged && domain_console_init(d, 0)) {  /* console_io lines get the name too */
        printk(XENLOG_ERR "%s: out of memory for its console\n", who);
        return NULL;
    }
    int rc = boot_domain_apply_sched(d, c);
    if (rc) {
        printk(XENLOG_ERR "%s: the scheduler refused weight %u, cap %u, affinity %#llx (%d)\n",
               c->node, c->weight, c->cap, (unsigned long long)c->affinity, rc);
        return NULL;
    }
    if (c->weight != BOOT_DEFAULT_WEIGHT || c->cap || c->affinity)
        printk("%s: weight %u, cap %u%%, CPUs %#llx\n", who, c->weight, c->cap,
               (unsigned long long)(c->affinity ? c->affinity : ~0ull));
    return d;
}

void construct_boot_domains(const struct boot_info *bi)
{
    static char err[200];
    const struct boot_module *m = &bi->mods[0];
    int nr = boot_fdt_parse_safely(__va(m->start), m->size, bi->nr_modules, cfgs, BOOT_DOMAINS_MAX,
                                   err, sizeof(err));
    if (nr < 0) {
        printk(XENLOG_ERR "Boot device tree (module 0): %s\n", err);
        stop_machine_boot();
    }
    printk("Boot device tree: %d domain%s\n", nr, nr > 1 ? "s" : "");
    for (int i = 0; i < nr; i++)
        if (!(built[i] = build_one(bi, &cfgs[i])))
            stop_machine_boot();
    boot_domains_running(nr);
    for (int i = 0; i < nr; i++)                /* all built before any runs */
        domain_start(built[i]);
}
