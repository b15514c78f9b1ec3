/* SPDX-License-Identifier: GPL-2.0-only */
/* libpci's enumeration of a sysfs tree, for the tests (pci_enum_ref.c). */
#ifndef JH_PCI_ENUM_REF_H
#define JH_PCI_ENUM_REF_H

#include "discover/pci_libpci.h"

/* Lists the devices under sysfs_path/devices (sysfs_path is a real
 * folder, the tree's /sys/bus/pci). buscentric: take ids from config
 * space (for trees without the per-device attribute files). names: look
 * names up in discover_pci_ids. libpci's warnings go to diag. In libpci's
 * order; on error, out may hold the devices listed so far. */
int pci_enumerate(const char *sysfs_path, bool buscentric, bool names,
		  struct pci_enumeration *out, struct jh_findings *diag,
		  struct jh_error *err);

#endif
