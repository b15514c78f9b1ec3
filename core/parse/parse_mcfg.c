/* SPDX-License-Identifier: GPL-2.0-only */
/* MCFG: where the PCI Express extended configuration space (ECAM,
 * "MMCONFIG") of each segment's bus range is mapped. After the header and
 * 8 reserved bytes come 16-byte allocations. */
#include <stdlib.h>
#include <string.h>

#include "parse/parsers.h"
#include "base/util.h"

#define MCFG_FIRST_ALLOC 44u
#define MCFG_ALLOC_LEN 16u

static void mcfg_add_alloc(struct mcfg *out, const unsigned char *a)
{
	struct mcfg_alloc *m = ARRAY_PUSH(out->allocs, out->n, out->cap);
	m->base = le64(a);
	m->segment = le16(a + 8);
	m->start_bus = a[10];
	m->end_bus = a[11];
}

int parse_mcfg(const char *file, const unsigned char *data, size_t len,
	       struct mcfg *out, struct jh_findings *diag, struct jh_error *err)
{
	memset(out, 0, sizeof(*out));
	if (acpi_check_header(file, data, len, "MCFG", diag, err) != 0)
		return -1;
	uint32_t length;
	if (acpi_check_min_length(file, data, "MCFG", MCFG_FIRST_ALLOC,
				  "its reserved field", &length, err) != 0)
		return -1;
	if ((length - MCFG_FIRST_ALLOC) % MCFG_ALLOC_LEN != 0)
		return jh_fail(err, JH_BADINPUT,
			       "%s: MCFG ends with a partial allocation "
			       "(%u bytes after offset %u, not a multiple of "
			       "%u)", file, length - MCFG_FIRST_ALLOC,
			       MCFG_FIRST_ALLOC, MCFG_ALLOC_LEN);
	for (uint32_t off = MCFG_FIRST_ALLOC; off < length;
	     off += MCFG_ALLOC_LEN)
		mcfg_add_alloc(out, data + off);
	return 0;
}

void mcfg_free(struct mcfg *m)
{
	if (!m)
		return;
	free(m->allocs);
	memset(m, 0, sizeof(*m));
}
