/* SPDX-License-Identifier: GPL-2.0-only */
/* The front-end API's `update`: a project brought to the machine as it is
 * now (core/update does the matching), re-planned, then written with
 * every cell in one transaction. */
#include "api/session.h"
#include "base/atomic.h"

#include <stdlib.h>
#include <string.h>

int jhconf_update_plan(struct jhconf_session *s, const char *project_path,
		       const struct jhconf_source_override *o,
		       const struct upd_choice *choices, size_t nchoices,
		       struct upd_report *r, struct jh_error *err)
{
	memset(r, 0, sizeof(*r));
	enum jhconf_source kind = o ? o->kind : JHCONF_SOURCE_DEFAULT;
	char *abs = NULL;
	if (api_source_path(kind, o ? o->path : NULL, &abs, err) < 0)
		return -1;
	if (api_project_load(s, project_path, o, true, err) < 0 ||
	    upd_report_build(&s->project, &s->m, choices, nchoices, r, err) < 0) {
		free(abs);
		return -1;
	}
	struct project *p = &s->project;
	enum proj_source_kind pk = api_proj_source_kind(kind);
	r->source_changed = !p->source.set || p->source.kind != pk ||
			    (abs && (!p->source.path || strcmp(abs, p->source.path)));
	if (r->refusals.n) {
		free(abs);
		return jh_fail(err, JH_REFUSED, "%s", r->refusals.v[0]);
	}
	upd_apply(p, &s->m, r);
	p->source.set = true;
	p->source.kind = pk;
	free(p->source.path);
	p->source.path = abs;
	jhconf_project_changed(s);
	if (jhconf_plan(s, err) < 0) {
		/* The project read and matched: a decision the planner cannot
		 * honour now (a CPU that is gone, too little memory) is the new
		 * machine refusing the project, not bad input. */
		if (err && err->status == JH_BADINPUT)
			err->status = JH_REFUSED;
		return -1;
	}
	const struct plan_result *res = jhconf_result(s);
	upd_report_window(r, &s->m, res->window_start, res->window_size,
			  res->memmap_in_cmdline);
	return 0;
}

int jhconf_update_apply(struct jhconf_session *s, const char *project_path,
			const char *dir, struct strlist *written, struct jh_error *err)
{
	if (!s->have_project)
		return jh_fail(err, JH_BADINPUT, "no project to update");
	struct api_outputs out;
	if (api_outputs_render(s, &out, err) < 0)
		return -1;
	struct buf text = { 0 };
	api_project_text(s, &text);
	struct atomic_batch batch;
	atomic_batch_init(&batch);
	struct strlist names = { 0 };
	/* the project and the cells it plans: all of them or none, so that
	 * the project never names slots the cells on disk do not use */
	atomic_batch_add(&batch, project_path, text.data, text.len, ATOMIC_MODE_PUBLIC);
	strlist_add(&names, project_path);
	api_outputs_add(s, &out, dir, &batch, &names);
	int rc = atomic_batch_commit(&batch, err);
	atomic_batch_free(&batch);
	api_outputs_free(&out);
	buf_free(&text);
	if (rc == 0)
		for (size_t i = 0; i < names.n; i++)
			strlist_add(written, names.v[i]);
	strlist_free(&names);
	return rc;
}

void jhconf_update_lines(const struct jhconf_session *s, const struct upd_report *r,
			 struct strlist *out)
{
	(void)s;  /* the report holds all it says */
	upd_report_lines(r, out);
}

void jhconf_update_json(const struct jhconf_session *s, const struct upd_report *r,
			struct buf *out)
{
	(void)s;
	upd_report_json(r, out);
}

int jhconf_update_choice(const struct upd_report *r, const char *old_slot,
			 const char *new_slot, struct upd_choice *out,
			 struct jh_error *err)
{
	return upd_choice_by_slot(r, old_slot, new_slot, out, err);
}

bool jhconf_update_changed(const struct upd_report *r)
{
	return upd_report_changed(r);
}

void jhconf_update_report_free(struct upd_report *r)
{
	upd_report_free(r);
}
