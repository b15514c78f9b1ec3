/* SPDX-License-Identifier: GPL-2.0-only */
/* PCI devices and ports: IOMMU indexes (hypervisor/arch/x86/amd_iommu.c),
 * devices and ports of two inmates, the MSI-X page, and with the machine
 * known the BARs, IOMMU groups and bridges of what inmates take. */
#include "check/check_internal.h"
#include "parse/parsers.h"

#include "base/format.h"

#include <stdlib.h>
#include <string.h>


static bool physical(const struct cfg_pci_dev *p)
{
	return p->type != JH_PCI_TYPE_IVSHMEM;
}

static const char *bdf_name(char buf[FMT_BDF_LEN], const struct cfg_pci_dev *p)
{
	return fmt_bdf(buf, p->domain, p->bdf, FMT_BDF_AUTO);
}

static int cmp_owner(const void *a, const void *b)
{
	const struct ck_owner *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->cell < y->cell ? -1 : x->cell > y->cell;
}

/* The index owner() answers from: one sort instead of a walk over every
 * inmate's devices per question (a 1024-function machine asks ~10^6). */
static void index_owners(struct ck *k)
{
	size_t cap = 0;
	for (size_t i = 1; i < k->n; i++)
		for (size_t d = 0; d < k->c[i]->npci; d++)
			if (physical(&k->c[i]->pci[d]))
				*ARRAY_PUSH(k->owners, k->nowners, cap) = (struct ck_owner){
					(uint32_t)k->c[i]->pci[d].domain << 16 | k->c[i]->pci[d].bdf,
					i };
	if (k->nowners)
		qsort(k->owners, k->nowners, sizeof(*k->owners), cmp_owner);
}

/* The cell of the set that has the device (the first inmate, else 0). */
static size_t owner(const struct ck *k, uint16_t domain, uint16_t bdf)
{
	uint32_t key = (uint32_t)domain << 16 | bdf;
	size_t lo = 0, hi = k->nowners;
	while (lo < hi) {       /* the first entry with this key */
		size_t mid = lo + (hi - lo) / 2;
		if (k->owners[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k->nowners && k->owners[lo].key == key ? k->owners[lo].cell : 0;
}

static void iommu_index(struct ck *k)
{
	bool any = false;
	for (size_t u = 0; u < CFG_MAX_IOMMU; u++)
		any |= k->sys->iommu[u].type != 0;
	for (size_t i = 0; i < k->n; i++)
		for (size_t d = 0; d < k->c[i]->npci; d++) {
			const struct cfg_pci_dev *p = &k->c[i]->pci[d];
			char b[FMT_BDF_LEN];
			struct jh_subject s = ck_subject_bdf(k, i, p->bdf);
			if (!physical(p))
				continue;
			if (!ck_spend(k, 0))
				return;
			if (p->iommu >= CFG_MAX_IOMMU)
				jh_finding_add(k->out, JH_R_CHK_IOMMU_INDEX, &s,
					       "cell '%s': %s names IOMMU unit %u (units 0-7)",
					       k->c[i]->name, bdf_name(b, p), p->iommu);
			else if (any && !k->sys->iommu[p->iommu].type)
				jh_finding_add(k->out, JH_R_CHK_IOMMU_INDEX, &s,
					       "cell '%s': %s names IOMMU unit %u, which is unused",
					       k->c[i]->name, bdf_name(b, p), p->iommu);
		}
}

static void devices_of_inmates(struct ck *k)
{
	for (size_t i = 1; i < k->n; i++)
		for (size_t d = 0; d < k->c[i]->npci; d++) {
			const struct cfg_pci_dev *p = &k->c[i]->pci[d];
			char b[FMT_BDF_LEN];
			struct jh_subject s = ck_subject_bdf(k, i, p->bdf);
			if (!physical(p))
				continue;
			if (!ck_spend(k, k->c[0]->npci + 64 * i))
				return;
			for (size_t j = 1; j < i; j++)
				for (size_t e = 0; e < k->c[j]->npci; e++)
					if (physical(&k->c[j]->pci[e]) &&
					    k->c[j]->pci[e].bdf == p->bdf &&
					    k->c[j]->pci[e].domain == p->domain &&
					    ck_spend(k, 0))
						jh_finding_add(k->out, JH_R_CHK_PCI_SHARED, &s,
							       "cells '%s' and '%s' both have %s",
							       k->c[j]->name, k->c[i]->name,
							       bdf_name(b, p));
			bool in_root = false;
			for (size_t e = 0; e < k->c[0]->npci && !in_root; e++)
				in_root = physical(&k->c[0]->pci[e]) &&
					  k->c[0]->pci[e].bdf == p->bdf &&
					  k->c[0]->pci[e].domain == p->domain;
			if (!in_root)
				jh_finding_add(k->out, JH_R_CHK_PCI_NOT_IN_ROOT, &s,
					       "cell '%s': %s is not a device of the root cell",
					       k->c[i]->name, bdf_name(b, p));
		}
}

static void ports(struct ck *k)
{
	for (size_t i = 1; i < k->n; i++)
		for (size_t j = i + 1; j < k->n; j++)
			for (size_t a = 0; a < k->c[i]->npio; a++)
				for (size_t b = 0; b < k->c[j]->npio; b++) {
					if (!ck_spend(k, 1))
						return;
					const struct cfg_pio *x = &k->c[i]->pio[a];
					const struct cfg_pio *y = &k->c[j]->pio[b];
					if (!ck_overlap(x->base, x->length, y->base, y->length))
						continue;
					struct jh_subject s = ck_subject(k, j);
					jh_finding_add(k->out, JH_R_CHK_PIO_SHARED, &s,
						       "cells '%s' and '%s': ports 0x%x+%u and "
						       "0x%x+%u overlap", k->c[i]->name,
						       k->c[j]->name, x->base, x->length, y->base,
						       y->length);
				}
	/* The planner's rule and words (plan_inmate.c): a finding of both
	 * is the same finding, kept once by the front end. */
	const struct cfg_console *dc = &k->sys->debug_console;
	if (dc->type != JH_CON_TYPE_8250 || (dc->flags & JH_CON_ACCESS_MMIO))
		return;
	for (size_t i = 1; i < k->n; i++)
		for (size_t a = 0; a < k->c[i]->npio; a++) {
			const struct cfg_pio *x = &k->c[i]->pio[a];
			if (!ck_overlap(x->base, x->length, dc->address, 8))
				continue;
			struct jh_subject s = { .cell = k->c[i]->name, .file = k->file[i] };
			jh_finding_add(k->out, JH_R_CELL_DEBUG_CONSOLE, &s,
				       "cell '%s': ports 0x%x+%u include the hypervisor's "
				       "debug console at 0x%llx: their output interleaves",
				       k->c[i]->name, x->base, x->length,
				       (unsigned long long)dc->address);
		}
}

/* A cell's regions sorted by start, with the largest end so far, for
 * "which regions touch [a, b)" in O(log n + hits) (MSI-X pages of ~1000
 * devices against ~4000 root regions). */
struct region_index {
	struct by_start_end {
		uint64_t start;
		unsigned __int128 end, max_end;   /* end exclusive */
		size_t r;
	} *v;
	size_t n;
};

static int cmp_region(const void *a, const void *b)
{
	const struct by_start_end *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->r < y->r ? -1 : x->r > y->r;
}

static void index_regions(const struct cfg_cell *c, struct region_index *ix)
{
	ix->v = xcalloc(c->nmem ? c->nmem : 1, sizeof(*ix->v));
	ix->n = 0;
	for (size_t r = 0; r < c->nmem; r++)
		if (c->mem[r].size)
			ix->v[ix->n++] = (struct by_start_end){
				c->mem[r].phys_start,
				(unsigned __int128)c->mem[r].phys_start + c->mem[r].size, 0, r };
	qsort(ix->v, ix->n, sizeof(*ix->v), cmp_region);
	unsigned __int128 max = 0;
	for (size_t i = 0; i < ix->n; i++) {
		if (ix->v[i].end > max)
			max = ix->v[i].end;
		ix->v[i].max_end = max;
	}
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* The regions that overlap [start, start + size), in region order. */
static void regions_touching(const struct region_index *ix, uint64_t start, uint64_t size,
			     size_t **hits, size_t *nhits)
{
	size_t cap = 0;
	*hits = NULL;
	*nhits = 0;
	if (!size)
		return;
	unsigned __int128 end = (unsigned __int128)start + size;
	size_t lo = 0, hi = ix->n;      /* the first region starting at or past end */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->v[mid].start < end)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i-- > 0 && ix->v[i].max_end > start;)
		if (ix->v[i].end > start)
			*ARRAY_PUSH(*hits, *nhits, cap) = ix->v[i].r;
	if (*nhits)
		qsort(*hits, *nhits, sizeof(**hits), cmp_size);
}

static void msix_pages(struct ck *k)
{
	for (size_t i = 0; i < k->n; i++) {
		struct region_index ix = { 0 };
		bool indexed = false;
		for (size_t d = 0; d < k->c[i]->npci; d++) {
			const struct cfg_pci_dev *p = &k->c[i]->pci[d];
			if (!physical(p) || !p->msix_region_size)
				continue;
			if (!indexed) {
				index_regions(k->c[i], &ix);
				indexed = true;
			}
			size_t *hits, nhits;
			regions_touching(&ix, p->msix_address, p->msix_region_size, &hits, &nhits);
			bool stop = !ck_spend(k, 1 + nhits);
			for (size_t h = 0; h < nhits && !stop; h++) {
				if (!ck_spend(k, 0)) {
					stop = true;
					break;
				}
				char b[FMT_BDF_LEN];
				struct jh_subject s = ck_subject_bdf(k, i, p->bdf);
				s.has_range = true;
				s.start = p->msix_address;
				s.end = p->msix_address + p->msix_region_size - 1;
				jh_finding_add(k->out, JH_R_CHK_MSIX_MAPPED, &s,
					       "cell '%s': region %zu maps the MSI-X table of %s at "
					       "0x%llx", k->c[i]->name, hits[h], bdf_name(b, p),
					       (unsigned long long)p->msix_address);
			}
			free(hits);
			if (stop) {
				free(ix.v);
				return;
			}
		}
		free(ix.v);
	}
}

static bool ports_cover(const struct cfg_cell *c, uint64_t start, uint64_t end)
{
	for (uint64_t port = start; port <= end; port++) {
		bool in = false;
		for (size_t i = 0; i < c->npio && !in; i++)
			in = port >= c->pio[i].base &&
			     port < (uint64_t)c->pio[i].base + c->pio[i].length;
		if (!in)
			return false;
	}
	return true;
}

static void bars(struct ck *k, size_t i, const struct cfg_pci_dev *p,
		 const struct pci_dev *d)
{
	const struct cfg_cell *c = k->c[i];
	char b[FMT_BDF_LEN];
	for (unsigned bar = 0; bar < PCI_NUM_BARS && bar < d->nres; bar++) {
		const struct pci_resource *r = &d->res[bar];
		if (r->end <= r->start)
			continue;
		bool missing = false;
		uint64_t at = 0;
		if (r->flags & IORESOURCE_MEM) {
			/* the BAR without its MSI-X table pages */
			uint64_t ms = p->msix_address, me = ms + p->msix_region_size;
			if (!p->msix_region_size || me <= r->start || ms > r->end)
				missing = ck_uncovered(k, c, r->start, r->end - r->start + 1, &at);
			else
				missing = (ms > r->start &&
					   ck_uncovered(k, c, r->start, ms - r->start, &at)) ||
					  (me <= r->end &&
					   ck_uncovered(k, c, me, r->end - me + 1, &at));
		} else if (r->flags & IORESOURCE_IO) {
			missing = r->end > 0xffff || !ports_cover(c, r->start, r->end);
			at = r->start;
		}
		if (!missing)
			continue;
		struct jh_subject s = ck_subject_bdf(k, i, p->bdf);
		jh_finding_add(k->out, JH_R_CHK_BAR_UNMAPPED, &s,
			       "cell '%s': %s BAR %u (0x%llx-0x%llx) is not %s from 0x%llx on",
			       c->name, bdf_name(b, p), bar, (unsigned long long)r->start,
			       (unsigned long long)r->end,
			       r->flags & IORESOURCE_MEM ? "mapped" : "in its ports",
			       (unsigned long long)at);
	}
}

static void with_machine(struct ck *k)
{
	const struct machine *m = k->set->m;
	if (!m)
		return;
	for (size_t i = 1; i < k->n; i++)
		for (size_t e = 0; e < k->c[i]->npci; e++) {
			const struct cfg_pci_dev *p = &k->c[i]->pci[e];
			if (!ck_spend(k, 2 * m->npci))
				return;
			const struct pci_dev *d = physical(p) ? machine_find_pci_bdf(m, p->domain, p->bdf)
							      : NULL;
			if (!d)
				continue;
			bars(k, i, p, d);
			for (size_t x = 0; x < m->npci; x++) {
				const struct pci_dev *br = &m->pci[x];
				if (br->is_bridge && br->domain == d->domain &&
				    br->secondary_bus == d->bus && br->is_pcie && !d->is_pcie &&
				    owner(k, br->domain, fmt_bdf_pack(br->bus, br->dev, br->fn)) != i) {
					struct jh_subject s = ck_subject_bdf(k, i, p->bdf);
					jh_finding_add(k->out, JH_R_CHK_PCI_BRIDGE, &s,
						       "cell '%s': %s is behind the PCI bridge %s, "
						       "whose requester id its DMA carries",
						       k->c[i]->name, d->slot, br->slot);
				}
			}
		}
	/* The planner's rule and words (plan_inmate_pci.c check_groups). */
	for (size_t a = 0; a < m->npci; a++) {
		const struct pci_dev *da = &m->pci[a];
		uint16_t ba = fmt_bdf_pack(da->bus, da->dev, da->fn);
		if (!ck_spend(k, 64 * k->n))
			return;
		size_t oa = owner(k, da->domain, ba);
		if (!oa || da->iommu_group < 0)
			continue;
		for (size_t b = 0; b < m->npci; b++) {
			const struct pci_dev *db = &m->pci[b];
			if (b == a || db->iommu_group != da->iommu_group || db->is_bridge)
				continue;
			if (!ck_spend(k, 64 * k->n))
				return;
			size_t ob = owner(k, db->domain, fmt_bdf_pack(db->bus, db->dev, db->fn));
			if (ob == oa)
				continue;
			struct jh_subject s = { .cell = k->c[oa]->name, .file = k->file[oa],
						.has_bdf = true, .bdf = ba };
			jh_finding_add(k->out, JH_R_CELL_IOMMU_GROUP_SPLIT, &s,
				       "cell '%s': %s shares IOMMU group %d with %s, "
				       "which stays with %s: Linux treats a group as one unit",
				       k->c[oa]->name, da->slot, da->iommu_group, db->slot,
				       k->c[ob]->name);
		}
	}
}

static void root_iommu(struct ck *k)
{
	const struct machine *m = k->set->m;
	bool intel = ck_intel_iommu(k->sys);
	/* the kernel applies each intel_iommu= in turn: the last on/off
	 * said wins (parse_cmdline.c: cmdline_on_off) */
	if (!m || !m->cmdline || !intel || cmdline_on_off(m->cmdline, "intel_iommu") == 0)
		return;
	char *v = cmdline_param(m->cmdline, "intel_iommu");
	struct jh_subject s = ck_subject(k, 0);
	if (v)
		jh_finding_add(k->out, JH_R_CHK_ROOT_IOMMU, &s,
			       "the kernel command line says intel_iommu=%s, not off: "
			       "enable fails while Linux remaps DMA", v);
	else
		jh_finding_add(k->out, JH_R_CHK_ROOT_IOMMU, &s,
			       "the kernel command line has no intel_iommu=off: enable "
			       "fails if Linux turned DMA remapping on");
	free(v);
}

/* An inmate's PCI Express device with Advanced Error Reporting while the
 * root Linux handles AER natively: when its driver lets go of the device
 * before the handover, Linux clears the error reporting bits in the
 * device's PCI Express Device Control register (pci_disable_pcie_error_
 * reporting, e1000e and others), a write to a capability the root cell
 * may only read: the hypervisor stops the root CPU ("Invalid PCI config
 * write"). Seen in jhconf's hypervisor test (tests/hypervisor) with the
 * e1000e; pci=noaer keeps Linux from touching AER. */
static bool has_aer(const struct pci_dev *d)
{
	for (size_t c = 0; c < d->ncaps; c++)
		if (d->caps[c].extended && d->caps[c].id == 0x0001)  /* AER */
			return true;
	return false;
}

static bool aer_off(const char *cmdline)
{
	char *v = cmdline_param(cmdline, "pci");
	bool off = false;
	/* pci= takes a comma-separated list of options */
	for (char *save = NULL, *t = v ? strtok_r(v, ",", &save) : NULL; t;
	     t = strtok_r(NULL, ",", &save))
		off |= !strcmp(t, "noaer");
	free(v);
	return off;
}

static void aer(struct ck *k)
{
	const struct machine *m = k->set->m;
	if (!m || !m->cmdline || aer_off(m->cmdline))
		return;
	for (size_t i = 1; i < k->n; i++)
		for (size_t e = 0; e < k->c[i]->npci; e++) {
			const struct cfg_pci_dev *p = &k->c[i]->pci[e];
			const struct pci_dev *d = physical(p) ? machine_find_pci_bdf(m, p->domain, p->bdf)
							      : NULL;
			if (!d || !d->is_pcie || !has_aer(d))
				continue;
			struct jh_subject s = ck_subject_bdf(k, i, p->bdf);
			jh_finding_add(k->out, JH_R_CHK_PCI_AER, &s,
				       "cell '%s': %s reports errors through AER, and the root "
				       "Linux (no pci=noaer) rewrites its PCI Express control "
				       "register when its driver lets go of it",
				       k->c[i]->name, d->slot);
		}
}

void check_devices(struct ck *k)
{
	index_owners(k);
	root_iommu(k);
	iommu_index(k);
	devices_of_inmates(k);
	ports(k);
	msix_pages(k);
	with_machine(k);
	aer(k);
	free(k->owners);
	k->owners = NULL;
	k->nowners = 0;
}
