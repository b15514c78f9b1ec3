/* SPDX-License-Identifier: GPL-2.0-only */
/* Memory and port regions of the root cell, chosen the way Jailhouse
 * master's config create chooses them from /proc/iomem and /proc/ioports
 * (its rules, in its order: the bytes of existing configurations depend
 * on every detail, including the odd ones noted below). */
#define _GNU_SOURCE
#include "plan/plan_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ROM_START 0xc0000
#define ROM_STOP  0xdffff
#define VGA_START 0xa0000
#define PAGE      0x1000

void pl_regions_insert(struct pl_regions *l, size_t at, uint64_t start,
		       uint64_t stop, const char *type, const char *comment)
{
	l->v = grow_array(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	memmove(&l->v[at + 1], &l->v[at], (l->n - at) * sizeof(*l->v));
	l->v[at] = (struct pl_region){
		.start = start, .stop = stop, .type = xstrdup(type),
		.comment = comment ? xstrdup(comment) : NULL,
	};
	l->n++;
}

void pl_regions_add(struct pl_regions *l, uint64_t start, uint64_t stop,
		    const char *type, const char *comment)
{
	pl_regions_insert(l, l->n, start, stop, type, comment);
}

void pl_regions_remove(struct pl_regions *l, size_t at)
{
	free(l->v[at].type);
	free(l->v[at].comment);
	memmove(&l->v[at], &l->v[at + 1], (l->n - at - 1) * sizeof(*l->v));
	l->n--;
}

void pl_regions_free(struct pl_regions *l)
{
	while (l->n)
		pl_regions_remove(l, l->n - 1);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}

uint64_t pl_region_mem_size(const struct pl_region *r)
{
	uint64_t len = r->stop - r->start + 1;
	return (len + PAGE - 1) / PAGE * PAGE;
}

/* The names Jailhouse treats as RAM: mapped executable and DMA-capable. */
bool pl_region_is_ram(const struct pl_region *r)
{
	static const char *const ram[] = {
		"System RAM", "Kernel", "RAM buffer", "ACPI DMAR RMRR", "ACPI IVRS",
	};
	for (size_t i = 0; i < sizeof(ram) / sizeof(ram[0]); i++)
		if (!strcmp(r->type, ram[i]))
			return true;
	return false;
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* A top-level RAM region that holds the kernel becomes head / kernel /
 * tail, the kernel part reaching up to the next 16 MiB boundary. The
 * pieces are merged again later (they are adjacent RAM); what survives of
 * the split is the name of the first piece. */
static void add_ram_split_by_kernel(const struct res_tree *t, size_t i,
				    struct pl_regions *out)
{
	const struct res_node *r = &t->nodes[i];
	uint64_t kstart = 0, kstop = 0;
	bool found = false;
	for (size_t c = r->first_child; c != NONE_IDX; c = t->nodes[c].next_sibling) {
		if (!starts_with(t->nodes[c].name, "Kernel"))
			continue;
		if (!found)
			kstart = t->nodes[c].start;
		kstop = t->nodes[c].end;
		found = true;
	}
	if (!found) {
		pl_regions_add(out, r->start, r->end, r->name, NULL);
		return;
	}
	kstop = (kstop & ~0xffffffull) + 0xffffff;
	if (kstop > r->end)
		kstop = r->end;
	if (r->start < kstart)
		pl_regions_add(out, r->start, kstart - 1, r->name, NULL);
	pl_regions_add(out, kstart, kstop, "Kernel", NULL);
	if (r->end > kstop)
		pl_regions_add(out, kstop + 1, r->end, r->name, NULL);
}

/* Config space windows are the hypervisor's; Linux 6.x names them
 * "PCI ECAM" where older kernels said "PCI MMCONFIG" (master knows only the
 * latter: a deliberate difference, see README). */
static bool is_mmconfig_name(const char *s)
{
	return strstr(s, "PCI MMCONFIG") || strstr(s, "PCI ECAM");
}

static void collect_iomem(const struct res_tree *t, size_t first,
			  struct pl_regions *out)
{
	for (size_t i = first; i != NONE_IDX; i = t->nodes[i].next_sibling) {
		const struct res_node *r = &t->nodes[i];
		if (r->level == 1 && !strcmp(r->name, "System RAM")) {
			add_ram_split_by_kernel(t, i, out);
			continue;
		}
		/* "APIC" covers the local APIC and every IOAPIC */
		if (is_mmconfig_name(r->name) || strstr(r->name, "APIC"))
			continue;
		if (r->first_child != NONE_IDX) {
			collect_iomem(t, r->first_child, out);
			continue;
		}
		if (!strcasecmp(r->name, "reserved"))
			continue;
		pl_regions_add(out, r->start, r->end, r->name, NULL);
	}
}

/* Which device's MSI-X table lies in a region, in n log n: the devices
 * sorted by table address, and a sparse table of the smallest device
 * index over every run of 2^k of them, so that "the first device (in
 * machine order) whose table is in [start, stop]" is two binary searches
 * and one lookup, whatever the number of regions and devices. */
struct msix_index {
	uint64_t *addr;   /* table addresses, ascending */
	size_t **min;     /* min[k][i]: smallest index among addr[i..i+2^k) */
	size_t n, levels;
};

static int by_msix_address(const void *a, const void *b, void *pci)
{
	const struct pci_dev *d = pci;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	if (d[x].msix_address != d[y].msix_address)
		return d[x].msix_address < d[y].msix_address ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void msix_index_build(const struct machine *m, struct msix_index *ix)
{
	*ix = (struct msix_index){ .n = m->npci };
	if (!ix->n)
		return;
	size_t *order = xmalloc(ix->n * sizeof(*order));
	for (size_t i = 0; i < ix->n; i++)
		order[i] = i;
	qsort_r(order, ix->n, sizeof(*order), by_msix_address, m->pci);
	ix->addr = xmalloc(ix->n * sizeof(*ix->addr));
	for (size_t i = 0; i < ix->n; i++)
		ix->addr[i] = m->pci[order[i]].msix_address;
	while ((size_t)1 << ix->levels <= ix->n)
		ix->levels++;
	ix->min = xcalloc(ix->levels, sizeof(*ix->min));
	ix->min[0] = order;
	for (size_t k = 1; k < ix->levels; k++) {
		size_t half = (size_t)1 << (k - 1), count = ix->n - 2 * half + 1;
		ix->min[k] = xmalloc(count * sizeof(**ix->min));
		for (size_t i = 0; i < count; i++) {
			size_t a = ix->min[k - 1][i], b = ix->min[k - 1][i + half];
			ix->min[k][i] = a < b ? a : b;
		}
	}
}

static void msix_index_free(struct msix_index *ix)
{
	for (size_t k = 0; k < ix->levels; k++)
		free(ix->min[k]);
	free(ix->min);
	free(ix->addr);
}

/* The first position whose address is >= (or > when after) a. */
static size_t msix_bound(const struct msix_index *ix, uint64_t a, bool after)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->addr[mid] < a || (after && ix->addr[mid] == a))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The smallest device index with its table in [start, stop], or NONE_IDX. */
static size_t msix_first_in(const struct msix_index *ix, uint64_t start,
			    uint64_t stop)
{
	size_t lo = msix_bound(ix, start, false), hi = msix_bound(ix, stop, true);
	if (lo >= hi)
		return NONE_IDX;
	size_t k = 0;
	while ((size_t)2 << k <= hi - lo)
		k++;
	size_t a = ix->min[k][lo], b = ix->min[k][hi - ((size_t)1 << k)];
	return a < b ? a : b;
}

/* Cut the MSI-X table pages of the first device whose table lies in r
 * out of it. Like master, every device is looked at, including those
 * without MSI-X (address 0): a region that starts at 0 is then "cut" at 0,
 * which leaves it whole but skips the steps after this one. */
static bool cut_msix(struct planner *p, const struct msix_index *ix,
		     const struct pl_region *r, struct pl_regions *out)
{
	size_t i = msix_first_in(ix, r->start, r->stop);
	if (i == NONE_IDX)
		return false;
	const struct pci_dev *d = &p->m->pci[i];
	uint64_t a = d->msix_address;
	if (a > r->start)
		pl_regions_add(out, r->start, a - 1, r->type, r->comment);
	if (a + d->msix_region_size < r->stop)
		pl_regions_add(out, a + d->msix_region_size, r->stop,
			       r->type, r->comment);
	return true;
}

int plan_mem_regions(struct planner *p)
{
	struct pl_regions raw = { 0 };
	collect_iomem(&p->m->iomem, p->m->iomem.first_root, &raw);

	struct pl_regions *out = &p->mem;
	struct msix_index ix;
	msix_index_build(p->m, &ix);
	bool add_roms = false;
	for (size_t i = 0; i < raw.n; i++) {
		struct pl_region *r = &raw.v[i];
		/* empty bus windows would need interception once populated */
		if (starts_with(r->type, "PCI Bus") && r->start != VGA_START)
			continue;
		bool keep = !cut_msix(p, &ix, r, out);
		if (r->start >= ROM_START && r->stop <= ROM_STOP) {
			add_roms = true;
			keep = false;
		}
		if (strstr(r->type, "dmar")) {
			pl_regions_add(&p->dmar_regions, r->start, r->stop, r->type, NULL);
			keep = false;
		}
		if (strstr(r->type, "amd_iommu"))
			keep = false;
		if (keep && out->n) {
			struct pl_region *prev = &out->v[out->n - 1];
			if (pl_region_is_ram(prev) && pl_region_is_ram(r) &&
			    prev->stop + 1 == r->start) {
				prev->stop = r->stop;
				keep = false;
			}
		}
		if (keep)
			pl_regions_add(out, r->start, r->stop, r->type, r->comment);
	}
	pl_regions_free(&raw);
	msix_index_free(&ix);
	if (add_roms)
		pl_regions_add(out, ROM_START, ROM_STOP, "ROMs", NULL);
	if (!out->n)
		return pl_refuse(p, JH_R_ROOT_NO_MEMORY,
				 &(struct jh_subject){ .file = "/proc/iomem" },
				 "/proc/iomem: no memory region is left for the root cell");
	/* newer kernels reserve the first page; the CPUs need it at start-up */
	if (!strcmp(out->v[0].type, "System RAM") && out->v[0].start == PAGE)
		out->v[0].start = 0;
	return 0;
}

/* ---- ports ---- */

/* "dddd:bb:dd.f" at the start of a name: a PCI device's own range. */
static bool is_pci_slot_name(const char *s)
{
	static const int groups[] = { 4, 2, 2, 1 };
	static const char seps[] = { ':', ':', '.', 0 };
	for (size_t g = 0; g < 4; g++) {
		for (int k = 0; k < groups[g]; k++, s++)
			if (!(*s == '_' || (*s >= '0' && *s <= '9') ||
			      (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
				return false;
		if (seps[g] && *s++ != seps[g])
			return false;
	}
	return true;
}

static void collect_port_leaves(const struct res_tree *t, size_t first,
				struct pl_regions *out)
{
	for (size_t i = first; i != NONE_IDX; i = t->nodes[i].next_sibling) {
		const struct res_node *r = &t->nodes[i];
		if (r->first_child != NONE_IDX)
			collect_port_leaves(t, r->first_child, out);
		else
			pl_regions_add(out, r->start, r->end, r->name, NULL);
	}
}

static void collect_pci_ports(const struct res_tree *t, size_t first,
			      struct pl_regions *out)
{
	for (size_t i = first; i != NONE_IDX; i = t->nodes[i].next_sibling) {
		const struct res_node *r = &t->nodes[i];
		if (is_pci_slot_name(r->name))
			pl_regions_add(out, r->start, r->end, r->name, NULL);
		else
			collect_pci_ports(t, r->first_child, out);
	}
}

static bool port_is_legacy_permitted(const struct pl_region *r)
{
	/* PIT, keyboard, NMI status/control, i8042, RTC, COM2, COM1 */
	static const uint64_t allowed[] = { 0x40, 0x60, 0x61, 0x64, 0x70, 0x2f8, 0x3f8 };
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (r->start == allowed[i])
			return true;
	return strcasestr(r->type, "vesa") || strcasestr(r->type, "vga");
}

/* Stable sort by start: equal starts keep their order, as in master
 * (legacy leaves before PCI device ranges). A bottom-up merge sort, n log
 * n: an insertion sort made `create` quadratic in the ioports lines. */
static void sort_ports_stable(struct pl_regions *l)
{
	size_t n = l->n;
	if (n < 2)
		return;
	struct pl_region *tmp = xmalloc(n * sizeof(*tmp));
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)  /* ties: the left one first */
				tmp[k++] = l->v[j].start < l->v[i].start ?
						   l->v[j++] : l->v[i++];
			while (i < mid)
				tmp[k++] = l->v[i++];
			while (j < hi)
				tmp[k++] = l->v[j++];
		}
		memcpy(l->v, tmp, n * sizeof(*tmp));
	}
	free(tmp);
}

int plan_port_regions(struct planner *p)
{
	const struct res_tree *t = &p->m->ioports;
	struct pl_regions leaves = { 0 }, pci = { 0 };
	collect_port_leaves(t, t->first_root, &leaves);
	collect_pci_ports(t, t->first_root, &pci);

	for (size_t i = 0; i < leaves.n; i++) {
		struct pl_region *r = &leaves.v[i];
		/* config space ports stay with the hypervisor; the rest above
		 * 0xd00 is handed out per PCI device below */
		if (r->start == 0xcf8 || r->start >= 0xd00)
			continue;
		pl_regions_add(&p->ports, r->start, r->stop, r->type, NULL);
		p->ports.v[p->ports.n - 1].permit = port_is_legacy_permitted(r);
	}
	for (size_t i = 0; i < pci.n; i++) {
		if (pci.v[i].start < 0xd00)
			continue;
		pl_regions_add(&p->ports, pci.v[i].start, pci.v[i].stop,
			       pci.v[i].type, NULL);
		p->ports.v[p->ports.n - 1].permit = true;
	}
	pl_regions_free(&leaves);
	pl_regions_free(&pci);
	sort_ports_stable(&p->ports);
	return 0;
}
