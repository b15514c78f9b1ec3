/* SPDX-License-Identifier: GPL-2.0-only */
/* The check's driver and the helpers its topics share. */
#include "check/check_internal.h"

#include <stdlib.h>

struct jh_subject ck_subject(const struct ck *k, size_t i)
{
	return (struct jh_subject){ .cell = k->c[i]->name, .file = k->file[i] };
}

struct jh_subject ck_subject_range(const struct ck *k, size_t i, uint64_t start,
				   uint64_t size)
{
	struct jh_subject s = ck_subject(k, i);
	s.has_range = size > 0;
	s.start = start;
	s.end = start + size - 1;
	return s;
}

struct jh_subject ck_subject_bdf(const struct ck *k, size_t i, uint16_t bdf)
{
	struct jh_subject s = ck_subject(k, i);
	s.has_bdf = true;
	s.bdf = bdf;
	return s;
}

bool ck_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	if (!as || !bs)
		return false;
	return (unsigned __int128)a < (unsigned __int128)b + bs &&
	       (unsigned __int128)b < (unsigned __int128)a + as;
}

bool ck_uncovered(struct ck *k, const struct cfg_cell *c, uint64_t start,
		  uint64_t size, uint64_t *at)
{
	unsigned __int128 pos = start, end = (unsigned __int128)start + size;
	while (pos < end) {
		bool moved = false;
		if (k && !ck_spend(k, c->nmem))
			return false;
		for (size_t i = 0; i < c->nmem; i++) {
			const struct cfg_memory *r = &c->mem[i];
			unsigned __int128 rs = r->phys_start, re = rs + r->size;
			if (!r->size || (r->flags & JH_MEM_COMM_REGION))
				continue;
			if (rs <= pos && pos < re) {
				pos = re;
				moved = true;
			}
		}
		if (!moved) {
			*at = (uint64_t)pos;
			return true;
		}
	}
	return false;
}

bool ck_spend(struct ck *k, uint64_t cost)
{
	if (k->exhausted)
		return false;
	k->work += cost + 1;
	bool many = k->out && k->out->n - k->first >= CK_MAX_FINDINGS;
	if (k->work <= CK_WORK_BUDGET && !many)
		return true;
	k->exhausted = true;
	struct jh_subject s = ck_subject(k, 0);
	if (many)
		jh_finding_add(k->out, JH_R_CHK_INCOMPLETE, &s,
			       "stopped after %d findings: the cells were not all "
			       "checked", CK_MAX_FINDINGS);
	else
		jh_finding_add(k->out, JH_R_CHK_INCOMPLETE, &s,
			       "stopped after %llu comparisons: the cells are too large "
			       "to check (the findings above are not all)",
			       (unsigned long long)CK_WORK_BUDGET);
	return false;
}

bool ck_cpu(const struct cfg_cell *c, unsigned cpu)
{
	return cpu / 8 < c->cpu_set_size && (c->cpu_set[cpu / 8] >> (cpu % 8) & 1);
}

unsigned ck_cpu_count(const struct cfg_cell *c)
{
	for (size_t i = c->cpu_set_size; i-- > 0;)
		for (int b = 7; b >= 0; b--)
			if (c->cpu_set[i] >> b & 1)
				return (unsigned)(i * 8 + (size_t)b + 1);
	return 0;
}

bool ck_intel_iommu(const struct cfg_system *sys)
{
	for (size_t u = 0; u < CFG_MAX_IOMMU; u++)
		if (sys->iommu[u].type == JH_IOMMU_INTEL)
			return true;
	return false;
}

bool ck_pin(const struct cfg_irqchip *q, unsigned pin)
{
	return pin < 128 && (q->pin_bitmap[pin / 32] >> (pin % 32) & 1);
}

uint64_t check_cell_config_size(const struct cfg_cell *c)
{
	/* struct jailhouse_cell_desc, then the arrays in their order
	 * (include/jailhouse/cell-config.h jailhouse_cell_config_size);
	 * the sizes did not change between revisions 12 and 14 */
	return 132 + (uint64_t)c->cpu_set_size + c->nmem * 32ull + c->ncache * 12ull +
	       c->nirqchips * 32ull + c->npio * 4ull + c->npci * 56ull +
	       c->ncaps * 8ull + c->nstream_ids * 4ull;
}

void check_cells(const struct check_set *set, struct jh_findings *out)
{
	struct ck k = { .set = set, .sys = set->sys, .out = out, .n = set->ncells + 1,
			.first = out ? out->n : 0 };
	k.c = xcalloc(k.n, sizeof(*k.c));
	k.file = xcalloc(k.n, sizeof(*k.file));
	k.c[0] = &set->sys->root;
	k.file[0] = set->sys_file;
	for (size_t i = 0; i < set->ncells; i++) {
		k.c[i + 1] = set->cells[i];
		k.file[i + 1] = set->files ? set->files[i] : NULL;
	}
	/* each topic stops when the budget is spent (then the rest too) */
	check_cpus(&k);
	check_memory(&k);
	check_irq(&k);
	check_devices(&k);
	check_ivshmem(&k);
	free(k.c);
	free(k.file);
}
