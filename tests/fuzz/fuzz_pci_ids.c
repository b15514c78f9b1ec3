/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for jhconf's pci.ids reader, differential: the first 16
 * bytes are four vendor:device queries, the rest is a pci.ids file. When
 * the reader vouches for its answers they must be libpci's own (the
 * reader's whole contract); when libpci refuses the file the reader must
 * not have answered. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "discover/pci_ids.h"
#include "pci_ids_ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NQ 4

static void check(bool ok)
{
	if (!ok)
		abort();
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4 * NQ)
		return 0;
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/fuzz_pci_ids.%d", (int)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data + 4 * NQ, 1, size - 4 * NQ, f);
	fclose(f);
	struct pci_ids_query mine[NQ], ref[NQ];
	for (size_t i = 0; i < NQ; i++) {
		uint16_t v = (uint16_t)(data[4 * i] | data[4 * i + 1] << 8);
		uint16_t d = (uint16_t)(data[4 * i + 2] | data[4 * i + 3] << 8);
		mine[i] = ref[i] = (struct pci_ids_query){ .vendor = v, .device = d };
	}
	bool answered = pci_ids_lookup(path, mine, NQ);
	bool libpci_ok = libpci_names(path, ref, NQ);
	if (answered) {
		check(libpci_ok);
		for (size_t i = 0; i < NQ; i++) {
			check(same(mine[i].vendor_name, ref[i].vendor_name));
			check(same(mine[i].device_name, ref[i].device_name));
		}
		pci_ids_query_free(mine, NQ);
	}
	if (libpci_ok)
		pci_ids_query_free(ref, NQ);

	/* classes: the same 4 bytes of each query read as a class code */
	struct pci_ids_class_query cq[NQ];
	for (size_t i = 0; i < NQ; i++)
		cq[i] = (struct pci_ids_class_query){
			.class_code = (uint32_t)data[4 * i] << 16 | (uint32_t)data[4 * i + 1] << 8 |
				      data[4 * i + 2] };
	if (pci_ids_lookup_classes(path, cq, NQ)) {
		for (size_t i = 0; i < NQ; i++) {
			struct libpci_class_words want;
			char text[300];
			check(libpci_class_words(path, cq[i].class_code, &want));
			pci_class_text(&cq[i], false, text, sizeof(text));
			check(!strcmp(text, want.plain));
			pci_class_text(&cq[i], true, text, sizeof(text));
			check(!strcmp(text, want.numbers));
			check(same(cq[i].progif_name, want.progif));
			free(want.progif);
		}
		pci_ids_class_query_free(cq, NQ);
	}
	unlink(path);
	return 0;
}
