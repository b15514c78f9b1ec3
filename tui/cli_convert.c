/* jhconf convert: a configuration written again in another revision. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char convert_usage[] =
	"usage: jhconf convert --config-revision 14|13|12 IN.cell OUT.c\n"
	"\n"
	"Reads a root cell or inmate cell configuration of any revision and\n"
	"writes OUT.c and OUT.cell in the revision given: the same values in that\n"
	"revision's layout. A flag or type the target revision does not define is\n"
	"named, one line each, and nothing is written.\n"
	"\n"
	"Exit: 0 written, 2 bad input, or values the revision cannot state.\n";

int cmd_convert(int argc, char **argv)
{
	struct cli_plan_opts plan;
	const char *files[2] = { NULL, NULL };
	size_t nfiles = 0;
	struct jh_error err = { 0 };
	int rc = 0;
	cli_plan_opts_default(&plan);
	for (int i = 1; i < argc && rc == 0; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(convert_usage, stdout);
			return JH_OK;
		}
		int r = strcmp(argv[i], "--config-revision") ? 0
			: cli_plan_option(argc, argv, &i, &plan, &err);
		if (r < 0)
			rc = -1;
		else if (r == 0 && argv[i][0] == '-' && argv[i][1])
			rc = jh_fail(&err, JH_BADINPUT, "unknown option '%s' (see --help)", argv[i]);
		else if (r == 0 && nfiles == 2)
			rc = jh_fail(&err, JH_BADINPUT, "'%s': one IN.cell and one OUT.c", argv[i]);
		else if (r == 0)
			files[nfiles++] = argv[i];
	}
	if (rc == 0 && (!plan.given_revision || nfiles != 2))
		rc = jh_fail(&err, JH_BADINPUT, "give --config-revision N, IN.cell and OUT.c "
			     "(see --help)");
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
