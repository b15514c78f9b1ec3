/* jhconf create: discover a machine, plan its root cell, write the .cell
 * (and the .c) for the chosen configuration revision. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct cli_option *const create_tables[] = {
	cli_source_options, cli_plan_options, NULL,
};

static const struct cli_spec create_spec = {
	.command = "create",
	.usage = "[-r DIR | -S FILE.tar] [--mem-hv SIZE] [--mem-inmates SIZE]\n"
		 "       [-c DEV|none] [--config-revision 14|13|12] [--strict] OUT.c",
	.about = "Discovers the machine (the live system when run as root, a snapshot\n"
		 "tree with --root, a tar with --snapshot) and writes its Jailhouse root\n"
		 "cell: OUT.c (readable C source) and OUT.cell (the binary Jailhouse loads),\n"
		 "byte for byte what Jailhouse's own config create and build would make.",
	.tables = create_tables,
	.notes = "Prints the kernel parameter the guest needs (memmap=SIZE$START).",
	.exit = "0 written, 1 the machine cannot host Jailhouse, 2 bad input or usage.",
};

struct create_opts {
	struct cli_source_opts src;
	struct cli_plan_opts plan;
	const char *out;
};

static int create_option(void *ctx, int key, const char *arg, struct jh_error *err)
{
	struct create_opts *o = ctx;
	int r = cli_source_handle(&o->src, key, arg, err);
	return r ? r : cli_plan_handle(&o->plan, key, arg, err);
}

/* -1 error, 0 go on, 1 done (help) */
static int parse_create_args(int argc, char **argv, struct create_opts *o,
			     struct jh_error *err)
{
	struct cli_operands ops;
	cli_plan_opts_default(&o->plan);
	enum cli_parse_result r = cli_parse(argc, argv, &create_spec, create_option, o,
					    &ops, err);
	if (r != CLI_PARSE_OK)
		return r == CLI_PARSE_DONE ? 1 : -1;
	int rc = 0;
	if (ops.n == 0)
		rc = jh_fail(err, JH_BADINPUT, "create: no output file given (see --help)");
	else if (ops.n > 1)
		rc = jh_fail(err, JH_BADINPUT, "create: '%s': only one output file",
			     cli_shown(ops.v[1]));
	else
		o->out = ops.v[0];
	cli_operands_free(&ops);
	return rc < 0 ? -1 : jhconf_check_out_name(o->out, err);
}

static void report_written(const struct jhconf_written *w, int revision,
			   const struct plan_result *res)
{
	printf("wrote %s and %s (%zu bytes, configuration revision %d)\n",
	       w->c_path, w->cell_path, w->cell_len, revision);
	printf("kernel command line needs: %s\n", res->hint);
	if (res->memmap_in_cmdline)
		printf("  /proc/cmdline already has it\n");
	else
		printf("  not in /proc/cmdline yet: add it to the boot entry and reboot\n");
}

/* Everything through the front-end API: open, plan, print the findings,
 * write. A refusal's lines are its error findings. */
static int create_run(const struct create_opts *o, struct jh_error *err,
		      bool *reported)
{
	struct jhconf_session *s = jhconf_new();
	int rc = -1;
	if (cli_apply_plan_opts(s, &o->plan, err) == 0 &&
	    cli_open(s, &o->src, err) == 0) {
		rc = jhconf_plan(s, err);
		cli_print_findings(jhconf_findings(s));
		*reported = rc < 0 && jhconf_refused(s);
		struct jhconf_written w;
		if (rc == 0 && (rc = jhconf_write(s, o->out, &w, err)) == 0) {
			report_written(&w, o->plan.revision, jhconf_result(s));
			jhconf_written_free(&w);
		}
	} else {
		cli_print_findings(jhconf_findings(s));
	}
	jhconf_free(s);
	return rc;
}

int cmd_create(int argc, char **argv)
{
	struct create_opts o = { 0 };
	struct jh_error err = { 0 };
	int rc = JH_OK;
	bool reported = false;
	int p = parse_create_args(argc, argv, &o, &err);
	if (p < 0 || (p == 0 && create_run(&o, &err, &reported) < 0))
		rc = reported ? (int)err.status : cli_report(&err);
	jh_error_clear(&err);
	return rc;
}
