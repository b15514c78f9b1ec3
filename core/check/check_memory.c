/* SPDX-License-Identifier: GPL-2.0-only */
/* Memory regions: the five checks of Jailhouse's `config check` (every
 * cell, root included, against itself, the hypervisor, MMCONFIG, the
 * IOMMUs and the APIC pages; tools/jailhouse-config-check), then what it
 * does not look at: alignment, inmates against each other and against
 * root, the comm region and the reset address. */
#include "check/check_internal.h"

#include "base/format.h"

#include <stdlib.h>

#define CK_XAPIC_BASE 0xfee00000ull
#define CK_COMM_VIRT  0x100000ull

static const char *rng(char buf[FMT_RANGE_LEN], uint64_t start, uint64_t size)
{
	return fmt_range(buf, start, size, 8);
}

/* Config check's test per region: against a fixed resource. */
static void against(struct ck *k, size_t i, size_t r, enum jh_rule_id rule,
		    uint64_t base, uint64_t size, const char *what)
{
	const struct cfg_memory *m = &k->c[i]->mem[r];
	if (!ck_overlap(m->phys_start, m->size, base, size))
		return;
	char a[FMT_RANGE_LEN], b[FMT_RANGE_LEN];
	struct jh_subject s = ck_subject_range(k, i, m->phys_start, m->size);
	jh_finding_add(k->out, rule, &s, "cell '%s': region %zu (%s) overlaps %s %s",
		       k->c[i]->name, r, rng(a, m->phys_start, m->size), what,
		       rng(b, base, size));
}

/* A pair of overlapping regions of one cell, r < q. */
struct mem_pair {
	size_t r, q;
	bool phys, virt;
};

struct pair_list {
	struct mem_pair *v;
	size_t n, cap;
};

/* Sort context: qsort has none, so the regions go in each element. */
struct by_start {
	uint64_t start, size;
	size_t idx;
};

static int cmp_start(const void *a, const void *b)
{
	const struct by_start *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int cmp_pair(const void *a, const void *b)
{
	const struct mem_pair *x = a, *y = b;
	if (x->r != y->r)
		return x->r < y->r ? -1 : 1;
	return x->q < y->q ? -1 : x->q > y->q;
}

static void add_pair(struct pair_list *l, size_t a, size_t b, bool phys)
{
	size_t r = a < b ? a : b, q = a < b ? b : a;
	struct mem_pair *e = ARRAY_PUSH(l->v, l->n, l->cap);
	*e = (struct mem_pair){ .r = r, .q = q, .phys = phys, .virt = !phys };
}

/* Every overlapping pair of c's regions, physically or virtually, in
 * O(n log n + pairs): sorted by start, a region can only overlap those
 * that start before it ends. Pairs found both ways are merged; the list
 * comes sorted by (r, q), the order of a plain double loop. Returns false
 * when k's budget ran out. */
static bool overlapping_pairs(struct ck *k, const struct cfg_cell *c, struct pair_list *out)
{
	struct by_start *s = xcalloc(c->nmem ? c->nmem : 1, sizeof(*s));
	struct pair_list raw = { 0 };
	bool ok = true;
	for (int pass = 0; pass < 2 && ok; pass++) {
		bool phys = pass == 0;
		size_t n = 0;
		for (size_t r = 0; r < c->nmem; r++)
			if (c->mem[r].size)
				s[n++] = (struct by_start){ phys ? c->mem[r].phys_start
								 : c->mem[r].virt_start,
							    c->mem[r].size, r };
		qsort(s, n, sizeof(*s), cmp_start);
		for (size_t i = 0; i < n && ok; i++) {
			unsigned __int128 end = (unsigned __int128)s[i].start + s[i].size;
			for (size_t j = i + 1; j < n && s[j].start < end; j++) {
				if (!(ok = ck_spend(k, 1)))
					break;
				add_pair(&raw, s[i].idx, s[j].idx, phys);
				/* enough for the findings cap: the rest would only
				 * fill memory (a crafted file can hold 10^11 pairs),
				 * and the cap makes the check say it is incomplete */
				if (raw.n > 2 * (size_t)CK_MAX_FINDINGS)
					goto collected;
			}
		}
	}
collected:
	free(s);
	if (raw.n)
		qsort(raw.v, raw.n, sizeof(*raw.v), cmp_pair);
	for (size_t i = 0; i < raw.n; i++) {
		struct mem_pair *last = out->n ? &out->v[out->n - 1] : NULL;
		if (last && last->r == raw.v[i].r && last->q == raw.v[i].q) {
			last->phys |= raw.v[i].phys;
			last->virt |= raw.v[i].virt;
		} else {
			*ARRAY_PUSH(out->v, out->n, out->cap) = raw.v[i];
		}
	}
	free(raw.v);
	return ok;
}

static void config_check(struct ck *k)
{
	const struct cfg_system *sys = k->sys;
	for (size_t i = 0; i < k->n; i++) {
		const struct cfg_cell *c = k->c[i];
		struct pair_list pairs = { 0 };
		bool ok = overlapping_pairs(k, c, &pairs);
		size_t next = 0;
		for (size_t r = 0; ok && r < c->nmem; r++) {
			const struct cfg_memory *m = &c->mem[r];
			if (!ck_spend(k, 1 + k->c[0]->nirqchips)) {
				ok = false;
				break;
			}
			for (; next < pairs.n && pairs.v[next].r == r; next++) {
				const struct mem_pair *e = &pairs.v[next];
				const struct cfg_memory *o = &c->mem[e->q];
				if (!ck_spend(k, 0)) {
					ok = false;
					break;
				}
				char a[FMT_RANGE_LEN], b[FMT_RANGE_LEN];
				struct jh_subject s = ck_subject_range(k, i, m->phys_start, m->size);
				jh_finding_add(k->out, JH_R_CHK_MEM_OVERLAP, &s,
					       "cell '%s': region %zu (%s) %s overlaps region %zu (%s)",
					       c->name, r, rng(a, m->phys_start, m->size),
					       e->phys && e->virt ? "physically and virtually" :
					       e->phys ? "physically" : "virtually", e->q,
					       rng(b, o->phys_start, o->size));
			}
			if (!ok)
				break;
			/* the root cell's overlap is the planner's rule already */
			against(k, i, r, ck_is_root(i) ? JH_R_ROOT_OVERLAPS_HV : JH_R_CHK_MEM_HV,
				sys->hypervisor_memory.phys_start, sys->hypervisor_memory.size,
				"the hypervisor memory");
			if (sys->pci_mmconfig_base > 0)
				against(k, i, r, JH_R_CHK_MEM_MMCONFIG, sys->pci_mmconfig_base,
					((uint64_t)sys->pci_mmconfig_end_bus + 1) << 20, "MMCONFIG");
			for (size_t u = 0; u < CFG_MAX_IOMMU; u++)
				if (sys->iommu[u].type)
					against(k, i, r, JH_R_CHK_MEM_IOMMU, sys->iommu[u].base,
						sys->iommu[u].size, "an IOMMU unit");
			against(k, i, r, JH_R_CHK_MEM_APIC, CK_XAPIC_BASE, CK_PAGE, "the xAPIC");
			/* config check takes the IOAPICs from the root cell */
			for (size_t q = 0; q < k->c[0]->nirqchips; q++)
				against(k, i, r, JH_R_CHK_MEM_APIC, k->c[0]->irqchips[q].address,
					CK_PAGE, "an IOAPIC");
		}
		free(pairs.v);
		if (!ok)
			return;
	}
}

static void alignment(struct ck *k)
{
	for (size_t i = 0; i < k->n; i++)
		for (size_t r = 0; r < k->c[i]->nmem; r++) {
			const struct cfg_memory *m = &k->c[i]->mem[r];
			char a[FMT_RANGE_LEN];
			struct jh_subject s = ck_subject_range(k, i, m->phys_start, m->size);
			if (!m->size)
				continue;
			if (!ck_spend(k, 0))
				return;
			bool subpage = ((m->virt_start | m->size) & (CK_PAGE - 1)) != 0;
			if (subpage && (m->flags & JH_MEM_IO))
				jh_finding_add(k->out, JH_R_CHK_MEM_SUBPAGE_IO, &s,
					       "cell '%s': I/O region %zu (%s) is not whole pages: "
					       "emulated access by access", k->c[i]->name, r,
					       rng(a, m->phys_start, m->size));
			else if (subpage || (m->phys_start & (CK_PAGE - 1)))
				jh_finding_add(k->out, JH_R_CHK_MEM_UNALIGNED, &s,
					       "cell '%s': region %zu (phys 0x%llx, virt 0x%llx, "
					       "size 0x%llx) is not page-aligned", k->c[i]->name, r,
					       (unsigned long long)m->phys_start,
					       (unsigned long long)m->virt_start,
					       (unsigned long long)m->size);
		}
}

/* The ivshmem link (bdf + 1) whose regions include region r, or 0. */
static unsigned link_of(const struct cfg_cell *c, size_t r)
{
	for (size_t d = 0; d < c->npci; d++) {
		const struct cfg_pci_dev *p = &c->pci[d];
		if (p->type == JH_PCI_TYPE_IVSHMEM && r >= p->shmem_regions_start &&
		    r < (size_t)p->shmem_regions_start + 2 + p->shmem_peers)
			return p->bdf + 1u;
	}
	return 0;
}

static void between_cells(struct ck *k)
{
	for (size_t i = 1; i < k->n; i++)
		for (size_t j = i + 1; j < k->n; j++)
			for (size_t r = 0; r < k->c[i]->nmem; r++) {
				if (!ck_spend(k, k->c[j]->nmem))
					return;
				for (size_t q = 0; q < k->c[j]->nmem; q++) {
					const struct cfg_memory *a = &k->c[i]->mem[r];
					const struct cfg_memory *b = &k->c[j]->mem[q];
					if ((a->flags | b->flags) & JH_MEM_COMM_REGION ||
					    !ck_overlap(a->phys_start, a->size, b->phys_start,
							b->size))
						continue;
					/* shared on purpose: both sides of one link, or
					 * both shared with root */
					if (!ck_spend(k, k->c[i]->npci + k->c[j]->npci))
						return;
					unsigned la = link_of(k->c[i], r);
					if ((la && la == link_of(k->c[j], q)) ||
					    (a->flags & b->flags & JH_MEM_ROOTSHARED))
						continue;
					char x[FMT_RANGE_LEN], y[FMT_RANGE_LEN];
					struct jh_subject s = ck_subject_range(k, j, b->phys_start,
									       b->size);
					jh_finding_add(k->out, JH_R_CHK_MEM_CELLS, &s,
						       "cells '%s' and '%s': region %zu (%s) and "
						       "region %zu (%s) share memory",
						       k->c[i]->name, k->c[j]->name, r,
						       rng(x, a->phys_start, a->size), q,
						       rng(y, b->phys_start, b->size));
				}
			}
}

static void against_root(struct ck *k)
{
	for (size_t i = 1; i < k->n; i++)
		for (size_t r = 0; r < k->c[i]->nmem; r++) {
			const struct cfg_memory *m = &k->c[i]->mem[r];
			uint64_t at;
			if (!ck_spend(k, 0))
				return;
			if (!m->size || (m->flags & JH_MEM_COMM_REGION) ||
			    !ck_uncovered(k, k->c[0], m->phys_start, m->size, &at))
				continue;
			char a[FMT_RANGE_LEN];
			struct jh_subject s = ck_subject_range(k, i, m->phys_start, m->size);
			if (m->flags & JH_MEM_LOADABLE)
				jh_finding_add(k->out, JH_R_CHK_LOADABLE_OUTSIDE_ROOT, &s,
					       "cell '%s': loadable region %zu (%s) is not in the "
					       "root cell's memory from 0x%llx on: cell load would "
					       "fault", k->c[i]->name, r,
					       rng(a, m->phys_start, m->size),
					       (unsigned long long)at);
			else
				jh_finding_add(k->out, JH_R_CHK_MEM_NOT_IN_ROOT, &s,
					       "cell '%s': region %zu (%s) is not in the root "
					       "cell's memory from 0x%llx on", k->c[i]->name, r,
					       rng(a, m->phys_start, m->size),
					       (unsigned long long)at);
		}
}

static void inmate_layout(struct ck *k)
{
	for (size_t i = 1; i < k->n; i++) {
		const struct cfg_cell *c = k->c[i];
		struct jh_subject s = ck_subject(k, i);
		bool comm = false, comm_at = false, reset = false;
		for (size_t r = 0; r < c->nmem; r++) {
			const struct cfg_memory *m = &c->mem[r];
			if (m->flags & JH_MEM_COMM_REGION) {
				comm = true;
				comm_at |= m->virt_start == CK_COMM_VIRT;
			} else if ((m->flags & JH_MEM_EXECUTE) && !(m->flags & JH_MEM_IO) &&
				   m->virt_start <= c->cpu_reset_address &&
				   c->cpu_reset_address - m->virt_start < m->size) {
				reset = true;
			}
		}
		if (!comm)
			jh_finding_add(k->out, JH_R_CHK_NO_COMM, &s,
				       "cell '%s': no comm region", c->name);
		else if (!comm_at)
			jh_finding_add(k->out, JH_R_CHK_NO_COMM, &s,
				       "cell '%s': the comm region is not at 0x100000", c->name);
		if (!reset)
			jh_finding_add(k->out, JH_R_CHK_NO_RAM_AT_RESET, &s,
				       "cell '%s': no executable RAM at its reset address 0x%llx",
				       c->name, (unsigned long long)c->cpu_reset_address);
	}
}

/* VT-d page tables have at most 4 levels: 12 + 9 * 4 = 48 bits. */
#define CK_VTD_MAX_BITS 48

static void dma_width(struct ck *k)
{
	bool intel = ck_intel_iommu(k->sys);
	for (size_t i = 0; intel && i < k->n; i++)
		for (size_t r = 0; r < k->c[i]->nmem; r++) {
			const struct cfg_memory *m = &k->c[i]->mem[r];
			if (!(m->flags & JH_MEM_DMA) || m->virt_start >> CK_VTD_MAX_BITS == 0)
				continue;
			if (!ck_spend(k, 0))
				return;
			struct jh_subject s = ck_subject_range(k, i, m->phys_start, m->size);
			jh_finding_add(k->out, JH_R_CHK_VTD_DMA_ADDRESS, &s,
				       "cell '%s': DMA region %zu at cell address 0x%llx, beyond "
				       "VT-d's %d bits", k->c[i]->name, r,
				       (unsigned long long)m->virt_start, CK_VTD_MAX_BITS);
		}
}

void check_memory(struct ck *k)
{
	dma_width(k);
	config_check(k);
	alignment(k);
	between_cells(k);
	against_root(k);
	inmate_layout(k);
}
