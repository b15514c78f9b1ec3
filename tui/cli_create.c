/* jhconf create: discover a machine, plan its root cell, write the .cell
 * (and the .c) for the chosen configuration revision. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char create_usage[] =
	"usage: jhconf create [--root DIR | --snapshot FILE.tar] [--mem-hv SIZE]\n"
	"                     [--mem-inmates SIZE] [--console DEV|none]\n"
	"                     [--config-revision 14|13|12] [--strict] OUT.c\n"
	"\n"
	"Discovers the machine (the live system when run as root, a snapshot\n"
	"tree with --root, a tar with --snapshot) and writes its Jailhouse root\n"
	"cell: OUT.c (readable C source) and OUT.cell (the binary Jailhouse loads),\n"
	"byte for byte what Jailhouse's own config create and build would make.\n"
	"\n"
	"  --mem-hv SIZE         hypervisor memory (default 6M)\n"
	"  --mem-inmates SIZE    memory for inmate cells (default 76M)\n"
	"                        SIZE: decimal or 0x-hex, optional K, M or G;\n"
	"                        whole 4 KiB pages\n"
	"  --console DEV|none    hypervisor debug console (default ttyS0)\n"
	"  --config-revision N   Jailhouse configuration revision: 14 (master,\n"
	"                        default), 13 (commit 4ce7658d, AGL) or 12 (v0.12)\n"
	"  --strict              treat warnings (e.g. wrong ACPI checksums) as errors\n"
	"\n"
	"Prints the kernel parameter the guest needs (memmap=SIZE$START), and as\n"
	"warnings what else keeps the machine from running Jailhouse (no VT-x,\n"
	"the IOMMU left to Linux, ...: see jhconf doctor).\n"
	"Exit: 0 written, 1 the machine cannot host Jailhouse, 2 bad input or usage.\n";

struct create_opts {
	struct cli_source_opts src;
	struct cli_plan_opts plan;
	const char *out;
};

static int parse_create_args(int argc, char **argv, struct create_opts *o,
			     struct jh_error *err)
{
	cli_plan_opts_default(&o->plan);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r = cli_source_option(argc, argv, &i, &o->src, err);
		if (r == 0)
			r = cli_plan_option(argc, argv, &i, &o->plan, err);
		if (r < 0)
			return -1;
		if (r > 0)
			continue;
		if (a[0] == '-' && a[1])
			return jh_fail(err, JH_BADINPUT, "unknown option '%s' (see --help)", a);
		if (o->out)
			return jh_fail(err, JH_BADINPUT, "'%s': only one output file", a);
		o->out = a;
	}
	if (!o->out)
		return jh_fail(err, JH_BADINPUT, "no output file given (see --help)");
	return jhconf_check_out_name(o->out, err);
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
				if (strncmp(jh_finding_rule(f)->id, "READY-", 6) ||
				    f->rule == JH_R_READY_MEMMAP_MISSING ||
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
			report_written(&w, o->plan.revision, jhconf_result(s));
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
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(create_usage, stdout);
			return 0;
		}
	struct create_opts o = { 0 };
	struct jh_error err = { 0 };
	int rc = JH_OK;
	bool reported = false;
	if (parse_create_args(argc, argv, &o, &err) < 0 ||
	    create_run(&o, &err, &reported) < 0)
		rc = reported ? (int)err.status : cli_report(&err);
	jh_error_clear(&err);
	return rc;
}
