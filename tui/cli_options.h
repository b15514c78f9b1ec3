/* SPDX-License-Identifier: GPL-2.0-only */
/* One option parser for every command: getopt_long's conventions
 * (--name=VALUE and --name VALUE, -xVALUE and -x VALUE, bundled switches
 * -vk, unique prefixes of long names, "--" ends the options, operands
 * anywhere) driven by a table per command that also prints its --help,
 * so that the parser, the help text and the man page's test read the
 * same rows. Every command gets -h/--help and -V/--version from here. */
#ifndef JH_CLI_OPTIONS_H
#define JH_CLI_OPTIONS_H

#include "base/util.h"

#include <stdio.h>

/* Keys of options without a short letter start here. */
#define CLI_LONG_ONLY 256

struct cli_option {
	const char *name;      /* long name without "--"; NULL ends a table */
	int key;               /* short letter, or >= CLI_LONG_ONLY */
	const char *arg;       /* the value's name in the help; NULL: a switch */
	const char *help;      /* one line; '\n' starts a continuation line */
};

struct cli_spec {
	const char *command;   /* "create", "cell add" */
	const char *usage;     /* after "jhconf COMMAND "; '\n' separates forms */
	const char *about;     /* paragraphs, '\n'-separated lines */
	/* option tables, each ended by a row with name NULL; the array of
	 * tables ends with NULL */
	const struct cli_option *const *tables;
	const char *notes;     /* after the options (may be NULL) */
	void (*more_help)(FILE *f);  /* after the notes: generated text (may be NULL) */
	const char *exit;      /* "0 written, 1 ..., 2 ..." */
};

/* Called for each option in command-line order: 1 taken, 0 not this
 * handler's, -1 error (err set). */
typedef int (*cli_option_fn)(void *ctx, int key, const char *arg,
			     struct jh_error *err);

struct cli_operands {
	const char **v;        /* into argv */
	size_t n;
};

enum cli_parse_result {
	CLI_PARSE_ERROR = -1,  /* err set: exit 2 */
	CLI_PARSE_OK = 0,
	CLI_PARSE_DONE = 1,    /* --help or --version printed: exit 0 */
};

/* Parse argv[1..] (argv[0] is the command name) against spec's tables.
 * Operands are collected in order; options go to handle(ctx, ...). */
enum cli_parse_result cli_parse(int argc, char **argv, const struct cli_spec *spec,
				cli_option_fn handle, void *ctx,
				struct cli_operands *ops, struct jh_error *err);
void cli_operands_free(struct cli_operands *ops);
/* The --help text of spec, as cli_parse prints it. */
void cli_print_help(FILE *f, const struct cli_spec *spec);

/* The rows every command has (printed last in every --help). */
extern const struct cli_option cli_standard_options[];
enum { CLI_KEY_HELP = 'h', CLI_KEY_VERSION = 'V' };

#endif
