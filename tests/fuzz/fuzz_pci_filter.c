/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for the lspci-style filters (core/machine/pci_filter.c):
 * the first byte chooses the slot ('s') or id parser, the rest is the
 * filter text. A filter either fails with a reason, or parses into fields
 * within their ranges, and a device built from those very fields (any
 * field left open takes 0) matches it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "machine/pci_filter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

static unsigned or0(int v)
{
	return v < 0 ? 0 : (unsigned)v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	char *text = xstrndup((const char *)data + 1, size - 1);
	struct pci_filter f;
	const char *why = NULL;
	pci_filter_init(&f);
	bool ok = data[0] == 's' ? pci_filter_parse_slot(&f, text, &why)
				 : pci_filter_parse_id(&f, text, &why);
	if (!ok) {
		check(why != NULL && *why);
	} else {
		check(f.domain <= 0xffff && f.bus <= 0xff && f.dev <= 0x1f && f.fn <= 7);
		check(f.vendor <= 0xffff && f.device <= 0xffff && f.class_id <= 0xffff &&
		      f.progif <= 0xff);
		struct pci_dev d = { .domain = (uint16_t)or0(f.domain), .bus = (uint8_t)or0(f.bus),
				     .dev = (uint8_t)or0(f.dev), .fn = (uint8_t)or0(f.fn),
				     .vendor_id = (uint16_t)or0(f.vendor),
				     .device_id = (uint16_t)or0(f.device),
				     .class_code = or0(f.class_id) << 8 | or0(f.progif) };
		check(pci_filter_match(&f, &d));
	}
	free(text);
	return 0;
}
