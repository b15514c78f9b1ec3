/* SPDX-License-Identifier: GPL-2.0-only */
/* libpci (see pci_libpci.c, loaded on first use): device names for
 * queries jhconf's own pci.ids reader cannot vouch for. And what an
 * enumeration of PCI devices tells (discovery's native one, and libpci's
 * own in the tests: tests/pci_enum_ref.c). Free of libpci's types, so
 * that it can sit next to the machine model. */
#ifndef JH_PCI_LIBPCI_H
#define JH_PCI_LIBPCI_H

#include "base/util.h"
#include "findings/findings.h"
#include "discover/pci_ids.h"

/* What an enumeration tells about one device. */
struct pci_enumerated {
	char slot[32];          /* "0000:00:1f.2" */
	int irq;                /* -1 when unknown */
	uint16_t vendor_id, device_id;    /* as libpci read them */
	char *vendor_name, *device_name;  /* pci.ids, NULL when unknown */
};

struct pci_enumeration {
	struct pci_enumerated *v;
	size_t n, cap;
};

void pci_enumeration_free(struct pci_enumeration *e);

struct pci_ids_class_query;
/* Class, subclass and prog-if names from libpci itself, for when
 * pci_ids_lookup_classes is not sure (see there). */
void pci_libpci_lookup_classes(struct pci_ids_class_query *q, size_t n);

/* The facts of every device, found natively through src as discover_pci
 * does (discover_pci.c), in sorted order: what the tests compare with
 * libpci's enumeration of a plain copy of the tree. */
struct source;
int pci_enumerate_native(struct source *src, bool names,
			 struct pci_enumeration *out, struct jh_findings *diag,
			 struct jh_error *err);

/* Names every query from discover_pci_ids with libpci's pci_lookup_name
 * (PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB; no sysfs access); its
 * warnings go to diag. On libpci's refusal of the file (or when libpci
 * cannot be loaded), an error naming it, and no names. */
int pci_libpci_names(struct pci_ids_query *q, size_t n,
		     struct jh_findings *diag, struct jh_error *err);

/* The libpci runtime library loaded for names (JH_LIBPCI_SONAME,
 * configure --with-libpci-soname); tests point it elsewhere. */
extern const char *discover_pci_libpci_soname;

/* The pci.ids file device names come from: JH_PCI_IDS (configure
 * --with-pci-ids); tests point it at files of their own. */
extern const char *discover_pci_ids;

#endif
