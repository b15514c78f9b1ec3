/* SPDX-License-Identifier: GPL-2.0-only */
/* PCI vendor and device names from pci.ids in one streaming pass that
 * keeps only the names asked for, instead of libpci's load of the whole
 * database into a hash table (most of a `create`'s time before).
 *
 * The answers are the ones libpci's pci_lookup_name gives with
 * PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB, or none at all: the reader
 * accepts only files in which libpci's answer is certain (see pci_ids.c)
 * and otherwise says so, and the caller asks libpci itself. */
#ifndef JH_PCI_IDS_H
#define JH_PCI_IDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pci_ids_query {
	uint16_t vendor, device;           /* in */
	char *vendor_name, *device_name;   /* out: allocated, NULL when unnamed */
};

/* Names every query from the pci.ids file at path. Returns true when
 * every answer is certain to be libpci's (names filled in); false when
 * the file is outside what this reader vouches for or cannot be read
 * (no names filled in): then libpci must answer. */
bool pci_ids_lookup(const char *path, struct pci_ids_query *q, size_t n);

/* Class names as lspci finds them (libpci's PCI_LOOKUP_CLASS and
 * PCI_LOOKUP_PROGIF): the subclass's name, or when it has none the base
 * class's; the programming interface's (for IDE controllers, libpci's
 * words for the interface bits where pci.ids has no entry). */
struct pci_ids_class_query {
	uint32_t class_code;               /* in: base << 16 | sub << 8 | prog-if */
	char *subclass_name, *class_name, *progif_name;  /* out, NULL: unnamed */
};
/* lspci's text for the class: the subclass name, "CLASS [ccss]" for a
 * named base class, "Class ccss"; with numbers (-nn) "... [ccss]". A text
 * of 256 bytes or more is cut as lspci's buffer cuts it (255 bytes, the
 * last three "..."); len of 256 or more holds any. */
void pci_class_text(const struct pci_ids_class_query *q, bool numbers,
		    char *buf, size_t len);
/* lspci's text for the vendor and device (libpci's name pair): "V D",
 * "V Device dddd", "Device vvvv:dddd"; with numbers "V D [vvvv:dddd]",
 * "V Device [vvvv:dddd]", "Device [vvvv:dddd]"; cut as above. */
void pci_names_text(const char *vendor, const char *device, uint16_t vendor_id,
		    uint16_t device_id, bool numbers, char *buf, size_t len);
/* Like pci_ids_lookup, for classes. */
bool pci_ids_lookup_classes(const char *path, struct pci_ids_class_query *q, size_t n);
void pci_ids_class_query_free(struct pci_ids_class_query *q, size_t n);

/* Frees the names of n queries. */
void pci_ids_query_free(struct pci_ids_query *q, size_t n);

#endif
