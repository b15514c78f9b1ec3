/* SPDX-License-Identifier: GPL-2.0-only */
/* The session behind the front-end API, shared by its files (jhconf.c:
 * machines, options, plans, outputs; jhconf_project.c: the project and its
 * cells). Not part of the API: front ends see an opaque pointer. */
#ifndef JH_API_SESSION_H
#define JH_API_SESSION_H

#include "api/jhconf.h"

struct jhconf_session {
	struct machine m;
	bool have_machine;
	struct plan_opts opts;
	char *console;                 /* owned copy behind opts.console */
	int revision;
	struct jh_findings discovery;  /* .strict is the session's */
	struct jh_findings findings;   /* discovery + the last plan */
	struct cfg_system sys;
	struct plan_result res;
	bool have_plan, refused;
	bool planned;                  /* the planner ran on this machine */
	struct project project;        /* the user's decisions, when loaded */
	bool have_project;
	struct plan_cells cells;       /* the project's inmates, with the plan */
	unsigned long generation;
};

/* Read a user-named regular file of at most max bytes without blocking;
 * `what` names the kind in errors ("cell configuration"). */
int api_read_file(const char *path, size_t max, const char *what, struct buf *out,
		  struct jh_error *err);
/* The same, refusing a symbolic link in the last component (a file
 * jhconf will rewrite) and giving the file's permission bits. */
int api_read_file_nofollow(const char *path, size_t max, const char *what,
			   struct buf *out, unsigned *mode, struct jh_error *err);
/* The root cell's words for its .c: the kernel parameters in full
 * (core/boot) and the options that made it (jhconf_boot.c). */
void api_describe_plan(struct jhconf_session *s);
/* The project's word for where a machine was read from. */
enum proj_source_kind api_proj_source_kind(enum jhconf_source kind);
/* Plan the project's inmate cells beside the root cell just planned. */
int api_plan_cells(struct jhconf_session *s, struct jh_error *err);
void api_drop_cells(struct jhconf_session *s);
/* Check the project's planned cells (jhconf_check.c), adding to the
 * session's findings those not there yet. */
void api_check_plan(struct jhconf_session *s);

/* jhconf_project_load, where with default_live a missing override means
 * the live system rather than the project's source (`update`). */
int api_project_load(struct jhconf_session *s, const char *path,
		     const struct jhconf_source_override *o, bool default_live,
		     struct jh_error *err);
/* A tree or tar path as a project records it (absolute; NULL for the
 * live system), or JH_BADINPUT when the file format cannot hold it. */
int api_source_path(enum jhconf_source kind, const char *source_path, char **abs,
		    struct jh_error *err);
/* The project's text, with the session's options recorded. */
void api_project_text(struct jhconf_session *s, struct buf *out);

/* Every cell of the last plan rendered (.cell and .c; root first), to be
 * queued into a batch with other files (the buffers must outlive it). */
struct api_outputs {
	struct buf *cells, *srcs;
	size_t n;
};
struct atomic_batch;
int api_outputs_render(const struct jhconf_session *s, struct api_outputs *o,
		       struct jh_error *err);
void api_outputs_add(const struct jhconf_session *s, struct api_outputs *o,
		     const char *dir, struct atomic_batch *b, struct strlist *names);
void api_outputs_free(struct api_outputs *o);

#endif
