/* SPDX-License-Identifier: GPL-2.0-only */
/* The command line: a thin front end over core/. Each command lives in
 * its own file and returns an exit status (enum jh_status). */
#ifndef JH_CLI_H
#define JH_CLI_H

#include "api/jhconf.h"
#include "base/util.h"
#include "cli_options.h"

struct cli_command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);  /* argv[0] is the command name */
};

int cmd_create(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_collect(int argc, char **argv);

/* A name from a file or path as stdout or stderr may show it (see
 * jh_printable): S itself when it is harmless, else an escaped copy that
 * lives until eight more calls. NULL stays NULL. */
const char *cli_shown(const char *s);

/* Print "jhconf: <msg>" for an error and return its status. */
int cli_report(const struct jh_error *err);
/* Print findings, one line each: warnings ("jhconf: warning: ...")
 * first, then errors ("jhconf: ..."), each in the order found. */
void cli_print_findings(const struct jh_findings *f);

/* At start: give closed standard descriptors /dev/null (see there). */
void cli_guard_std_fds(void);
/* At exit: flush and close stdout; on a write error, say so and turn a
 * success into JH_BADINPUT. Returns the exit status to use. */
int cli_close_stdout(int status);

/* -r/--root DIR, -S/--snapshot FILE.tar: where the machine comes from. */
struct cli_source_opts {
	const char *root;
	const char *snapshot;
};
/* Keys of the shared long-only options (a command's own long-only keys
 * start at CLI_KEY_COMMAND). */
enum {
	CLI_KEY_MEM_HV = CLI_LONG_ONLY,
	CLI_KEY_MEM_INMATES,
	CLI_KEY_REVISION,
	CLI_KEY_STRICT,
	CLI_KEY_WINDOW,
	CLI_KEY_COMMAND = CLI_LONG_ONLY + 32,
};
extern const struct cli_option cli_source_options[];
/* An option handler's step for the source options: 1 taken, 0 not one of
 * them, -1 error (both given). */
int cli_source_handle(struct cli_source_opts *o, int key, const char *arg,
		      struct jh_error *err);
/* Open the chosen machine into the session; the default is "/" when
 * running as root on a machine whose tables can be read, else an error
 * that says what to pass. */
int cli_open(struct jhconf_session *s, const struct cli_source_opts *o,
	     struct jh_error *err);

/* The plan options every command that plans takes: --mem-hv SIZE,
 * --mem-inmates SIZE, --console DEV|none (-c), --config-revision N,
 * --strict. `given` says which were on the command line. */
struct cli_plan_opts {
	struct plan_opts plan;
	int revision;
	bool strict;
	bool given_mem_hv, given_mem_inmates, given_console, given_revision;
	bool given_window;
};
void cli_plan_opts_default(struct cli_plan_opts *o);
/* --mem-hv, --mem-inmates, -c/--console, --config-revision, --strict. */
extern const struct cli_option cli_plan_options[];
/* --config-revision alone (convert). */
extern const struct cli_option cli_revision_options[];
int cli_plan_handle(struct cli_plan_opts *o, int key, const char *arg,
		    struct jh_error *err);
/* Set the options on the session (all of them, or with only_given just
 * those the command line named, over a project's). */
int cli_apply_plan_opts(struct jhconf_session *s, const struct cli_plan_opts *o,
			struct jh_error *err);
int cli_apply_given_plan_opts(struct jhconf_session *s, const struct cli_plan_opts *o,
			      struct jh_error *err);

/* -p/--project FILE (default ./jhconf.conf) and a machine that overrides
 * the project's source. */
struct cli_project_opts {
	const char *project;
	struct cli_source_opts src;
};
/* -p/--project FILE, and the source options. */
extern const struct cli_option cli_project_options[];
int cli_project_handle(struct cli_project_opts *o, int key, const char *arg,
		       struct jh_error *err);
/* Load the project (and its machine) into the session. */
int cli_project_open(struct jhconf_session *s, const struct cli_project_opts *o,
		     struct jh_error *err);
const char *cli_project_path(const struct cli_project_opts *o);

/* A cell in plain words, as `show` prints it (cli_show.c). */
void cli_print_cell(const struct cfg_cell *c, bool root);
/* A system configuration (s) or a cell (c) as JSON, schema jhconf-cell
 * version 1 (show_json.c). */
void cli_print_cell_json(FILE *f, const char *file, int revision,
			 const struct cfg_system *s, const struct cfg_cell *c);

int cmd_init(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_cell(int argc, char **argv);
int cmd_link(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_update(int argc, char **argv);
int cmd_boot_entry(int argc, char **argv);

/* "kernel command line needs: ..." and whether /proc/cmdline has it, for
 * the last plan (cli_boot.c). */
void cli_print_boot_params(const struct jhconf_session *s);
int cmd_doctor(int argc, char **argv);
int cmd_check(int argc, char **argv);
/* the screens (tui_run.c) */
int cmd_tui(int argc, char **argv);

#endif
