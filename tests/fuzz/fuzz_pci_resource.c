/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness: the sysfs `resource` file of a PCI device. */
#include <stdint.h>
#include <stdlib.h>

#include "parse/parsers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* not NUL-terminated: the parser must respect the length */
	char *text = malloc(size ? size : 1);
	if (!text)
		return 0;
	for (size_t i = 0; i < size; i++)
		text[i] = (char)data[i];
	struct pci_dev d = { 0 };
	struct jh_error err = { 0 };
	if (parse_pci_resource("resource", text, size, &d, &err) == 0) {
		if (d.nres < PCI_NUM_BARS || d.nres > PCI_NUM_BARS + 1)
			abort();
	} else if (!err.msg) {
		abort();
	}
	jh_error_clear(&err);
	free(text);
	return 0;
}
