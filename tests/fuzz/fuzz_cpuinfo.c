/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for parse_cpuinfo, and for count_sysfs_cpus with the
 * input's lines as directory entries. */
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

static void fuzz_count(const char *text, size_t size)
{
	struct strlist entries = { 0 };
	const char *p = text, *end = text + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		char *name = xstrndup(p, n);
		strlist_add(&entries, name);
		free(name);
		p += n + 1;
	}
	check(count_sysfs_cpus(&entries) <= entries.n);
	strlist_free(&entries);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cpu_info c = { 0 };
	struct jh_error err = { 0 };
	const char *text = (const char *)data;
	if (parse_cpuinfo("/proc/cpuinfo", text, size, &c, &err)) {
		check(err.msg != NULL && !c.vendor && !c.model_name &&
		      !c.flags && !c.vmx_flags && !c.flags_differ);
		jh_error_clear(&err);
	} else {
		check(err.msg == NULL && c.vendor != NULL && c.vendor[0]);
		check(c.nprocessors <= size / 9);  /* "processor" per count */
		check(c.has_vmx == cpu_has_flag(&c, "vmx"));
		check(c.has_svm == cpu_has_flag(&c, "svm"));
		check(!c.flags_differ || c.flags != NULL);
		check(!c.flags_differ || c.flags_differ_at <= c.nprocessors);
		free(c.vendor);
		free(c.model_name);
		free(c.flags);
		free(c.vmx_flags);
	}
	fuzz_count(text, size);
	return 0;
}
