/* SPDX-License-Identifier: GPL-2.0-only */
/* Facts a snapshot records beside the mirrored files, for what only the
 * live system could tell (libudev): snapshot-pci-devices.txt at the root. */
#ifndef JH_SNAPSHOT_EXTRAS_H
#define JH_SNAPSHOT_EXTRAS_H

#include "machine/machine.h"
#include "source/source.h"

/* The PCI device with this sysfs name, or NULL. */
struct pci_dev *machine_find_pci(struct machine *m, const char *slot);

/* Set driver and iommu_group of the devices in m->pci from the snapshot's
 * snapshot-pci-devices.txt. A missing file or bad lines are skipped. */
void snapshot_read_pci_extras(struct source *src, struct machine *m);

/* Apply one file's text (exposed for tests). Returns the lines applied. */
size_t snapshot_apply_pci_extras(const char *text, struct machine *m);

#endif
