/* SPDX-License-Identifier: GPL-2.0-only */
/* jhconf init (a project for a machine) and jhconf generate (every cell
 * of a project), through the front-end API. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { KEY_NAME = CLI_KEY_COMMAND, KEY_FORCE };

static const struct cli_option init_options[] = {
	{ "name", KEY_NAME, "ROOTNAME", "the root cell's name (default RootCell)" },
	{ "force", KEY_FORCE, NULL, "replace an existing project file" },
	{ NULL, 0, NULL, NULL },
};

static const struct cli_option *const init_tables[] = {
	init_options, cli_project_options, cli_source_options, cli_plan_options, NULL,
};

static const struct cli_spec init_spec = {
	.command = "init",
	.usage = "[-r DIR | -S FILE.tar] [--mem-hv SIZE] [--mem-inmates SIZE]\n"
		 "     [-c DEV|none] [--config-revision 14|13|12] [--name ROOTNAME]\n"
		 "     [-p FILE] [--force]",
	.about = "Discovers the machine, plans its root cell and writes a project file\n"
		 "(default ./jhconf.conf) that records where the machine came from, its\n"
		 "hardware, and these options. `jhconf cell` and `jhconf link` add inmate\n"
		 "cells and ivshmem links to it; `jhconf generate` writes every cell.",
	.tables = init_tables,
	.exit = "0 written, 1 the machine cannot host Jailhouse, 2 bad input or usage.",
};

enum { KEY_OUTPUT = 'o' };

static const struct cli_option generate_options[] = {
	{ "output", KEY_OUTPUT, "DIR", "where to write (default .)" },
	{ NULL, 0, NULL, NULL },
};

static const struct cli_option *const generate_tables[] = {
	generate_options, cli_project_options, cli_source_options, cli_plan_options, NULL,
};

static const struct cli_spec generate_spec = {
	.command = "generate",
	.usage = "[-p FILE] [-o DIR] [--config-revision 14|13|12]\n"
		 "         [-r DIR | -S FILE.tar] [--strict]",
	.about = "Plans the project's cells on its machine (or the one given) and writes\n"
		 "DIR/ROOTNAME.c and .cell and NAME.c and .cell for every inmate cell, all\n"
		 "or none, in the configuration revision of the project (or the one\n"
		 "given). Plan options given here override the project's for this run.\n"
		 "Prints the kernel parameters the root Linux needs.",
	.tables = generate_tables,
	.exit = "0 written, 1 the machine cannot host the plan, 2 bad input or usage.",
};

/* No operands: anything left over is a mistake. */
static int no_operands(const char *command, const struct cli_operands *ops,
		       struct jh_error *err)
{
	if (!ops->n)
		return 0;
	return jh_fail(err, JH_BADINPUT, "%s: unexpected argument '%s' (see --help)",
		       command, cli_shown(ops->v[0]));
}

/* Plan, print the findings; a refusal's lines are its error findings
 * (*reported then tells the caller not to print err again). */
static int plan_and_report(struct jhconf_session *s, struct jh_error *err,
			   bool *reported)
{
	int rc = jhconf_plan(s, err);
	cli_print_findings(jhconf_findings(s));
	*reported = rc < 0 && jhconf_refused(s);
	return rc;
}

struct init_opts {
	struct cli_project_opts proj;
	struct cli_plan_opts plan;
	const char *name;
	bool force;
};

static int init_option(void *ctx, int key, const char *arg, struct jh_error *err)
{
	struct init_opts *o = ctx;
	if (key == KEY_FORCE)
		o->force = true;
	else if (key == KEY_NAME)
		o->name = arg;
	else {
		int r = cli_project_handle(&o->proj, key, arg, err);
		return r ? r : cli_plan_handle(&o->plan, key, arg, err);
	}
	return 1;
}

int cmd_init(int argc, char **argv)
{
	struct init_opts o = { 0 };
	struct jh_error err = { 0 };
	struct cli_operands ops;
	cli_plan_opts_default(&o.plan);
	enum cli_parse_result pr = cli_parse(argc, argv, &init_spec, init_option, &o, &ops,
					     &err);
	if (pr == CLI_PARSE_DONE)
		return JH_OK;
	int rc = pr == CLI_PARSE_OK ? no_operands("init", &ops, &err) : -1;
	cli_operands_free(&ops);
	struct jhconf_session *s = jhconf_new();
	bool reported = false;
	enum jhconf_source kind = o.proj.src.snapshot ? JHCONF_SOURCE_TAR :
				  o.proj.src.root ? JHCONF_SOURCE_TREE : JHCONF_SOURCE_LIVE;
	const char *path = o.proj.src.snapshot ? o.proj.src.snapshot : o.proj.src.root;
	struct stat st;
	/* before any discovery: an existing project is not replaced unasked
	 * (jhconf_project_save checks again, atomically) */
	if (rc == 0 && !o.force && lstat(cli_project_path(&o.proj), &st) == 0)
		rc = jh_fail(&err, JH_BADINPUT, "%s exists already (--force replaces it)",
			     cli_shown(cli_project_path(&o.proj)));
	if (rc == 0)
		rc = cli_apply_plan_opts(s, &o.plan, &err);
	if (rc == 0 && (rc = cli_open(s, &o.proj.src, &err)) < 0)
		cli_print_findings(jhconf_findings(s));
	if (rc == 0)
		rc = jhconf_project_init(s, kind, path, o.name, &err);
	/* a project for a machine that cannot host Jailhouse helps no one */
	if (rc == 0)
		rc = plan_and_report(s, &err, &reported);
	if (rc == 0)
		rc = jhconf_project_save(s, cli_project_path(&o.proj), o.force, &err);
	if (rc == 0) {
		const struct machine *m = jhconf_machine(s);
		printf("wrote %s: %u CPUs, %zu PCI devices, root cell %s\n",
		       cli_shown(cli_project_path(&o.proj)), m->cpu.sysfs_count, m->npci,
		       cli_shown(jhconf_root_name(s)));
		cli_print_boot_params(s);
	}
	int status = rc == 0 ? JH_OK : reported ? (int)err.status : cli_report(&err);
	jh_error_clear(&err);
	jhconf_free(s);
	return status;
}

struct generate_opts {
	struct cli_project_opts proj;
	struct cli_plan_opts plan;
	const char *dir;
};

static int generate_option(void *ctx, int key, const char *arg, struct jh_error *err)
{
	struct generate_opts *o = ctx;
	if (key == KEY_OUTPUT) {
		o->dir = arg;
		return 1;
	}
	int r = cli_project_handle(&o->proj, key, arg, err);
	return r ? r : cli_plan_handle(&o->plan, key, arg, err);
}

int cmd_generate(int argc, char **argv)
{
	struct generate_opts o = { .dir = "." };
	struct jh_error err = { 0 };
	struct cli_operands ops;
	cli_plan_opts_default(&o.plan);
	enum cli_parse_result pr = cli_parse(argc, argv, &generate_spec, generate_option, &o,
					     &ops, &err);
	if (pr == CLI_PARSE_DONE)
		return JH_OK;
	int rc = pr == CLI_PARSE_OK ? no_operands("generate", &ops, &err) : -1;
	cli_operands_free(&ops);
	struct cli_project_opts proj = o.proj;
	struct cli_plan_opts plan = o.plan;
	const char *dir = o.dir;
	struct jhconf_session *s = jhconf_new();
	bool reported = false;
	if (rc == 0 && *dir == '\0')
		rc = jh_fail(&err, JH_BADINPUT, "-o: an empty folder name");
	if (rc == 0 && (rc = cli_project_open(s, &proj, &err)) < 0)
		cli_print_findings(jhconf_findings(s));
	if (rc == 0)
		rc = cli_apply_given_plan_opts(s, &plan, &err);
	if (rc == 0)
		rc = plan_and_report(s, &err, &reported);
	struct strlist written = { 0 };
	if (rc == 0)
		rc = jhconf_generate(s, dir, &written, &err);
	if (rc == 0) {
		printf("wrote %zu cells (configuration revision %d):\n", written.n / 2,
		       jhconf_revision(s));
		for (size_t i = 0; i < written.n; i++)
			printf("  %s\n", cli_shown(written.v[i]));
		cli_print_boot_params(s);
	}
	strlist_free(&written);
	int status = rc == 0 ? JH_OK : reported ? (int)err.status : cli_report(&err);
	jh_error_clear(&err);
	jhconf_free(s);
	return status;
}
