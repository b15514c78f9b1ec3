/* SPDX-License-Identifier: GPL-2.0-only */
/* snapshot-pci-devices.txt: what libudev would have said about each PCI
 * device when the snapshot was taken. One line per device:
 *   <slot> <sysfs path> driver=<name|-> iommu_group=<n|->
 * The file is optional and informative, so bad lines are skipped rather
 * than failing discovery. */
#include "discover/snapshot_extras.h"
#include "source/collect.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define PCI_EXTRAS_FILE "/" COLLECT_PCI_LIST

struct pci_dev *machine_find_pci(struct machine *m, const char *slot)
{
	for (size_t i = 0; i < m->npci; i++)
		if (m->pci[i].slot && strcmp(m->pci[i].slot, slot) == 0)
			return &m->pci[i];
	return NULL;
}

/* The value of "key=value" in a whitespace-separated field, or NULL. */
static const char *field_value(const char *field, const char *key)
{
	size_t n = strlen(key);
	if (strncmp(field, key, n) != 0 || field[n] != '=')
		return NULL;
	return field + n + 1;
}

static bool parse_group(const char *s, int *group)
{
	uint64_t v;
	if (strcmp(s, "-") == 0) {
		*group = -1;
		return true;
	}
	if (!parse_u64(s, 10, &v) || v > INT_MAX)
		return false;
	*group = (int)v;
	return true;
}

/* Split a line in place into at most max fields. */
static size_t split_fields(char *line, char **fields, size_t max)
{
	size_t n = 0;
	char *save = NULL;
	for (char *t = strtok_r(line, " \t\r", &save); t;
	     t = strtok_r(NULL, " \t\r", &save)) {
		if (n == max)
			return max + 1;
		fields[n++] = t;
	}
	return n;
}

/* The devices sorted by slot, for a binary search per line: a lookup
 * by scanning would make lines x devices steps. */
struct slot_index {
	struct pci_dev **v;
	size_t n;
};

static int by_slot_ptr(const void *a, const void *b)
{
	const struct pci_dev *x = *(struct pci_dev *const *)a;
	const struct pci_dev *y = *(struct pci_dev *const *)b;
	int c = strcmp(x->slot, y->slot);
	return c ? c : (x > y) - (x < y);
}

/* Like machine_find_pci: the first device with that slot. */
static struct pci_dev *index_find(const struct slot_index *ix, const char *slot)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix->v[mid]->slot, slot) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && !strcmp(ix->v[lo]->slot, slot) ? ix->v[lo] : NULL;
}

static bool apply_line(char *line, const struct slot_index *ix)
{
	char *f[4];
	const char *driver, *group_text;
	int group;

	if (split_fields(line, f, 4) != 4)
		return false;
	driver = field_value(f[2], COLLECT_PCI_LIST_DRIVER);
	group_text = field_value(f[3], COLLECT_PCI_LIST_GROUP);
	if (!driver || !*driver || !group_text ||
	    !parse_group(group_text, &group))
		return false;
	struct pci_dev *pd = index_find(ix, f[0]);
	if (!pd)
		return false;
	free(pd->driver);
	pd->driver = strcmp(driver, "-") == 0 ? NULL : xstrdup(driver);
	pd->iommu_group = group;
	return true;
}

size_t snapshot_apply_pci_extras(const char *text, struct machine *m)
{
	char *copy = xstrdup(text);
	size_t applied = 0;
	char *save = NULL;
	struct slot_index ix = { .v = xmalloc((m->npci ? m->npci : 1) *
					      sizeof(*ix.v)) };
	for (size_t i = 0; i < m->npci; i++)
		if (m->pci[i].slot)
			ix.v[ix.n++] = &m->pci[i];
	/* equal slots (not in a real machine) keep their order, so the
	 * first one wins as with machine_find_pci */
	if (ix.n)
		qsort(ix.v, ix.n, sizeof(*ix.v), by_slot_ptr);

	for (char *line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (apply_line(line, &ix))
			applied++;
	free(ix.v);
	free(copy);
	return applied;
}

void snapshot_read_pci_extras(struct source *src, struct machine *m)
{
	struct jh_error err = { 0 };
	char *text;

	text = source_read_text_opt(src, PCI_EXTRAS_FILE, &err);
	if (text)
		snapshot_apply_pci_extras(text, m);
	free(text);
	jh_error_clear(&err);
}
