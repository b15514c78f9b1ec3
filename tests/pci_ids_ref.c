/* SPDX-License-Identifier: GPL-2.0-only */
/* The reference for jhconf's pci.ids reader (core/discover/pci_ids.c):
 * libpci's own answer to the same queries, for the unit test and the
 * fuzz harness that compare the two. */
#include "pci_ids_ref.h"
#include "base/util.h"

#include <pci/pci.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

static jmp_buf libpci_escape;

static void libpci_error(char *msg, ...) __attribute__((noreturn));
static void libpci_error(char *msg, ...)
{
	(void)msg;
	longjmp(libpci_escape, 1);
}

static void libpci_quiet(char *msg, ...)
{
	(void)msg;
}

/* A libpci session on the pci.ids at path whose errors jump to
 * libpci_escape; the lookup cache in the home folder switched off. */
static struct pci_access *ref_session(const char *path)
{
	struct pci_access *pacc = pci_alloc();
	pacc->error = libpci_error;
	pacc->warning = libpci_quiet;
	pacc->debug = libpci_quiet;
	pci_set_param(pacc, "net.cache_name", "");
	pci_set_name_list_path(pacc, (char *)path, 0);
	return pacc;
}

/* What jhconf's libpci session would answer (same flags), or false when
 * libpci refuses the file (its error callback fired). The lookup cache in
 * the home folder is switched off: the queries here that pci.ids lacks
 * are checked separately. */
bool libpci_names(const char *path, struct pci_ids_query *q, size_t n)
{
	struct pci_access *volatile pacc = ref_session(path);
	if (setjmp(libpci_escape)) {
		pci_cleanup(pacc);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		char buf[256];
		const char *v = pci_lookup_name(pacc, buf, sizeof(buf),
			PCI_LOOKUP_VENDOR | PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB,
			q[i].vendor);
		q[i].vendor_name = v ? xstrdup(v) : NULL;
		const char *d = pci_lookup_name(pacc, buf, sizeof(buf),
			PCI_LOOKUP_DEVICE | PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB,
			q[i].vendor, q[i].device);
		q[i].device_name = d ? xstrdup(d) : NULL;
	}
	pci_cleanup(pacc);
	return true;
}


bool libpci_class_words(const char *path, uint32_t class_code,
			struct libpci_class_words *out)
{
	struct pci_access *volatile pacc = ref_session(path);
	if (setjmp(libpci_escape)) {
		pci_cleanup(pacc);
		return false;
	}
	unsigned cls = class_code >> 8, pif = class_code & 0xff;
	char buf[256];
	/* lspci: numeric_ids 0 for names, 2 for -nn */
	snprintf(out->plain, sizeof(out->plain), "%s",
		 pci_lookup_name(pacc, buf, sizeof(buf),
				 PCI_LOOKUP_CLASS | PCI_LOOKUP_NO_HWDB, cls));
	pacc->numeric_ids = 2;
	snprintf(out->numbers, sizeof(out->numbers), "%s",
		 pci_lookup_name(pacc, buf, sizeof(buf),
				 PCI_LOOKUP_CLASS | PCI_LOOKUP_NO_HWDB, cls));
	pacc->numeric_ids = 0;
	const char *p = pci_lookup_name(pacc, buf, sizeof(buf),
		PCI_LOOKUP_PROGIF | PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB, cls, pif);
	out->progif = p ? xstrdup(p) : NULL;
	pci_cleanup(pacc);
	return true;
}
