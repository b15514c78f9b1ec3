/* SPDX-License-Identifier: GPL-2.0-only */
/* The front-end API: the wiring of source -> discovery -> planner ->
 * writers that each command used to do itself. */
#include "autoconf.h"
#include "api/jhconf.h"
#include "api/session.h"

#include "base/atomic.h"
#include "cellfmt/write_c.h"
#include "discover/discover.h"
#include "discover/pci_libpci.h"
#include "source/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Far more than any configuration needs; a bigger file is not one. */
#define CELL_MAX_FILE (16u << 20)


struct jhconf_session *jhconf_new(void)
{
	struct jhconf_session *s = xcalloc(1, sizeof(*s));
	plan_opts_default(&s->opts);
	s->console = xstrdup(s->opts.console);
	s->opts.console = s->console;
	s->revision = CELL_REVISION_DEFAULT;
	return s;
}

static void drop_plan(struct jhconf_session *s)
{
	api_drop_cells(s);
	if (s->have_plan) {
		cfg_system_free(&s->sys);
		plan_result_free(&s->res);
	}
	s->have_plan = false;
	s->refused = false;
}

static void drop_machine(struct jhconf_session *s)
{
	drop_plan(s);
	s->planned = false;
	if (s->have_machine)
		machine_free(&s->m);
	s->have_machine = false;
}

void jhconf_free(struct jhconf_session *s)
{
	if (!s)
		return;
	drop_machine(s);
	if (s->have_project)
		project_free(&s->project);
	jh_findings_free(&s->discovery);
	jh_findings_free(&s->findings);
	free(s->console);
	free(s);
}

static struct source *open_source(enum jhconf_source kind, const char *path,
				  struct jh_error *err)
{
	switch (kind) {
	case JHCONF_SOURCE_TAR:
		return source_open_tar(path, err);
	case JHCONF_SOURCE_TREE:
		return source_open_dir(path, err);
	case JHCONF_SOURCE_LIVE:
	case JHCONF_SOURCE_LIVE_LISTING:
		return source_open_dir("/", err);
	case JHCONF_SOURCE_DEFAULT:
	default:
		if (!source_live_readable())
			return jh_fail(err, JH_BADINPUT,
				       "no machine given: pass --root DIR or --snapshot FILE.tar "
				       "(the live system is used only when run as root where ACPI "
				       "tables are readable)"), NULL;
		return source_open_dir("/", err);
	}
}

/* The session's findings list: discovery's, then the last plan's. */
static void reset_findings(struct jhconf_session *s)
{
	jh_findings_truncate(&s->findings, 0);
	jh_findings_append(&s->findings, &s->discovery);
	s->findings.strict = s->discovery.strict;
}

int jhconf_open(struct jhconf_session *s, enum jhconf_source kind,
		const char *path, struct jh_error *err)
{
	drop_machine(s);
	jh_findings_truncate(&s->discovery, 0);
	s->generation++;
	struct source *src = open_source(kind, path, err);
	int rc = -1;
	if (src) {
		rc = kind == JHCONF_SOURCE_LIVE_LISTING
			? discover_machine_unprivileged(src, &s->m, &s->discovery, err)
			: discover_machine(src, &s->m, &s->discovery, err);
		source_close(src);
	}
	s->have_machine = rc == 0;
	reset_findings(s);
	return rc;
}

const struct machine *jhconf_machine(const struct jhconf_session *s)
{
	return s->have_machine ? &s->m : NULL;
}

int jhconf_set_mem(struct jhconf_session *s, uint64_t mem_hv,
		   uint64_t mem_inmates, struct jh_error *err)
{
	struct plan_opts o = s->opts;
	o.mem_hv = mem_hv;
	o.mem_inmates = mem_inmates;
	if (plan_opts_check(&o, err) < 0)
		return -1;
	if (s->opts.mem_hv != mem_hv || s->opts.mem_inmates != mem_inmates)
		s->generation++;
	s->opts = o;
	return 0;
}

int jhconf_set_window_address(struct jhconf_session *s, uint64_t address,
			      struct jh_error *err)
{
	struct plan_opts o = s->opts;
	o.window_address = address;
	if (plan_opts_check(&o, err) < 0)
		return -1;
	if (s->opts.window_address != address)
		s->generation++;
	s->opts = o;
	return 0;
}

void jhconf_set_console(struct jhconf_session *s, const char *console)
{
	if (!strcmp(s->console, console))
		return;
	free(s->console);
	s->console = xstrdup(console);
	s->opts.console = s->console;
	s->generation++;
}

int jhconf_set_revision(struct jhconf_session *s, int revision,
			struct jh_error *err)
{
	if (!cell_layout_for(revision))
		return jh_fail(err, JH_BADINPUT,
			       "configuration revision %d: not 12, 13 or 14", revision);
	if (s->revision != revision)
		s->generation++;
	s->revision = revision;
	return 0;
}

void jhconf_set_strict(struct jhconf_session *s, bool strict)
{
	if (s->discovery.strict != strict)
		s->generation++;
	s->discovery.strict = s->findings.strict = strict;
}

const struct plan_opts *jhconf_plan_opts(const struct jhconf_session *s)
{
	return &s->opts;
}

int jhconf_revision(const struct jhconf_session *s)
{
	return s->revision;
}

int jhconf_plan(struct jhconf_session *s, struct jh_error *err)
{
	drop_plan(s);
	reset_findings(s);
	s->generation++;
	if (!s->have_machine)
		return jh_fail(err, JH_BADINPUT, "no machine to plan: open one first");
	s->planned = true;
	if (plan_root_cell(&s->m, &s->opts, &s->sys, &s->res, &s->findings,
			   err) < 0) {
		s->refused = err->status == JH_REFUSED &&
			     jh_findings_count(&s->findings, JH_SEV_ERROR) > 0;
		return -1;
	}
	s->have_plan = true;
	api_describe_plan(s);
	if (api_plan_cells(s, err) < 0) {
		drop_plan(s);
		return -1;
	}
	/* a project's cells are checked as they are planned, so that a
	 * front end shows the check's findings live */
	if (s->have_project)
		api_check_plan(s);
	size_t warnings = jh_findings_count(&s->findings, JH_SEV_WARNING);
	if (s->findings.strict && warnings) {
		drop_plan(s);
		return jh_fail(err, JH_BADINPUT,
			       "%zu warning(s), and --strict makes them errors", warnings);
	}
	return 0;
}

bool jhconf_refused(const struct jhconf_session *s)
{
	return s->refused;
}

const struct jh_findings *jhconf_findings(const struct jhconf_session *s)
{
	return &s->findings;
}

const struct cfg_system *jhconf_config(const struct jhconf_session *s)
{
	return s->have_plan ? &s->sys : NULL;
}

const struct plan_result *jhconf_result(const struct jhconf_session *s)
{
	return s->have_plan ? &s->res : NULL;
}

int jhconf_readiness(const struct jhconf_session *s, struct ready_list *out,
		     struct jh_error *err)
{
	ready_list_free(out);
	if (!s->have_machine)
		return jh_fail(err, JH_BADINPUT, "no machine to check: open one first");
	/* the session's findings hold discovery's too: readiness picks the
	 * planner's rules out of them */
	struct ready_input in = { &s->m, s->planned ? &s->findings : NULL,
				  s->have_plan ? &s->res : NULL };
	readiness_check(&in, out);
	return 0;
}

unsigned long jhconf_generation(const struct jhconf_session *s)
{
	return s->generation;
}

int jhconf_render(const struct jhconf_session *s, struct buf *cell,
		  struct buf *csrc, struct jh_error *err)
{
	if (!s->have_plan)
		return jh_fail(err, JH_BADINPUT, "nothing to write: no plan");
	const struct cell_layout *l = cell_layout_for(s->revision);
	if (cell_write_system(&s->sys, l, cell, err) < 0)
		return -1;
	return write_c_system(&s->sys, l, csrc, err);
}

/* OUT.c -> OUT.cell (Jailhouse's naming); any other name gets .cell added. */
static char *cell_path_for(const char *out)
{
	size_t n = strlen(out);
	if (n > 2 && !strcmp(out + n - 2, ".c"))
		return xasprintf("%.*s.cell", (int)(n - 2), out);
	return xasprintf("%s.cell", out);
}

static char *c_path_for(const char *out)
{
	size_t n = strlen(out);
	if (n > 2 && !strcmp(out + n - 2, ".c"))
		return xstrdup(out);
	return xasprintf("%s.c", out);
}

/* OUT names the pair OUT.c and OUT.cell: a name with nothing before the
 * ".c" (or a folder) would make hidden files ".c" and ".cell" there. */
int jhconf_check_out_name(const char *out, struct jh_error *err)
{
	if (!*out)
		return jh_fail(err, JH_BADINPUT,
			       "an empty output file name (give one such as OUT.c)");
	const char *slash = strrchr(out, '/');
	const char *base = slash ? slash + 1 : out;
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return jh_fail(err, JH_BADINPUT,
			       "%s: names a folder, not an output file "
			       "(give one such as OUT.c)", out);
	if (!strcmp(base, ".c"))
		return jh_fail(err, JH_BADINPUT,
			       "%s: no name before .c (the outputs would be the "
			       "hidden files .c and .cell)", out);
	return 0;
}

/* OUT.c and OUT.cell as one transaction: both or neither, so that a new
 * .cell never stands beside an old .c (of another revision, say). */
static int write_pair(const char *out, const struct buf *csrc, const struct buf *cell,
		      struct jhconf_written *w, struct jh_error *err)
{
	w->cell_path = cell_path_for(out);
	w->c_path = c_path_for(out);
	w->cell_len = cell->len;
	struct atomic_batch batch;
	atomic_batch_init(&batch);
	batch.regenerable = true;  /* made again by running the same command */
	atomic_batch_add(&batch, w->c_path, csrc->data, csrc->len, ATOMIC_MODE_PUBLIC);
	atomic_batch_add(&batch, w->cell_path, cell->data, cell->len, ATOMIC_MODE_PUBLIC);
	int rc = atomic_batch_commit(&batch, err);
	atomic_batch_free(&batch);
	return rc;
}

int jhconf_write(const struct jhconf_session *s, const char *out,
		 struct jhconf_written *w, struct jh_error *err)
{
	struct buf cell = { 0 }, csrc = { 0 };
	memset(w, 0, sizeof(*w));
	int rc = jhconf_check_out_name(out, err);
	if (rc == 0)
		rc = jhconf_render(s, &cell, &csrc, err);
	if (rc == 0)
		rc = write_pair(out, &csrc, &cell, w, err);
	buf_free(&cell);
	buf_free(&csrc);
	if (rc < 0)
		jhconf_written_free(w);
	return rc;
}

void jhconf_written_free(struct jhconf_written *w)
{
	free(w->c_path);
	free(w->cell_path);
	w->c_path = w->cell_path = NULL;
}

/* A whole user-named file (a .cell, a project, a boot entry): a regular
 * file, opened without blocking (a FIFO in its place must not hang the
 * command), at most max bytes; with nofollow never through a link. */
static int read_user_file(const char *path, size_t max, const char *what, bool nofollow,
			  struct buf *out, unsigned *mode, struct jh_error *err)
{
	if (!*path)
		return jh_fail(err, JH_BADINPUT, "an empty file name (give a %s)", what);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK |
		      (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0 && nofollow && errno == ELOOP)
		return jh_fail(err, JH_BADINPUT,
			       "%s: a symbolic link; jhconf does not edit through links: "
			       "name the file it points to", path);
	if (fd < 0)
		return jh_fail(err, JH_BADINPUT, "%s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return jh_fail(err, JH_BADINPUT, "%s: not a regular file, so not a %s",
			       path, what);
	}
	if (mode)
		*mode = st.st_mode & 07777;
	unsigned char chunk[65536];
	ssize_t n;
	int rc = 0;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
		if (out->len + (size_t)n > max) {
			rc = jh_fail(err, JH_BADINPUT, "%s: larger than %zu bytes, not a %s",
				     path, max, what);
			break;
		}
		buf_append(out, chunk, (size_t)n);
	}
	if (!rc && n < 0)
		rc = jh_fail(err, JH_BADINPUT, "%s: cannot read: %s", path, strerror(errno));
	close(fd);
	return rc;
}

int api_read_file(const char *path, size_t max, const char *what, struct buf *out,
		  struct jh_error *err)
{
	return read_user_file(path, max, what, false, out, NULL, err);
}

int api_read_file_nofollow(const char *path, size_t max, const char *what,
			   struct buf *out, unsigned *mode, struct jh_error *err)
{
	return read_user_file(path, max, what, true, out, mode, err);
}

int jhconf_read_cell(const char *path, struct cell_file *out, size_t *size,
		     struct jh_error *err)
{
	struct buf data = { 0 };
	int rc = api_read_file(path, CELL_MAX_FILE, "cell configuration", &data, err);
	if (rc == 0)
		rc = cell_read(path, data.data, data.len, out, err);
	*size = data.len;
	buf_free(&data);
	return rc;
}

int jhconf_convert(const char *in, int revision, const char *out,
		   struct jhconf_written *w, struct strlist *problems,
		   struct jh_error *err)
{
	const struct cell_layout *l = cell_layout_for(revision);
	struct cell_file f;
	size_t size;
	memset(w, 0, sizeof(*w));
	if (!l)
		return jh_fail(err, JH_BADINPUT, "configuration revision %d: not 12, 13 or 14",
			       revision);
	if (jhconf_check_out_name(out, err) < 0 || jhconf_read_cell(in, &f, &size, err) < 0)
		return -1;
	size_t before = problems->n;
	cell_revision_problems(&f, revision, problems);
	struct buf cell = { 0 }, csrc = { 0 };
	int rc = 0;
	if (problems->n > before)
		rc = jh_fail(err, JH_BADINPUT, "%s: revision %d cannot state %zu of its "
			     "values", in, revision, problems->n - before);
	else if (f.is_system)
		rc = cell_write_system(&f.system, l, &cell, err) < 0 ||
		     write_c_system(&f.system, l, &csrc, err) < 0 ? -1 : 0;
	else
		rc = cell_write_cell(&f.cell, l, &cell, err) < 0 ||
		     write_c_cell(&f.cell, l, &csrc, err) < 0 ? -1 : 0;
	if (rc == 0)
		rc = write_pair(out, &csrc, &cell, w, err);
	buf_free(&cell);
	buf_free(&csrc);
	cell_file_free(&f);
	if (rc < 0)
		jhconf_written_free(w);
	return rc;
}

int jhconf_collect(const char *root, const char *out,
		   struct jh_findings *findings, struct collect_result *res,
		   struct jh_error *err)
{
	return collect_snapshot(root, out, findings, res, err);
}

void jhconf_pci_class_names(struct pci_ids_class_query *q, size_t n)
{
	if (!pci_ids_lookup_classes(discover_pci_ids, q, n))
		pci_libpci_lookup_classes(q, n);
}

void jhconf_collect_script(struct buf *out)
{
	collect_script(out, PACKAGE_VERSION);
}
