/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for parse_cmdline: any bytes either fail with a message
 * and nothing kept, or give a line without a newline and reservations
 * only when the line mentions memmap. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/parsers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct machine m = { 0 };
	struct jh_error err = { 0 };
	if (parse_cmdline("/proc/cmdline", (const char *)data, size, &m, &err)) {
		check(err.msg != NULL && !m.cmdline && !m.memmaps && !m.nmemmaps);
		jh_error_clear(&err);
		return 0;
	}
	check(err.msg == NULL && m.cmdline != NULL);
	check(strlen(m.cmdline) <= size && !strchr(m.cmdline, '\n'));
	check(m.nmemmaps == 0 || strstr(m.cmdline, "memmap=") != NULL);
	check(m.nmemmaps <= m.memmaps_cap);
	/* the parameter helpers: a value only for a name on the line */
	int sw = cmdline_on_off(m.cmdline, "intel_iommu");
	check(sw >= -1 && sw <= 1);
	check(sw == -1 || strstr(m.cmdline, "iommu") != NULL);
	char *v = cmdline_param(m.cmdline, "memmap");
	check(!v || strlen(v) <= strlen(m.cmdline));
	free(v);
	free(m.cmdline);
	free(m.memmaps);
	return 0;
}
