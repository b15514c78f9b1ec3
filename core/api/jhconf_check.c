/* SPDX-License-Identifier: GPL-2.0-only */
/* The front-end API's check half: the project's cells (root and inmates
 * of the last plan, with the machine) or a set of .cell files, through
 * core/check. */
#include "api/session.h"
#include "check/check.h"

#include <stdlib.h>
#include <string.h>

static bool same_finding(const struct jh_finding *a, const struct jh_finding *b)
{
	return a->rule == b->rule && !strcmp(a->msg, b->msg);
}

/* Append the findings of src that dst does not hold yet: a rule both the
 * planner and the check apply (the debug console, IOMMU groups) gives
 * the same finding once. */
static void append_new(struct jh_findings *dst, const struct jh_findings *src)
{
	for (size_t i = 0; i < src->n; i++) {
		bool seen = false;
		for (size_t j = 0; j < dst->n && !seen; j++)
			seen = same_finding(&dst->v[j], &src->v[i]);
		if (seen)
			continue;
		struct jh_findings one = { .v = &src->v[i], .n = 1 };
		jh_findings_append(dst, &one);
	}
}

static void check_session(const struct jhconf_session *s, struct jh_findings *out)
{
	const struct cfg_cell **cells = xcalloc(s->cells.n + 1, sizeof(*cells));
	for (size_t i = 0; i < s->cells.n; i++)
		cells[i] = &s->cells.cells[i];
	struct check_set set = {
		.sys = &s->sys, .revision = s->revision, .cells = cells,
		.ncells = s->cells.n, .m = s->have_machine ? &s->m : NULL,
	};
	check_cells(&set, out);
	free(cells);
}

void api_check_plan(struct jhconf_session *s)
{
	struct jh_findings found = { 0 };
	check_session(s, &found);
	append_new(&s->findings, &found);
	jh_findings_free(&found);
}

int jhconf_check_project(const struct jhconf_session *s, struct jh_findings *out,
			 struct jh_error *err)
{
	if (!s->have_plan)
		return jh_fail(err, JH_BADINPUT, "nothing to check: no plan");
	struct jh_findings found = { 0 };
	check_session(s, &found);
	append_new(out, &found);
	jh_findings_free(&found);
	return 0;
}

int jhconf_check_files(const char *const *paths, size_t n, struct jh_findings *out,
		       struct jh_error *err)
{
	if (n == 0)
		return jh_fail(err, JH_BADINPUT, "no system configuration to check");
	struct cell_file *f = xcalloc(n, sizeof(*f));
	size_t nread = 0, size;
	int rc = 0;
	for (; nread < n; nread++) {
		if (jhconf_read_cell(paths[nread], &f[nread], &size, err) < 0) {
			rc = -1;
			break;
		}
		if (nread == 0 && !f[0].is_system) {
			nread++;
			rc = jh_fail(err, JH_BADINPUT, "%s: not a system configuration "
				     "(give the root cell's file first)", paths[0]);
			break;
		}
		if (nread > 0 && f[nread].is_system) {
			nread++;
			rc = jh_fail(err, JH_BADINPUT, "%s: a system configuration, not a "
				     "cell (only the first file is the root cell's)",
				     paths[nread - 1]);
			break;
		}
	}
	if (rc == 0) {
		const struct cfg_cell **cells = xcalloc(n, sizeof(*cells));
		for (size_t i = 1; i < n; i++)
			cells[i - 1] = &f[i].cell;
		struct check_set set = {
			.sys = &f[0].system, .sys_file = paths[0],
			.revision = f[0].layout->revision, .cells = cells,
			.files = paths + 1, .ncells = n - 1,
		};
		check_cells(&set, out);
		free(cells);
	}
	for (size_t i = 0; i < nread; i++)
		cell_file_free(&f[i]);
	free(f);
	return rc;
}
