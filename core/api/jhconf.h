/* The one front-end API (in the spirit of kconfig's lkc_proto.h): what
 * the command line and the screens to come call, and all they include
 * besides core/base. A session holds one machine (opened live, from a
 * snapshot tree or from a tar), the plan options, the last plan and its
 * findings, and a generation counter that changes whenever any of them
 * changes, so that a screen can tell when to redraw.
 *
 * Every call that can fail returns 0, or -1 with err set (JH_BADINPUT for
 * bad input or usage, JH_REFUSED when the plan has error findings). */
#ifndef JH_API_JHCONF_H
#define JH_API_JHCONF_H

#include "base/util.h"
#include "cellfmt/cellfmt.h"     /* struct cell_file, CELL_REVISION_DEFAULT */
#include "config/config.h"       /* struct cfg_system and Jailhouse's names */
#include "config/vocab.h"        /* Jailhouse's names in words and C symbols */
#include "discover/pci_ids.h"    /* PCI class names */
#include "findings/findings.h"   /* rules and findings */
#include "machine/machine.h"     /* what discovery found */
#include "machine/pci_filter.h"  /* lspci-style -s and -d filters */
#include "plan/plan.h"           /* struct plan_opts, struct plan_result */
#include "project/project.h"     /* the user's decisions */
#include "source/collect.h"      /* struct collect_result */

struct jhconf_session;

/* ---- sessions and machines ---- */

enum jhconf_source {
	JHCONF_SOURCE_DEFAULT,  /* the live system, when run as root where
				 * ACPI tables are readable; else an error */
	JHCONF_SOURCE_LIVE,     /* "/" whatever the rights */
	JHCONF_SOURCE_TREE,     /* a folder that mirrors / (--root) */
	JHCONF_SOURCE_TAR,      /* a snapshot tar (--snapshot) */
};

/* A session with default options and no machine. */
struct jhconf_session *jhconf_new(void);
void jhconf_free(struct jhconf_session *s);

/* Discover the machine (path: the folder or tar; ignored for the live
 * system). Replaces the session's machine and plan. The findings of
 * discovery (warnings) are in jhconf_findings() even when it fails. */
int jhconf_open(struct jhconf_session *s, enum jhconf_source kind,
		const char *path, struct jh_error *err);
/* The machine, NULL before a successful jhconf_open(). */
const struct machine *jhconf_machine(const struct jhconf_session *s);

/* ---- plan options (each change bumps the generation) ---- */

/* Hypervisor and inmate memory: whole 4 KiB pages, non-zero, at most
 * 2^52 bytes each and together; JH_BADINPUT naming --mem-hv /
 * --mem-inmates otherwise (the session keeps its old sizes). */
int jhconf_set_mem(struct jhconf_session *s, uint64_t mem_hv,
		   uint64_t mem_inmates, struct jh_error *err);
/* The debug console: a tty name ("ttyS0") or "none". */
void jhconf_set_console(struct jhconf_session *s, const char *console);
/* Configuration revision of the outputs: 12, 13 or 14. */
int jhconf_set_revision(struct jhconf_session *s, int revision,
			struct jh_error *err);
/* --strict: warnings count as errors (a wrong ACPI checksum is then
 * refused at jhconf_open(), other warnings fail jhconf_plan()). */
void jhconf_set_strict(struct jhconf_session *s, bool strict);
const struct plan_opts *jhconf_plan_opts(const struct jhconf_session *s);
int jhconf_revision(const struct jhconf_session *s);

/* ---- planning and findings ---- */

/* Plan the root cell (again: after an edit, call it again). On success
 * the config and result below are the new plan. Fails with JH_REFUSED
 * when there are error findings (err holds the first one's line), with
 * JH_BADINPUT for broken input or, under strict, for warnings. */
int jhconf_plan(struct jhconf_session *s, struct jh_error *err);
/* True when the last jhconf_plan() failed because of error findings
 * (their lines are the verdict; err repeats the first). */
bool jhconf_refused(const struct jhconf_session *s);
/* Discovery's findings followed by those of the last plan. */
const struct jh_findings *jhconf_findings(const struct jhconf_session *s);
/* The last successful plan; NULL when there is none. */
const struct cfg_system *jhconf_config(const struct jhconf_session *s);
const struct plan_result *jhconf_result(const struct jhconf_session *s);
/* Changes on every change of machine, options, plan or findings. */
unsigned long jhconf_generation(const struct jhconf_session *s);

/* ---- outputs ---- */

/* The .cell bytes and the C source of the last plan, for the session's
 * revision (appended to the buffers). */
int jhconf_render(const struct jhconf_session *s, struct buf *cell,
		  struct buf *csrc, struct jh_error *err);

struct jhconf_written {
	char *c_path, *cell_path;  /* OUT.c and OUT.cell */
	size_t cell_len;
};
/* OUT must name a file pair: not empty, not a folder ("dir/", "."), not
 * ".c" alone (which would make the hidden files .c and .cell). */
int jhconf_check_out_name(const char *out, struct jh_error *err);
/* Render and write OUT.c and OUT.cell, both or neither (names as Jailhouse's: "x.c" gives
 * x.c and x.cell, any other name gets .c and .cell added). */
int jhconf_write(const struct jhconf_session *s, const char *out,
		 struct jhconf_written *w, struct jh_error *err);
void jhconf_written_free(struct jhconf_written *w);

/* ---- the project (jhconf.conf): the user's decisions ---- */

/* A new project for the open machine: where it came from (tree and tar
 * paths recorded absolute), its hardware, the session's options, the
 * root cell's name (NULL: RootCell). Replaces a loaded project. */
int jhconf_project_init(struct jhconf_session *s, enum jhconf_source kind,
			const char *source_path, const char *root_name,
			struct jh_error *err);
/* Where a command says the machine is, overriding the project's source
 * (kind JHCONF_SOURCE_DEFAULT: use the project's). */
struct jhconf_source_override {
	enum jhconf_source kind;
	const char *path;
};
/* Read a project file: take its options and open its machine (or the
 * override's). Errors name FILE:LINE; the session keeps its old project
 * on failure. */
int jhconf_project_load(struct jhconf_session *s, const char *path,
			const struct jhconf_source_override *o, struct jh_error *err);
/* The loaded project, to edit in place (then jhconf_project_changed()
 * and jhconf_plan()); NULL without one. */
struct project *jhconf_project(struct jhconf_session *s);
void jhconf_project_changed(struct jhconf_session *s);
/* Write the project file atomically (with the session's options);
 * without replace, an existing file is an error. */
int jhconf_project_save(struct jhconf_session *s, const char *path, bool replace,
			struct jh_error *err);
/* The root cell's name: the project's root-name or "RootCell". */
const char *jhconf_root_name(const struct jhconf_session *s);
/* The inmate cells of the last successful plan (none without a project). */
const struct plan_cells *jhconf_cells(const struct jhconf_session *s);
/* Write DIR/ROOTNAME.c/.cell and NAME.c/.cell for every inmate of the last
 * plan, all or none; the paths written are added to `written`. */
int jhconf_generate(const struct jhconf_session *s, const char *dir,
		    struct strlist *written, struct jh_error *err);

/* ---- names ---- */

/* lspci's class, subclass and prog-if names for n class codes, from the
 * pci.ids jhconf was built with (one pass over it; libpci's own lookup
 * where that pass cannot vouch for libpci's answer). Free the names with
 * pci_ids_class_query_free(); words them with pci_class_text(). */
void jhconf_pci_class_names(struct pci_ids_class_query *q, size_t n);

/* ---- other commands ---- */

/* Read and decode a .cell file of any known revision; *size gets the
 * file's size. Free with cell_file_free(). */
int jhconf_read_cell(const char *path, struct cell_file *out, size_t *size,
		     struct jh_error *err);
/* Write the configuration in IN.cell again in another revision, as
 * OUT.c and OUT.cell (both or neither). What that revision cannot state
 * (a flag or type its headers lack) is added to `problems`, one line
 * each, and nothing is written (JH_BADINPUT). */
int jhconf_convert(const char *in, int revision, const char *out,
		   struct jhconf_written *w, struct strlist *problems,
		   struct jh_error *err);
/* Collect a snapshot tar from root ("/" live) into out; missing pieces
 * Jailhouse needs become warning findings. */
int jhconf_collect(const char *root, const char *out,
		   struct jh_findings *findings, struct collect_result *res,
		   struct jh_error *err);
/* The same collection as a POSIX shell script for machines without
 * jhconf (appended to out). */
void jhconf_collect_script(struct buf *out);

#endif
