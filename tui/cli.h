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

#endif
