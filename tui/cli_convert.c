/* SPDX-License-Identifier: GPL-2.0-only */
/* jhconf convert: a configuration written again in another revision. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct cli_option *const convert_tables[] = {
	cli_revision_options, NULL,
};

static const struct cli_spec convert_spec = {
	.command = "convert",
	.usage = "--config-revision 14|13|12 IN.cell OUT.c",
	.about = "Reads a root cell or inmate cell configuration of any revision and\n"
		 "writes OUT.c and OUT.cell in the revision given: the same values in that\n"
		 "revision's layout. A flag or type the target revision does not define is\n"
		 "named, one line each, and nothing is written.",
	.tables = convert_tables,
	.exit = "0 written, 2 bad input, or values the revision cannot state.",
};

static int convert_option(void *ctx, int key, const char *arg, struct jh_error *err)
{
	return cli_plan_handle(ctx, key, arg, err);
}

int cmd_convert(int argc, char **argv)
{
	struct cli_plan_opts plan;
	const char *files[2] = { NULL, NULL };
	struct jh_error err = { 0 };
	struct cli_operands ops;
	int rc = 0;
	cli_plan_opts_default(&plan);
	enum cli_parse_result pr = cli_parse(argc, argv, &convert_spec, convert_option, &plan,
					     &ops, &err);
	if (pr == CLI_PARSE_DONE)
		return JH_OK;
	if (pr == CLI_PARSE_ERROR)
		rc = -1;
	else if (!plan.given_revision || ops.n != 2)
		rc = jh_fail(&err, JH_BADINPUT, "convert: give --config-revision N, IN.cell "
			     "and OUT.c (see --help)");
	else
		files[0] = ops.v[0], files[1] = ops.v[1];
	cli_operands_free(&ops);
	struct strlist problems = { 0 };
	struct jhconf_written w = { 0 };
	if (rc == 0)
		rc = jhconf_convert(files[0], plan.revision, files[1], &w, &problems, &err);
	for (size_t i = 0; i < problems.n; i++)
		fprintf(stderr, "jhconf: %s: %s\n", cli_shown(files[0]), cli_shown(problems.v[i]));
	if (rc == 0)
		printf("wrote %s and %s (%zu bytes, configuration revision %d)\n",
		       cli_shown(w.c_path), cli_shown(w.cell_path), w.cell_len, plan.revision);
	int status = rc == 0 ? JH_OK : cli_report(&err);
	jhconf_written_free(&w);
	strlist_free(&problems);
	jh_error_clear(&err);
	return status;
}
