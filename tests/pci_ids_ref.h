/* SPDX-License-Identifier: GPL-2.0-only */
/* libpci's answers to pci.ids queries (tests/pci_ids_ref.c). */
#ifndef JH_TEST_PCI_IDS_REF_H
#define JH_TEST_PCI_IDS_REF_H

#include "discover/pci_ids.h"

/* What jhconf's libpci session would answer (same flags), or false when
 * libpci refuses the file. Not reentrant (libpci's error callback jumps). */
bool libpci_names(const char *path, struct pci_ids_query *q, size_t n);

/* lspci's words for a class as libpci gives them: the class text as
 * lspci prints it (plain and with -nn) and the prog-if name (NULL when
 * libpci has none). False when libpci refuses the file. */
struct libpci_class_words {
	char plain[256], numbers[256];
	char *progif;
};
bool libpci_class_words(const char *path, uint32_t class_code,
			struct libpci_class_words *out);

#endif
