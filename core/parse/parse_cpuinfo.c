/* SPDX-License-Identifier: GPL-2.0-only */
/* /proc/cpuinfo ("key<tabs>: value" lines, a blank line between
 * processors) and the count of CPUs that sysfs lists. */
#include "parse/parsers.h"
#include "base/textspan.h"

#include <stdlib.h>
#include <string.h>

/* One "key : value" line. The first vendor_id, model name, flags and vmx
 * flags are the first processor's: the kernel prints processor 0 first,
 * in full. Later flags lines are only compared with the first, as
 * Jailhouse's hardware check does (it wants one feature set). */
static void take_field(const char *key, size_t key_len, const char *val,
		       size_t val_len, struct cpu_info *out)
{
	if (span_is(key, key_len, "processor")) {
		out->nprocessors++;
	} else if (span_is(key, key_len, "vendor_id")) {
		if (!out->vendor)
			out->vendor = xstrndup(val, val_len);
	} else if (span_is(key, key_len, "model name")) {
		if (!out->model_name)
			out->model_name = xstrndup(val, val_len);
	} else if (span_is(key, key_len, "flags")) {
		if (!out->flags) {
			out->flags = xstrndup(val, val_len);
			out->has_vmx = span_has_word(val, val_len, "vmx");
			out->has_svm = span_has_word(val, val_len, "svm");
		} else if (!out->flags_differ &&
			   (strlen(out->flags) != val_len ||
			    memcmp(out->flags, val, val_len))) {
			out->flags_differ = true;
			out->flags_differ_at = out->nprocessors ? out->nprocessors - 1 : 0;
		}
	} else if (span_is(key, key_len, "vmx flags")) {
		if (!out->vmx_flags)
			out->vmx_flags = xstrndup(val, val_len);
	}
}

static void forget_cpuinfo(struct cpu_info *out)
{
	free(out->vendor);
	free(out->model_name);
	free(out->flags);
	free(out->vmx_flags);
	out->vendor = out->model_name = out->flags = out->vmx_flags = NULL;
	out->nprocessors = 0;
	out->has_vmx = out->has_svm = false;
	out->flags_differ = false;
	out->flags_differ_at = 0;
}

/* Fills everything but out->sysfs_count, which is left as it was. */
int parse_cpuinfo(const char *file, const char *text, size_t len,
		  struct cpu_info *out, struct jh_error *err)
{
	out->vendor = out->model_name = out->flags = out->vmx_flags = NULL;
	forget_cpuinfo(out);
	if (len && memchr(text, '\0', len))
		return jh_fail(err, JH_BADINPUT, "%s: contains a NUL byte", file);

	size_t lineno = 0;
	const char *p = text, *end = text + len, *line;
	size_t n;
	while (span_next_line(&p, end, &line, &n)) {
		lineno++;

		span_trim(&line, &n);
		if (!n)
			continue;
		const char *colon = memchr(line, ':', n);
		if (!colon) {
			jh_fail(err, JH_BADINPUT, "%s: line %zu: no ':'", file,
				lineno);
			goto fail;
		}
		const char *key = line, *val = colon + 1;
		size_t key_len = (size_t)(colon - line);
		size_t val_len = n - key_len - 1;
		span_trim(&key, &key_len);
		span_trim(&val, &val_len);
		take_field(key, key_len, val, val_len, out);
	}

	if (!out->vendor) {
		jh_fail(err, JH_BADINPUT, "%s: no vendor_id line", file);
		goto fail;
	}
	if (!*out->vendor) {
		jh_fail(err, JH_BADINPUT, "%s: empty vendor_id", file);
		goto fail;
	}
	return 0;

fail:
	forget_cpuinfo(out);
	return -1;
}

/* Like Jailhouse: every name that starts with "cpu" and a digit. */
unsigned count_sysfs_cpus(const struct strlist *entries)
{
	unsigned count = 0;
	for (size_t i = 0; i < entries->n; i++) {
		const char *name = entries->v[i];
		if (!strncmp(name, "cpu", 3) && name[3] >= '0' && name[3] <= '9')
			count++;
	}
	return count;
}
