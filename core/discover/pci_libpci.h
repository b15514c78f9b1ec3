/* Enumeration of PCI devices through libpci (see pci_libpci.c). Free of
 * libpci's types, so that it can sit next to the machine model. */
#ifndef JH_PCI_LIBPCI_H
#define JH_PCI_LIBPCI_H

#include "base/util.h"
#include "findings/findings.h"

/* What libpci tells about one device. */
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

/* Lists the devices under sysfs_path/devices (sysfs_path is a real
 * folder, the tree's /sys/bus/pci). buscentric: take ids from config
 * space (for trees without the per-device attribute files). names: look
 * names up in discover_pci_ids. libpci's warnings go to diag. In libpci's
 * order; on error, out may hold the devices listed so far. */
int pci_enumerate(const char *sysfs_path, bool buscentric, bool names,
		  struct pci_enumeration *out, struct jh_findings *diag,
		  struct jh_error *err);
void pci_enumeration_free(struct pci_enumeration *e);

struct pci_ids_class_query;
/* Class, subclass and prog-if names from libpci itself, for when
 * pci_ids_lookup_classes is not sure (see there). */
void pci_libpci_lookup_classes(struct pci_ids_class_query *q, size_t n);

/* The pci.ids file device names come from: JH_PCI_IDS (configure
 * --with-pci-ids); tests point it at files of their own. */
extern const char *discover_pci_ids;

#endif
