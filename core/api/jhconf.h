/* SPDX-License-Identifier: GPL-2.0-only */
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
#include "boot/boot_entry.h"       /* boot parameters and the entry editor */
#include "cellfmt/cellfmt.h"     /* struct cell_file, CELL_REVISION_DEFAULT */
#include "config/config.h"       /* struct cfg_system and Jailhouse's names */
#include "config/vocab.h"        /* Jailhouse's names in words and C symbols */
#include "discover/pci_ids.h"    /* PCI class names */
#include "findings/findings.h"   /* rules and findings */
#include "machine/machine.h"     /* what discovery found */
#include "machine/pci_filter.h"  /* lspci-style -s and -d filters */
#include "plan/plan.h"           /* struct plan_opts, struct plan_result */
#include "project/project.h"     /* the user's decisions */
#include "readiness/readiness.h" /* can the machine run Jailhouse */
#include "source/collect.h"      /* struct collect_result */
#include "update/update.h"       /* struct upd_report, struct upd_choice */

struct jhconf_session;

/* ---- sessions and machines ---- */

enum jhconf_source {
	JHCONF_SOURCE_DEFAULT,  /* the live system, when run as root where
				 * ACPI tables are readable; else an error */
	JHCONF_SOURCE_LIVE,     /* "/" whatever the rights */
	JHCONF_SOURCE_TREE,     /* a folder that mirrors / (--root) */
	JHCONF_SOURCE_TAR,      /* a snapshot tar (--snapshot) */
	JHCONF_SOURCE_LIVE_LISTING, /* "/" as far as this user may read it:
				 * what root alone may read is a warning
				 * (for listing; plans then refuse) */
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
/* Where the window starts (0: Jailhouse's rule); whole 4 KiB pages below
 * 2^52, JH_BADINPUT naming --window-address otherwise. */
int jhconf_set_window_address(struct jhconf_session *s, uint64_t address,
			      struct jh_error *err);
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
/* Readiness of the open machine (jhconf doctor, the TUI's Readiness
 * menu): every item (what, ok / missing / unknown, the detail seen, the
 * rule saying why and how to fix, its findings) from the machine and the
 * last jhconf_plan() (its findings and window: call it first, else the
 * items the planner decides are unknown). Replaces out's contents; free
 * with ready_list_free(). JH_BADINPUT without a machine. */
int jhconf_readiness(const struct jhconf_session *s, struct ready_list *out,
		     struct jh_error *err);
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
 * plan, all or none; the paths written are added to `written`. Refused
 * (JH_REFUSED, nothing written) while the plan has error findings, the
 * check's included: they are the verdict, err only counts them. */
int jhconf_generate(const struct jhconf_session *s, const char *dir,
		    struct strlist *written, struct jh_error *err);

/* ---- update: the project after a hardware change ---- */

/* Load the project at project_path on the machine o names (NULL or
 * JHCONF_SOURCE_DEFAULT: the live system, not the project's source),
 * match every recorded PCI function to the machine's (update/update.h:
 * ids, class, subsystem, place in the bridge hierarchy; `choices` answer
 * earlier ambiguities by index into r->old and r->new_), and fill *r.
 * When no used device vanished or is ambiguous, move the decisions in the
 * session's project (slot= selectors, hardware lines, source) and plan
 * again (root and inmates; the window is then in *r). Returns 0 when the
 * update can be written; -1 with JH_REFUSED when r->refusals has lines
 * (a used device vanished or is ambiguous: r->match.cands lists the
 * candidates to ask about), jhconf_refused() (the plan's error
 * findings) or a decision the new machine cannot honour (a cell's CPU is
 * gone: err says which); JH_BADINPUT for bad input (FILE:LINE of the
 * project, a machine that cannot be read, a bad choice). *r is
 * filled as far as it got; free it with jhconf_update_report_free(). */
int jhconf_update_plan(struct jhconf_session *s, const char *project_path,
		       const struct jhconf_source_override *o,
		       const struct upd_choice *choices, size_t nchoices,
		       struct upd_report *r, struct jh_error *err);
/* After a successful jhconf_update_plan(): write the project to
 * project_path (comments kept) and every cell to DIR, all or none; the
 * paths written are added to `written` (the project first). */
int jhconf_update_apply(struct jhconf_session *s, const char *project_path,
			const char *dir, struct strlist *written, struct jh_error *err);
/* The report in words (one line per change) or as JSON. */
void jhconf_update_lines(const struct jhconf_session *s, const struct upd_report *r,
			 struct strlist *out);
void jhconf_update_json(const struct jhconf_session *s, const struct upd_report *r,
			struct buf *out);
/* An answer to an ambiguity by slots, for a later jhconf_update_plan()
 * on the same project and machine (the lists keep their order). */
int jhconf_update_choice(const struct upd_report *r, const char *old_slot,
			 const char *new_slot, struct upd_choice *out,
			 struct jh_error *err);
/* Whether there is anything to write. */
bool jhconf_update_changed(const struct upd_report *r);
void jhconf_update_report_free(struct upd_report *r);
/* ---- the boot entry: the kernel parameters the root Linux needs ---- */

/* The parameters for the last successful plan (memmap= of its window; the
 * IOMMU parameter of its IOMMU kind); JH_BADINPUT without a plan. */
int jhconf_boot_params(const struct jhconf_session *s, struct boot_params *bp,
		       struct jh_error *err);
/* Which of them the running kernel's command line (the machine's
 * /proc/cmdline) lacks, the kernel's view, one each. */
void jhconf_boot_params_missing(const struct jhconf_session *s,
				const struct boot_params *bp, struct strlist *missing);

/* The running kernel's one reservation that is not this window's (an old
 * window after the machine changed; NULL: none, or not only that one),
 * as `boot-entry --replace` takes it. Free it. */
char *jhconf_boot_old_reservation(const struct jhconf_session *s,
				  const struct boot_params *bp);

/* A boot file with the parameters put in: what would change, not yet
 * written. The TUI shows `diff`; jhconf_boot_change_write() writes it. */
struct jhconf_boot_change {
	char *path;            /* the file */
	char *backup_path;     /* PATH.jhconf-old: the old bytes go there */
	struct buf old;        /* the file as read */
	struct boot_edit edit; /* the new bytes, what was done, who reads it */
	struct buf diff;       /* unified diff old -> new, empty: no change */
	unsigned mode;         /* the file's permission bits, kept */
};
/* Read PATH (a regular file, not a symbolic link, text, at most
 * BOOT_ENTRY_MAX bytes) and edit it for the last plan. Errors (bad file,
 * ambiguous content) are one line naming the file and line, JH_BADINPUT;
 * nothing is written. */
int jhconf_boot_change_prepare(const struct jhconf_session *s, const char *path,
			       enum boot_format fmt, enum boot_reader reader,
			       const char *replace, struct jhconf_boot_change *c,
			       struct jh_error *err);
/* Write the new bytes to PATH and the old ones to PATH.jhconf-old, both or
 * neither (core/base/atomic.h), with the file's permission bits. Nothing
 * to do (no change) is a success. Fails if PATH changed since it was read. */
int jhconf_boot_change_write(const struct jhconf_boot_change *c, struct jh_error *err);
void jhconf_boot_change_free(struct jhconf_boot_change *c);
/* ---- check: explained validation (core/check) ---- */

/* Check the last plan's cells (root and the project's inmates, with the
 * machine): findings not in `out` yet are added. jhconf_plan() already
 * does this for a project, so its findings hold them too. */
int jhconf_check_project(const struct jhconf_session *s, struct jh_findings *out,
			 struct jh_error *err);
/* Check .cell files as `jailhouse config check` does: paths[0] a system
 * configuration (revision 12, 13 or 14), the others cell
 * configurations. A file that is not one (signature, revision, size)
 * fails with JH_BADINPUT naming it; nothing is checked then. */
int jhconf_check_files(const char *const *paths, size_t n, struct jh_findings *out,
		       struct jh_error *err);

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
