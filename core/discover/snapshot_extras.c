/* snapshot-pci-devices.txt: what libudev would have said about each PCI
 * device when the snapshot was taken. One line per device:
 *   <slot> <sysfs path> driver=<name|-> iommu_group=<n|->
 * The file is optional and informative, so bad lines are skipped rather
 * than failing discovery. */
#include "discover/snapshot_extras.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define PCI_EXTRAS_FILE "/snapshot-pci-devices.txt"

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

static bool apply_line(char *line, struct machine *m)
{
	char *f[4];
	const char *driver, *group_text;
	int group;

	if (split_fields(line, f, 4) != 4)
		return false;
	driver = field_value(f[2], "driver");
	group_text = field_value(f[3], "iommu_group");
	if (!driver || !*driver || !group_text ||
	    !parse_group(group_text, &group))
		return false;
	struct pci_dev *pd = machine_find_pci(m, f[0]);
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

	for (char *line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (apply_line(line, m))
			applied++;
	free(copy);
	return applied;
}

void snapshot_read_pci_extras(struct source *src, struct machine *m)
{
	struct jh_error err = { 0 };
	char *text;

	if (!source_exists(src, PCI_EXTRAS_FILE))
		return;
	text = source_read_text(src, PCI_EXTRAS_FILE, &err);
	if (text)
		snapshot_apply_pci_extras(text, m);
	free(text);
	jh_error_clear(&err);
}
