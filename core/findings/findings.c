/* SPDX-License-Identifier: GPL-2.0-only */
#define _GNU_SOURCE
/* The findings list: added to by discovery and the planner, read by the
 * front ends (printed as one line each, or shown with their rule). */
#include "findings/findings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jh_finding_add(struct jh_findings *f, enum jh_rule_id rule,
		    const struct jh_subject *subject, const char *fmt, ...)
{
	if (!f)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = jh_vmessage(fmt, ap);
	va_end(ap);
	struct jh_finding *x = ARRAY_PUSH(f->v, f->n, f->cap);
	*x = (struct jh_finding){ .rule = rule, .msg = msg };
	if (subject) {
		x->cell = subject->cell ? xstrdup(subject->cell) : NULL;
		x->file = subject->file ? xstrdup(subject->file) : NULL;
		x->has_bdf = subject->has_bdf;
		x->bdf = subject->bdf;
		x->has_range = subject->has_range;
		x->start = subject->start;
		x->end = subject->end;
	}
}

const struct jh_rule *jh_finding_rule(const struct jh_finding *x)
{
	return jh_rule_get(x->rule);
}

enum jh_severity jh_finding_severity(const struct jh_finding *x)
{
	const struct jh_rule *r = jh_rule_get(x->rule);
	return r ? r->severity : JH_SEV_ERROR;
}

size_t jh_findings_count(const struct jh_findings *f, enum jh_severity s)
{
	size_t n = 0;
	for (size_t i = 0; f && i < f->n; i++)
		n += jh_finding_severity(&f->v[i]) == s;
	return n;
}

const struct jh_finding *jh_findings_first(const struct jh_findings *f,
					   enum jh_severity s)
{
	for (size_t i = 0; f && i < f->n; i++)
		if (jh_finding_severity(&f->v[i]) == s)
			return &f->v[i];
	return NULL;
}

static void finding_free(struct jh_finding *x)
{
	free(x->msg);
	free(x->cell);
	free(x->file);
}

void jh_findings_truncate(struct jh_findings *f, size_t n)
{
	while (f->n > n)
		finding_free(&f->v[--f->n]);
}

void jh_findings_append(struct jh_findings *dst, const struct jh_findings *src)
{
	for (size_t i = 0; i < src->n; i++) {
		const struct jh_finding *s = &src->v[i];
		struct jh_finding *x = ARRAY_PUSH(dst->v, dst->n, dst->cap);
		*x = *s;
		x->msg = xstrdup(s->msg);
		x->cell = s->cell ? xstrdup(s->cell) : NULL;
		x->file = s->file ? xstrdup(s->file) : NULL;
	}
}

void jh_findings_free(struct jh_findings *f)
{
	jh_findings_truncate(f, 0);
	free(f->v);
	f->v = NULL;
	f->cap = 0;
}
