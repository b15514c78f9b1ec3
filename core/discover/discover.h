/* SPDX-License-Identifier: GPL-2.0-only */
/* Discovery: read a machine through a source, file by file, with the
 * parsers. Missing optional pieces are left unset (have_* false); the
 * planner decides what a root cell needs. Broken files are errors. */
#ifndef JH_DISCOVER_H
#define JH_DISCOVER_H

#include "findings/findings.h"
#include "machine/machine.h"
#include "source/source.h"

int discover_machine(struct source *src, struct machine *m,
		     struct jh_findings *diag, struct jh_error *err);
/* The running system as far as a user other than root may read it (for
 * listing, as lspci does): /proc/iomem without addresses and ACPI tables
 * that cannot be read become warnings (rule DISCOVER-UNPRIVILEGED) instead
 * of errors; the planner then refuses what lacks them. */
int discover_machine_unprivileged(struct source *src, struct machine *m,
				  struct jh_findings *diag, struct jh_error *err);

/* PCI devices through libpci (method linux-sysfs, sysfs.path under the
 * source's root), sorted by slot name, with config space, capabilities,
 * BAR masks and pci.ids names. Bus-centric when the tree lacks the
 * per-device id files (Jailhouse's collector tars). */
int discover_pci(struct source *src, struct machine *m, struct jh_findings *diag,
		 struct jh_error *err);

/* Driver and IOMMU group of each PCI device: through libudev on the live
 * system, from the snapshot's snapshot-pci-devices.txt otherwise (when it
 * has one). Best effort: fields it cannot learn stay unset. */
void discover_udev(struct source *src, struct machine *m);

#endif
