/* SPDX-License-Identifier: GPL-2.0-only */
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
	.notes = "Prints the kernel parameters the guest needs (memmap=SIZE$START and the\n"
		 "IOMMU switch; `jhconf boot-entry` puts them into the boot file), and as\n"
		 "warnings what else keeps the machine from running Jailhouse (no VT-x,\n"
		 "...: see jhconf doctor).",
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
			   const struct jhconf_session *s)
{
	printf("wrote %s and %s (%zu bytes, configuration revision %d)\n",
	       w->c_path, w->cell_path, w->cell_len, revision);
	cli_print_boot_params(s);
}

/* After a write: what else keeps this machine from running Jailhouse
 * (VT-x, the IOMMU left to Linux, ...), as warnings on stdout beside the
 * kernel parameter. The planner's own findings were printed already and
 * the memmap= line above says what the reservation needs, so only the
 * other readiness findings that block are printed here. */
static void report_readiness(const struct jhconf_session *s)
{
	struct ready_list l = { 0 };
	struct jh_error err = { 0 };
	size_t shown = 0;
	if (jhconf_readiness(s, &l, &err) == 0) {
		for (size_t i = 0; i < l.n; i++) {
			const struct ready_item *it = &l.v[i];
			for (size_t k = 0; it->blocks && k < it->nfindings; k++) {
				const struct jh_finding *f = &l.findings.v[it->first + k];
				/* the parameters line above already names the
				 * memmap= reservation and the IOMMU switch */
				if (strncmp(jh_finding_rule(f)->id, "READY-", 6) ||
				    f->rule == JH_R_READY_MEMMAP_MISSING ||
				    f->rule == JH_R_READY_INTEL_IOMMU_ON ||
				    f->rule == JH_R_READY_AMD_IOMMU_ON ||
				    jh_finding_severity(f) != JH_SEV_ERROR)
					continue;
				printf("warning: %s\n", cli_shown(f->msg));
				shown++;
			}
		}
	}
	if (shown)
		printf("  Jailhouse cannot run on this machine as it is: jhconf doctor "
		       "says what to change\n");
	ready_list_free(&l);
	jh_error_clear(&err);
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
			report_written(&w, o->plan.revision, s);
			report_readiness(s);
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
