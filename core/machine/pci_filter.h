/* SPDX-License-Identifier: GPL-2.0-only */
/* Device filters as lspci takes them (pciutils' lib/filter.c is the
 * model of the syntax; this is jhconf's own code): a slot filter
 * "[[[[DOMAIN]:]BUS]:][DEV][.[FN]]" and an id filter
 * "[VENDOR]:[DEVICE][:CLASS[:PROGIF]]", every field hex, an empty field
 * or "*" matching anything. */
#ifndef JH_PCI_FILTER_H
#define JH_PCI_FILTER_H

#include "machine/machine.h"

struct pci_filter {
	/* -1: any */
	int domain, bus, dev, fn;
	int vendor, device, class_id, progif;   /* class_id: class << 8 | subclass */
};

void pci_filter_init(struct pci_filter *f);
/* false on a malformed filter (f then unspecified); *why names what. */
bool pci_filter_parse_slot(struct pci_filter *f, const char *s, const char **why);
bool pci_filter_parse_id(struct pci_filter *f, const char *s, const char **why);
bool pci_filter_match(const struct pci_filter *f, const struct pci_dev *d);

#endif
