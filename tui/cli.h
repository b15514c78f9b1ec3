/* The command line: a thin front end over core/. Each command lives in
 * its own file and returns an exit status (enum jh_status). */
#ifndef JH_CLI_H
#define JH_CLI_H

#include "api/jhconf.h"
#include "base/util.h"

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

/* --root DIR / --snapshot FILE.tar: where the machine comes from. */
struct cli_source_opts {
	const char *root;
	const char *snapshot;
};
/* Handle one of the source options at argv[*i] (advancing *i past its
 * value). Returns 1 if consumed, 0 if not a source option, -1 on error. */
int cli_source_option(int argc, char **argv, int *i,
		      struct cli_source_opts *o, struct jh_error *err);
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
};
void cli_plan_opts_default(struct cli_plan_opts *o);
/* Like cli_source_option: 1 consumed, 0 not one of these, -1 error. */
int cli_plan_option(int argc, char **argv, int *i, struct cli_plan_opts *o,
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
int cli_project_option(int argc, char **argv, int *i, struct cli_project_opts *o,
		       struct jh_error *err);
/* Load the project (and its machine) into the session. */
int cli_project_open(struct jhconf_session *s, const struct cli_project_opts *o,
		     struct jh_error *err);
const char *cli_project_path(const struct cli_project_opts *o);

/* A cell in plain words, as `show` prints it (cli_show.c). */
void cli_print_cell(const struct cfg_cell *c, bool root);

int cmd_init(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_cell(int argc, char **argv);
int cmd_link(int argc, char **argv);
int cmd_convert(int argc, char **argv);
/* the screens (tui_run.c) */
int cmd_tui(int argc, char **argv);

#endif
