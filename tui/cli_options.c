/* SPDX-License-Identifier: GPL-2.0-only */
/* The table-driven option parser (cli_options.h) on getopt_long. */
#include "autoconf.h"
#include "cli_options.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct cli_option cli_standard_options[] = {
	{ "help", CLI_KEY_HELP, NULL, "print this help and exit" },
	{ "version", CLI_KEY_VERSION, NULL, "print jhconf's version and exit" },
	{ NULL, 0, NULL, NULL },
};

/* Every row of spec's tables, then the standard ones. */
struct rows {
	const struct cli_option **v;
	size_t n;
};

static void collect_rows(const struct cli_spec *spec, struct rows *r)
{
	size_t cap = 0;
	r->v = NULL;
	r->n = 0;
	for (size_t t = 0; spec->tables && spec->tables[t]; t++)
		for (const struct cli_option *o = spec->tables[t]; o->name; o++)
			*ARRAY_PUSH(r->v, r->n, cap) = o;
	for (const struct cli_option *o = cli_standard_options; o->name; o++)
		*ARRAY_PUSH(r->v, r->n, cap) = o;
}

static const struct cli_option *row_by_key(const struct rows *r, int key)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i]->key == key)
			return r->v[i];
	return NULL;
}

/* Columns of the option list: "  -r, --root DIR" padded to HELP_COL. */
#define HELP_COL 28

void cli_print_help(FILE *f, const struct cli_spec *spec)
{
	struct rows r;
	collect_rows(spec, &r);
	const char *u = spec->usage;
	bool first = true;
	do {
		const char *nl = strchr(u, '\n');
		size_t len = nl ? (size_t)(nl - u) : strlen(u);
		if (*u == ' ')  /* the form goes on: align under its options */
			fprintf(f, "%*s%.*s\n", (int)(strlen("usage: jhconf  ") +
						  strlen(spec->command)), "",
				(int)(len - strspn(u, " ")), u + strspn(u, " "));
		else
			fprintf(f, "%s jhconf %s %.*s\n", first ? "usage:" : "      ",
				spec->command, (int)len, u);
		first = false;
		u = nl ? nl + 1 : NULL;
	} while (u && *u);
	if (spec->about)
		fprintf(f, "\n%s\n", spec->about);
	fprintf(f, "\nOptions:\n");
	for (size_t i = 0; i < r.n; i++) {
		const struct cli_option *o = r.v[i];
		char left[64];
		int n;
		if (o->key < CLI_LONG_ONLY)
			n = snprintf(left, sizeof(left), "  -%c, --%s%s%s", o->key, o->name,
				     o->arg ? " " : "", o->arg ? o->arg : "");
		else
			n = snprintf(left, sizeof(left), "      --%s%s%s", o->name,
				     o->arg ? " " : "", o->arg ? o->arg : "");
		fputs(left, f);
		if (n >= HELP_COL - 1)
			fprintf(f, "\n%*s", HELP_COL, "");
		else
			fprintf(f, "%*s", HELP_COL - n, "");
		for (const char *h = o->help; *h; h++) {
			fputc(*h, f);
			if (*h == '\n')
				fprintf(f, "%*s", HELP_COL, "");
		}
		fputc('\n', f);
	}
	if (spec->notes)
		fprintf(f, "\n%s\n", spec->notes);
	if (spec->more_help) {
		fputc('\n', f);
		spec->more_help(f);
	}
	fprintf(f, "\nExit status: %s\n", spec->exit);
	free(r.v);
}

void cli_operands_free(struct cli_operands *ops)
{
	free(ops->v);
	ops->v = NULL;
	ops->n = 0;
}

/* The text of the option getopt stopped at, for messages. */
static const char *offending(char **argv, int at)
{
	return argv[at] ? argv[at] : "";
}

enum cli_parse_result cli_parse(int argc, char **argv, const struct cli_spec *spec,
				cli_option_fn handle, void *ctx,
				struct cli_operands *ops, struct jh_error *err)
{
	struct rows r;
	collect_rows(spec, &r);
	struct option *longs = xcalloc(r.n + 1, sizeof(*longs));
	/* "-": operands come back in order as key 1 whatever POSIXLY_CORRECT
	 * says; ":": a missing value is reported as ':' */
	struct buf shorts = { 0 };
	buf_printf(&shorts, "-:");
	for (size_t i = 0; i < r.n; i++) {
		longs[i] = (struct option){ r.v[i]->name,
					    r.v[i]->arg ? required_argument : no_argument,
					    NULL, r.v[i]->key };
		if (r.v[i]->key < CLI_LONG_ONLY)
			buf_printf(&shorts, "%c%s", r.v[i]->key, r.v[i]->arg ? ":" : "");
	}
	buf_append(&shorts, "", 1);
	size_t cap = 0;
	ops->v = NULL;
	ops->n = 0;
	enum cli_parse_result res = CLI_PARSE_OK;
	bool help = false, version = false;
	int saved_opterr = opterr;
	opterr = 0;
	optind = 0;  /* glibc: start afresh (cli_parse may run twice) */
	for (;;) {
		int at = optind ? optind : 1;
		int c = getopt_long(argc, argv, (const char *)shorts.data, longs, NULL);
		if (c == -1) {
			/* after "--": the rest are operands */
			for (int i = optind; i < argc; i++)
				*ARRAY_PUSH(ops->v, ops->n, cap) = argv[i];
			break;
		}
		if (c == 1) {
			*ARRAY_PUSH(ops->v, ops->n, cap) = optarg;
			continue;
		}
		if (c == '?' || c == ':') {
			/* optopt: the short letter, or the long option's key
			 * (0 for an unknown or ambiguous long name) */
			const char *what = offending(argv, at);
			if (c == ':')
				jh_fail(err, JH_BADINPUT, "%s: option '%s' needs a value (see --help)",
					spec->command, what);
			else if (optopt && optopt < CLI_LONG_ONLY && what[1] != '-')
				jh_fail(err, JH_BADINPUT, "%s: unknown option '-%c' (see --help)",
					spec->command, optopt);
			else if (optopt)
				jh_fail(err, JH_BADINPUT, "%s: option '%s' takes no value (see --help)",
					spec->command, what);
			else
				jh_fail(err, JH_BADINPUT,
					"%s: unknown or ambiguous option '%s' (see --help)",
					spec->command, what);
			res = CLI_PARSE_ERROR;
			break;
		}
		if (c == CLI_KEY_HELP) {
			help = true;
			continue;
		}
		if (c == CLI_KEY_VERSION) {
			version = true;
			continue;
		}
		int t = handle(ctx, c, optarg, err);
		if (t < 0) {
			res = CLI_PARSE_ERROR;
			break;
		}
		if (t == 0) {
			/* a row in the table its command does not handle */
			const struct cli_option *o = row_by_key(&r, c);
			jh_fail(err, JH_BADINPUT, "%s: option --%s is not handled",
				spec->command, o ? o->name : "?");
			res = CLI_PARSE_ERROR;
			break;
		}
	}
	opterr = saved_opterr;
	/* --help or --version before any error on the line is answered
	 * (and the rest not judged), as GNU tools do */
	if (help || version) {
		jh_error_clear(err);
		if (help)
			cli_print_help(stdout, spec);
		else
			printf("jhconf %s\n", PACKAGE_VERSION);
		res = CLI_PARSE_DONE;
	}
	free(longs);
	buf_free(&shorts);
	free(r.v);
	if (res != CLI_PARSE_OK)
		cli_operands_free(ops);
	return res;
}
