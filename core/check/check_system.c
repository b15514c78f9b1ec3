/* SPDX-License-Identifier: GPL-2.0-only */
/* Cells as a whole: architecture, revision, names, sizes, CPUs, the
 * hypervisor's memory and cache allocation. */
#include "check/check_internal.h"

#include <string.h>

/* The hypervisor maps a cell's configuration through NUM_TEMPORARY_PAGES
 * (16) pages (hypervisor/arch/x86/include/asm/paging.h); the driver's
 * kmalloc copy starts on a page for sizes above a page. */
#define CK_CONFIG_MAX (16 * CK_PAGE)
/* Four pages at least per CPU (see the rule's why). */
#define CK_PERCPU_MIN (4 * CK_PAGE)

static void check_header(struct ck *k)
{
	for (size_t i = 1; i < k->n; i++) {
		const struct cfg_cell *c = k->c[i];
		struct jh_subject s = ck_subject(k, i);
		if (c->architecture != JH_ARCH_X86)
			jh_finding_add(k->out, JH_R_CHK_ARCH, &s,
				       "cell '%s': architecture %u is not x86 (0)", c->name,
				       c->architecture);
		if (k->set->revision && c->revision && c->revision != k->set->revision)
			jh_finding_add(k->out, JH_R_CHK_REVISION, &s,
				       "cell '%s': configuration revision %u, the system's is %d",
				       c->name, c->revision, k->set->revision);
		uint64_t size = check_cell_config_size(c);
		if (size > CK_CONFIG_MAX)
			jh_finding_add(k->out, JH_R_CHK_CONFIG_TOO_BIG, &s,
				       "cell '%s': configuration of %llu bytes, the hypervisor "
				       "takes at most %llu", c->name, (unsigned long long)size,
				       (unsigned long long)CK_CONFIG_MAX);
		if (!ck_spend(k, i + c->cpu_set_size))
			return;
		for (size_t j = 0; j < i; j++)
			if (!strncmp(k->c[j]->name, c->name, CFG_NAME_LEN))
				jh_finding_add(k->out, JH_R_CHK_NAME_TAKEN, &s,
					       "cell '%s': the name of %s cell too", c->name,
					       ck_is_root(j) ? "the root" : "another");
	}
	for (size_t i = 0; i < k->n; i++)
		if (k->c[i]->cpu_set_size > CK_PAGE) {
			struct jh_subject s = ck_subject(k, i);
			jh_finding_add(k->out, JH_R_CHK_CPUSET_TOO_BIG, &s,
				       "cell '%s': a CPU set of %zu bytes (at most 4096)",
				       k->c[i]->name, k->c[i]->cpu_set_size);
		}
}

static void check_cpu_sets(struct ck *k)
{
	const struct cfg_cell *root = k->c[0];
	unsigned root_n = ck_cpu_count(root);
	for (size_t i = 1; i < k->n; i++) {
		const struct cfg_cell *c = k->c[i];
		struct jh_subject s = ck_subject(k, i);
		unsigned n = ck_cpu_count(c);
		if (ck_cpu(c, 0))
			jh_finding_add(k->out, JH_R_CHK_CPU0, &s,
				       "cell '%s': CPU 0 cannot leave the root cell", c->name);
		for (unsigned cpu = 0; cpu < n; cpu++) {
			if (!ck_spend(k, i))
				return;
			if (!ck_cpu(c, cpu))
				continue;
			if (!ck_cpu(root, cpu))
				jh_finding_add(k->out, JH_R_CHK_CPU_NOT_ROOT, &s,
					       "cell '%s': CPU %u is not in the root cell's set",
					       c->name, cpu);
			for (size_t j = 1; j < i; j++)
				if (ck_cpu(k->c[j], cpu))
					jh_finding_add(k->out, JH_R_CHK_CPU_SHARED, &s,
						       "cells '%s' and '%s' both have CPU %u",
						       k->c[j]->name, c->name, cpu);
		}
	}
	bool left = false;
	for (unsigned cpu = 0; cpu < root_n && !left; cpu++) {
		bool taken = false;
		if (!ck_spend(k, k->n))
			return;
		for (size_t i = 1; i < k->n && !taken; i++)
			taken = ck_cpu(k->c[i], cpu);
		left = ck_cpu(root, cpu) && !taken;
	}
	if (!left) {
		struct jh_subject s = ck_subject(k, 0);
		jh_finding_add(k->out, JH_R_CHK_ROOT_NO_CPUS, &s,
			       root_n ? "root cell '%s': no CPU left once every inmate runs"
				      : "root cell '%s': no CPUs", root->name);
	}
}

static void check_hv_memory(struct ck *k)
{
	const struct cfg_memory *hv = &k->sys->hypervisor_memory;
	/* the driver counts per-CPU areas up to the root's highest CPU
	 * (driver/main.c get_max_cpus) */
	uint64_t cpus = ck_cpu_count(k->c[0]);
	/* a lower bound of the system configuration: the header up to the
	 * platform information (76 bytes in every revision) and the root cell */
	uint64_t config = 76 + check_cell_config_size(k->c[0]);
	unsigned __int128 need = (unsigned __int128)cpus * CK_PERCPU_MIN + config;
	struct jh_subject s = ck_subject_range(k, 0, hv->phys_start, hv->size);
	if (cpus == 0)
		return;
	if ((unsigned __int128)hv->size <= need)
		jh_finding_add(k->out, JH_R_CHK_HV_MEM_SMALL, &s,
			       "hypervisor memory of %llu KiB cannot hold %llu per-CPU "
			       "areas and the configuration (at least %llu KiB)",
			       (unsigned long long)(hv->size >> 10), (unsigned long long)cpus,
			       (unsigned long long)((need + 1023) >> 10));
	else if ((unsigned __int128)hv->size < (1u << 20) + cpus * (64u << 10))
		jh_finding_add(k->out, JH_R_CHK_HV_MEM_TIGHT, &s,
			       "hypervisor memory of %llu KiB for %llu CPUs: below 1 MiB + "
			       "64 KiB per CPU", (unsigned long long)(hv->size >> 10),
			       (unsigned long long)cpus);
}

/* JAILHOUSE_CACHE_L3 (code and data). */
#define CK_CACHE_L3 3

static void check_cache(struct ck *k)
{
	for (size_t i = 0; i < k->n; i++) {
		const struct cfg_cell *c = k->c[i];
		struct jh_subject s = ck_subject(k, i);
		if (!c->ncache)
			continue;
		if (c->ncache != 1)
			jh_finding_add(k->out, JH_R_CHK_CACHE, &s,
				       "cell '%s': %zu cache regions (one at most)", c->name,
				       c->ncache);
		else if (c->cache[0].type != CK_CACHE_L3 || !c->cache[0].size)
			jh_finding_add(k->out, JH_R_CHK_CACHE, &s,
				       "cell '%s': cache region of type %u, size %u (L3 = 3, "
				       "size not 0)", c->name, c->cache[0].type, c->cache[0].size);
	}
}

void check_cpus(struct ck *k)
{
	check_header(k);
	check_cpu_sets(k);
	check_hv_memory(k);
	check_cache(k);
}
