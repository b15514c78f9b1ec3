/* libpci's answers to pci.ids queries (tests/pci_ids_ref.c). */
#ifndef JH_TEST_PCI_IDS_REF_H
#define JH_TEST_PCI_IDS_REF_H

#include "discover/pci_ids.h"

/* What jhconf's libpci session would answer (same flags), or false when
 * libpci refuses the file. Not reentrant (libpci's error callback jumps). */
bool libpci_names(const char *path, struct pci_ids_query *q, size_t n);

#endif
