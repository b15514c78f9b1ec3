/* SPDX-License-Identifier: GPL-2.0-only */
/* The front-end API's project half: a project file read into the session
 * (its machine opened, its options taken), edited by the front end,
 * planned with the root cell, saved, and every cell written. */
#include "api/session.h"
#include "base/atomic.h"
#include "cellfmt/write_c.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

enum proj_source_kind api_proj_source_kind(enum jhconf_source kind)
{
	return kind == JHCONF_SOURCE_TREE ? PROJ_SOURCE_TREE :
	       kind == JHCONF_SOURCE_TAR ? PROJ_SOURCE_TAR : PROJ_SOURCE_LIVE;
}

/* A project is a few kilobytes; a megabyte is not one. */
#define PROJECT_MAX_FILE (1u << 20)

const char *jhconf_root_name(const struct jhconf_session *s)
{
	return s->have_project && s->project.root_name.v ? s->project.root_name.v
							 : "RootCell";
}

void api_drop_cells(struct jhconf_session *s)
{
	plan_cells_free(&s->cells);
}

int api_plan_cells(struct jhconf_session *s, struct jh_error *err)
{
	if (!s->have_project)
		return 0;
	cfg_set_name(s->sys.root.name, jhconf_root_name(s));
	if (!s->project.ncells && !s->project.nlinks)
		return 0;
	return plan_inmate_cells(&s->m, &s->project, &s->opts, &s->res, &s->sys,
				 &s->cells, &s->findings, err);
}

/* The session's options as project lines. */
static void record_options(struct jhconf_session *s)
{
	struct project *p = &s->project;
	p->hypervisor.set = true;
	p->hypervisor.mem_hv = s->opts.mem_hv;
	p->hypervisor.mem_inmates = s->opts.mem_inmates;
	p->hypervisor.has_address = s->opts.window_address != 0;
	p->hypervisor.address = s->opts.window_address;
	free(p->console.v);
	p->console.v = xstrdup(s->opts.console);
	p->revision.set = true;
	p->revision.v = (uint64_t)s->revision;
}

int api_source_path(enum jhconf_source kind, const char *source_path, char **abs,
		    struct jh_error *err)
{
	*abs = NULL;
	if (kind != JHCONF_SOURCE_TREE && kind != JHCONF_SOURCE_TAR)
		return 0;
	/* the project may be used from another folder */
	*abs = realpath(source_path, NULL);
	if (!*abs)
		return jh_fail(err, JH_BADINPUT, "%s: %s", source_path, strerror(errno));
	if (strchr(*abs, '\n') || strstr(*abs, " #") || strchr(*abs, '\t')) {
		free(*abs);
		*abs = NULL;
		return jh_fail(err, JH_BADINPUT, "%s: a project file cannot record this path "
			       "(a newline, tab or ' #' in it)", source_path);
	}
	return 0;
}

int jhconf_project_init(struct jhconf_session *s, enum jhconf_source kind,
			const char *source_path, const char *root_name,
			struct jh_error *err)
{
	if (!s->have_machine)
		return jh_fail(err, JH_BADINPUT, "no machine to make a project for");
	if (root_name && !proj_valid_name(root_name))
		return jh_fail(err, JH_BADINPUT, "--name: '%s' is not a valid cell name "
			       "(1-%d letters, digits, '-', '_', '.')", root_name,
			       PROJECT_NAME_MAX);
	char *abs = NULL;
	if (api_source_path(kind, source_path, &abs, err) < 0)
		return -1;
	if (s->have_project)
		project_free(&s->project);
	memset(&s->project, 0, sizeof(s->project));
	s->have_project = true;
	struct project *p = &s->project;
	p->header_note.lead = xstrdup("# jhconf project: the decisions about this machine; "
				      "edit with jhconf cell/link or by hand\n");
	p->source.set = true;
	p->source.kind = api_proj_source_kind(kind);
	p->source.path = abs;
	project_set_hardware(p, &s->m);
	record_options(s);
	if (root_name)
		p->root_name.v = xstrdup(root_name);
	s->generation++;
	return 0;
}

int jhconf_project_load(struct jhconf_session *s, const char *path,
			const struct jhconf_source_override *o, struct jh_error *err)
{
	return api_project_load(s, path, o, false, err);
}

int api_project_load(struct jhconf_session *s, const char *path,
		     const struct jhconf_source_override *o, bool default_live,
		     struct jh_error *err)
{
	struct buf text = { 0 };
	struct project p;
	if (api_read_file(path, PROJECT_MAX_FILE, "project file", &text, err) < 0 ||
	    project_parse(path, (const char *)text.data, text.len, &p, err) < 0) {
		buf_free(&text);
		return -1;
	}
	buf_free(&text);
	int rc = 0;
	if (p.hypervisor.set)
		rc = jhconf_set_mem(s, p.hypervisor.mem_hv, p.hypervisor.mem_inmates, err);
	if (rc == 0 && p.hypervisor.has_address)
		rc = jhconf_set_window_address(s, p.hypervisor.address, err);
	if (rc == 0 && p.revision.set)
		rc = jhconf_set_revision(s, (int)p.revision.v, err);
	if (rc == 0 && p.console.v)
		jhconf_set_console(s, p.console.v);
	if (rc == 0) {
		/* the machine the project names, unless the command names one */
		if (o && o->kind != JHCONF_SOURCE_DEFAULT)
			rc = jhconf_open(s, o->kind, o->path, err);
		else if (default_live)
			rc = jhconf_open(s, JHCONF_SOURCE_DEFAULT, NULL, err);
		else if (!p.source.set || p.source.kind == PROJ_SOURCE_LIVE)
			rc = jhconf_open(s, JHCONF_SOURCE_DEFAULT, NULL, err);
		else
			rc = jhconf_open(s, p.source.kind == PROJ_SOURCE_TREE ?
					 JHCONF_SOURCE_TREE : JHCONF_SOURCE_TAR,
					 p.source.path, err);
	}
	if (rc < 0) {
		project_free(&p);
		return -1;
	}
	if (s->have_project)
		project_free(&s->project);
	s->project = p;
	s->have_project = true;
	s->generation++;
	return 0;
}

struct project *jhconf_project(struct jhconf_session *s)
{
	return s->have_project ? &s->project : NULL;
}

void jhconf_project_changed(struct jhconf_session *s)
{
	s->generation++;
}

void api_project_text(struct jhconf_session *s, struct buf *out)
{
	record_options(s);
	project_format(&s->project, out);
}

int jhconf_project_save(struct jhconf_session *s, const char *path, bool replace,
			struct jh_error *err)
{
	if (!s->have_project)
		return jh_fail(err, JH_BADINPUT, "no project to save");
	struct stat st;
	if (!replace && lstat(path, &st) == 0)
		return jh_fail(err, JH_BADINPUT, "%s exists already (--force replaces it)", path);
	struct buf b = { 0 };
	api_project_text(s, &b);
	int rc = write_file_atomic(path, b.data, b.len, err);
	buf_free(&b);
	return rc;
}

const struct plan_cells *jhconf_cells(const struct jhconf_session *s)
{
	return s->have_plan ? &s->cells : NULL;
}

static void add_pair(struct atomic_batch *b, struct strlist *names, const char *dir,
		     const char *name, struct buf *cell, struct buf *csrc)
{
	char *c = xasprintf("%s/%s.c", dir, name), *cl = xasprintf("%s/%s.cell", dir, name);
	atomic_batch_add(b, c, csrc->data, csrc->len, ATOMIC_MODE_PUBLIC);
	atomic_batch_add(b, cl, cell->data, cell->len, ATOMIC_MODE_PUBLIC);
	strlist_add(names, c);
	strlist_add(names, cl);
	free(c);
	free(cl);
}

void api_outputs_free(struct api_outputs *o)
{
	for (size_t i = 0; i < o->n; i++) {
		buf_free(&o->cells[i]);
		buf_free(&o->srcs[i]);
	}
	free(o->cells);
	free(o->srcs);
	memset(o, 0, sizeof(*o));
}

int api_outputs_render(const struct jhconf_session *s, struct api_outputs *o,
		       struct jh_error *err)
{
	memset(o, 0, sizeof(*o));
	if (!s->have_plan)
		return jh_fail(err, JH_BADINPUT, "nothing to write: no plan");
	size_t errors = jh_findings_count(&s->findings, JH_SEV_ERROR);
	if (errors)
		return jh_fail(err, JH_REFUSED, "%zu error finding(s): nothing written",
			       errors);
	const struct cell_layout *l = cell_layout_for(s->revision);
	o->n = s->cells.n + 1;
	o->cells = xcalloc(o->n, sizeof(*o->cells));
	o->srcs = xcalloc(o->n, sizeof(*o->srcs));
	if (cell_write_system(&s->sys, l, &o->cells[0], err) < 0 ||
	    write_c_system(&s->sys, l, &o->srcs[0], err) < 0)
		return api_outputs_free(o), -1;
	for (size_t i = 0; i < s->cells.n; i++)
		if (cell_write_cell(&s->cells.cells[i], l, &o->cells[i + 1], err) < 0 ||
		    write_c_cell(&s->cells.cells[i], l, &o->srcs[i + 1], err) < 0)
			return api_outputs_free(o), -1;
	return 0;
}

void api_outputs_add(const struct jhconf_session *s, struct api_outputs *o,
		     const char *dir, struct atomic_batch *b, struct strlist *names)
{
	add_pair(b, names, dir, jhconf_root_name(s), &o->cells[0], &o->srcs[0]);
	for (size_t i = 0; i < s->cells.n; i++)
		add_pair(b, names, dir, s->cells.cells[i].name, &o->cells[i + 1],
			 &o->srcs[i + 1]);
}

int jhconf_generate(const struct jhconf_session *s, const char *dir,
		    struct strlist *written, struct jh_error *err)
{
	struct api_outputs o;
	if (api_outputs_render(s, &o, err) < 0)
		return -1;
	struct atomic_batch batch;
	atomic_batch_init(&batch);
	batch.regenerable = true;  /* generate makes them again from the project */
	struct strlist names = { 0 };
	api_outputs_add(s, &o, dir, &batch, &names);
	/* every cell or none: a set of cells is planned together */
	int rc = atomic_batch_commit(&batch, err);
	atomic_batch_free(&batch);
	api_outputs_free(&o);
	if (rc == 0)
		for (size_t i = 0; i < names.n; i++)
			strlist_add(written, names.v[i]);
	strlist_free(&names);
	return rc;
}
