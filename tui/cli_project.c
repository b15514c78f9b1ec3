/* jhconf init (a project for a machine) and jhconf generate (every cell
 * of a project), through the front-end API. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char init_usage[] =
	"usage: jhconf init [--root DIR | --snapshot FILE.tar] [--mem-hv SIZE]\n"
	"                   [--mem-inmates SIZE] [--console DEV|none]\n"
	"                   [--config-revision 14|13|12] [--name ROOTNAME]\n"
	"                   [-p FILE] [--force]\n"
	"\n"
	"Discovers the machine, plans its root cell and writes a project file\n"
	"(default ./jhconf.conf) that records where the machine came from, its\n"
	"hardware, and these options. `jhconf cell` and `jhconf link` add inmate\n"
	"cells and ivshmem links to it; `jhconf generate` writes every cell.\n"
	"\n"
	"  --name ROOTNAME       the root cell's name (default RootCell)\n"
	"  -p, --project FILE    the project file to write\n"
	"  --force               replace an existing project file\n"
	"  (the other options as for jhconf create)\n"
	"\n"
	"Exit: 0 written, 1 the machine cannot host Jailhouse, 2 bad input or usage.\n";

static const char generate_usage[] =
	"usage: jhconf generate [-p FILE] [-o DIR] [--config-revision 14|13|12]\n"
	"                       [--root DIR | --snapshot FILE.tar] [--strict]\n"
	"\n"
	"Plans the project's cells on its machine (or the one given) and writes\n"
	"DIR/ROOTNAME.c and .cell and NAME.c and .cell for every inmate cell, all\n"
	"or none, in the configuration revision of the project (or the one\n"
	"given). Prints the kernel parameter the root Linux needs.\n"
	"\n"
	"  -o, --output DIR      where to write (default .)\n"
	"\n"
	"Exit: 0 written, 1 the machine cannot host the plan, 2 bad input or usage.\n";

static bool wants_help(int argc, char **argv, const char *usage)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return true;
		}
	return false;
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

static int parse_init_args(int argc, char **argv, struct init_opts *o,
			   struct jh_error *err)
{
	cli_plan_opts_default(&o->plan);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r = cli_project_option(argc, argv, &i, &o->proj, err);
		if (r == 0)
			r = cli_plan_option(argc, argv, &i, &o->plan, err);
		if (r < 0)
			return -1;
		if (r > 0)
			continue;
		if (!strcmp(a, "--force")) {
			o->force = true;
		} else if (!strcmp(a, "--name")) {
			if (i + 1 >= argc)
				return jh_fail(err, JH_BADINPUT, "%s: needs a value", a);
			o->name = argv[++i];
		} else {
			return jh_fail(err, JH_BADINPUT, "unknown argument '%s' (see --help)", a);
		}
	}
	return 0;
}

int cmd_init(int argc, char **argv)
{
	if (wants_help(argc, argv, init_usage))
		return 0;
	struct init_opts o = { 0 };
	struct jh_error err = { 0 };
	struct jhconf_session *s = jhconf_new();
	bool reported = false;
	int rc = parse_init_args(argc, argv, &o, &err);
	enum jhconf_source kind = o.proj.src.snapshot ? JHCONF_SOURCE_TAR :
				  o.proj.src.root ? JHCONF_SOURCE_TREE : JHCONF_SOURCE_LIVE;
	const char *path = o.proj.src.snapshot ? o.proj.src.snapshot : o.proj.src.root;
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

int cmd_generate(int argc, char **argv)
{
	if (wants_help(argc, argv, generate_usage))
		return 0;
	struct cli_project_opts proj = { 0 };
	struct cli_plan_opts plan;
	const char *dir = ".";
	struct jh_error err = { 0 };
	int rc = 0;
	cli_plan_opts_default(&plan);
	for (int i = 1; i < argc && rc == 0; i++) {
		int r = cli_project_option(argc, argv, &i, &proj, &err);
		if (r == 0)
			r = cli_plan_option(argc, argv, &i, &plan, &err);
		if (r < 0)
			rc = -1;
		else if (r > 0)
			continue;
		else if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
			if (i + 1 >= argc)
				rc = jh_fail(&err, JH_BADINPUT, "%s: needs a value", argv[i]);
			else
				dir = argv[++i];
		} else {
			rc = jh_fail(&err, JH_BADINPUT, "unknown argument '%s' (see --help)",
				     argv[i]);
		}
	}
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
