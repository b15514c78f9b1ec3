/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness: PCI config space parsing (header, capability lists,
 * MSI/MSI-X facts). */
#include <stdint.h>
#include <stdlib.h>

#include "parse/parsers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy, so that any over-read is caught */
	unsigned char *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	for (size_t i = 0; i < size; i++)
		copy[i] = data[i];
	struct pci_dev d = { 0 };
	struct jh_findings diag = { 0 };
	struct jh_error err = { 0 };
	if (parse_pci_config("config", copy, size, &d, &diag, &err) == 0) {
		/* what the parser promises on success (MSI: up to 1 << 7,
		 * reserved encodings included, as Jailhouse computes it) */
		for (size_t i = 0; i < d.ncaps; i++)
			if (d.caps[i].start + 2u > d.config_len)
				abort();
		if (d.msix_vectors > 2048 || d.msi_vectors > 128)
			abort();
	} else if (!err.msg) {
		abort();
	}
	jh_error_clear(&err);
	jh_findings_free(&diag);
	pci_dev_free(&d);

	/* the header alone (an unprivileged read): the same ids as the full
	 * parse whenever that succeeds, never capabilities */
	struct pci_dev h = { 0 };
	if (parse_pci_config_header("config", copy, size, &h, &err) == 0) {
		if (h.ncaps || h.config_len != size || h.vendor_id != (copy[0] | copy[1] << 8))
			abort();
	} else if (!err.msg || (size >= 64 && size <= 4096)) {
		abort();
	}
	jh_error_clear(&err);
	pci_dev_free(&h);
	free(copy);
	return 0;
}
