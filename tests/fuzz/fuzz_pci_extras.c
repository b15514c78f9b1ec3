/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for snapshot_apply_pci_extras: any text either sets a
 * known device's driver (a non-empty word) and group (-1 or more), or is
 * skipped; it never fails, and never touches devices it does not name. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "discover/snapshot_extras.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

static const char *const slots[] = {
	"0000:00:02.0", "0000:00:1f.2", "0000:01:00.0",
};
#define NSLOTS (sizeof(slots) / sizeof(slots[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct machine m = { 0 };
	for (size_t i = 0; i < NSLOTS; i++) {
		struct pci_dev *d = ARRAY_PUSH(m.pci, m.npci, m.pci_cap);
		*d = (struct pci_dev){ .slot = xstrdup(slots[i]), .irq = -1,
				       .iommu_group = -1 };
	}
	char *text = xstrndup((const char *)data, size);
	size_t lines = 1;
	for (const char *p = text; *p; p++)
		lines += *p == '\n';

	size_t applied = snapshot_apply_pci_extras(text, &m);
	check(applied <= lines);
	for (size_t i = 0; i < m.npci; i++) {
		const struct pci_dev *d = &m.pci[i];
		check(d->iommu_group >= -1);
		if (d->driver) {
			check(d->driver[0] != '\0' && strcmp(d->driver, "-") != 0);
			for (const char *c = d->driver; *c; c++)
				check(*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r');
		}
		if (!strstr(text, d->slot))
			check(!d->driver && d->iommu_group == -1);
		pci_dev_free(&m.pci[i]);
	}
	free(m.pci);
	free(text);
	return 0;
}
