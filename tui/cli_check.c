/* jhconf check: explained validation of the project's cells or of a set
 * of .cell files (like `jailhouse config check`, and more). */
#include "cli.h"
#include "base/format.h"
#include "base/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bumped when a member changes meaning or goes away. */
#define CHECK_JSON_SCHEMA 1

static const char check_usage[] =
	"usage: jhconf check [-p FILE] [--root DIR | --snapshot FILE.tar]\n"
	"                    [--strict] [--json] [-v]\n"
	"       jhconf check [--strict] [--json] [-v] SYSTEM.cell [CELL.cell...]\n"
	"\n"
	"Checks the project's cells (root and inmates as generate would write\n"
	"them, against the machine), or a root cell's system configuration and\n"
	"the inmate cells meant to run beside it, of configuration revision 12,\n"
	"13 or 14. Every check of `jailhouse config check`, every refusal of\n"
	"Jailhouse's driver and hypervisor a configuration can cause, and what\n"
	"nothing in Jailhouse checks (cells against each other, alignment, CPUs,\n"
	"devices, pins, ports, ivshmem peers).\n"
	"\n"
	"Prints one line per finding: severity, rule id, what is wrong.\n"
	"  -p, --project FILE  the project (default ./jhconf.conf)\n"
	"  --strict            warnings count as errors\n"
	"  --json              one JSON object (schema 1): findings with id,\n"
	"                      severity, title, message, cell, bdf, range,\n"
	"                      file, why, fix; and counts\n"
	"  -v, --explain       each finding's why and fix under it\n"
	"\n"
	"Exit: 0 clean (warnings allowed), 1 an error finding (--strict: or a\n"
	"warning), 2 bad input (a file that is not a configuration, usage).\n";

struct check_opts {
	struct cli_project_opts proj;
	bool strict, json, explain, project_given;
	const char **files;
	size_t nfiles;
};

static int parse_args(int argc, char **argv, struct check_opts *o, struct jh_error *err)
{
	o->files = calloc((size_t)argc, sizeof(*o->files));
	if (!o->files)
		return jh_fail(err, JH_BADINPUT, "out of memory");
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r = cli_project_option(argc, argv, &i, &o->proj, err);
		if (r < 0)
			return -1;
		if (r > 0) {
			o->project_given = true;
			continue;
		}
		if (!strcmp(a, "--strict"))
			o->strict = true;
		else if (!strcmp(a, "--json"))
			o->json = true;
		else if (!strcmp(a, "-v") || !strcmp(a, "--explain"))
			o->explain = true;
		else if (a[0] == '-' && a[1])
			return jh_fail(err, JH_BADINPUT, "unknown option '%s' (see --help)", a);
		else
			o->files[o->nfiles++] = a;
	}
	if (o->project_given && o->nfiles)
		return jh_fail(err, JH_BADINPUT, "check the project (-p) or .cell files, "
			       "not both");
	return 0;
}

static const enum jh_severity order[] = { JH_SEV_ERROR, JH_SEV_WARNING, JH_SEV_INFO };

static void print_text(const struct jh_findings *f, bool explain)
{
	for (size_t o = 0; o < sizeof(order) / sizeof(order[0]); o++)
		for (size_t i = 0; i < f->n; i++) {
			const struct jh_finding *x = &f->v[i];
			const struct jh_rule *r = jh_finding_rule(x);
			if (jh_finding_severity(x) != order[o])
				continue;
			printf("%s: %s: %s\n", jh_severity_name(order[o]), r->id,
			       cli_shown(x->msg));
			if (explain)
				printf("    why: %s\n    fix: %s\n", r->why, r->fix);
		}
	printf("%zu error(s), %zu warning(s), %zu note(s)\n",
	       jh_findings_count(f, JH_SEV_ERROR), jh_findings_count(f, JH_SEV_WARNING),
	       jh_findings_count(f, JH_SEV_INFO));
}

static void print_json(const struct jh_findings *f, bool strict, int status)
{
	struct buf b = { 0 };
	struct json j;
	json_init(&j, &b, true);
	json_object_begin(&j);
	json_kv_uint(&j, "schema", CHECK_JSON_SCHEMA);
	json_key(&j, "findings");
	json_array_begin(&j);
	for (size_t o = 0; o < sizeof(order) / sizeof(order[0]); o++)
		for (size_t i = 0; i < f->n; i++) {
			const struct jh_finding *x = &f->v[i];
			const struct jh_rule *r = jh_finding_rule(x);
			if (jh_finding_severity(x) != order[o])
				continue;
			json_object_begin(&j);
			json_kv_string(&j, "id", r->id);
			json_kv_string(&j, "severity", jh_severity_name(order[o]));
			json_kv_string(&j, "title", r->title);
			json_kv_string(&j, "message", x->msg);
			json_kv_string(&j, "cell", x->cell);
			if (x->has_bdf) {
				char bdf[FMT_BDF_LEN];
				json_kv_string(&j, "bdf", fmt_bdf(bdf, 0, x->bdf, FMT_BDF_SHORT));
			} else {
				json_kv_string(&j, "bdf", NULL);
			}
			json_key(&j, "range");
			if (x->has_range) {
				json_object_begin(&j);
				json_kv_hex(&j, "start", x->start);
				json_kv_hex(&j, "end", x->end);
				json_object_end(&j);
			} else {
				json_null(&j);
			}
			json_kv_string(&j, "file", x->file);
			json_kv_string(&j, "why", r->why);
			json_kv_string(&j, "fix", r->fix);
			json_object_end(&j);
		}
	json_array_end(&j);
	json_key(&j, "counts");
	json_object_begin(&j);
	json_kv_uint(&j, "error", jh_findings_count(f, JH_SEV_ERROR));
	json_kv_uint(&j, "warning", jh_findings_count(f, JH_SEV_WARNING));
	json_kv_uint(&j, "info", jh_findings_count(f, JH_SEV_INFO));
	json_object_end(&j);
	json_kv_bool(&j, "strict", strict);
	json_kv_uint(&j, "exit", (uint64_t)status);
	json_object_end(&j);
	json_finish(&j);
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

int cmd_check(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(check_usage, stdout);
			return JH_OK;
		}
	struct check_opts o = { 0 };
	struct jh_error err = { 0 };
	struct jh_findings own = { 0 };
	const struct jh_findings *f = &own;
	struct jhconf_session *s = NULL;
	int rc = parse_args(argc, argv, &o, &err);
	if (rc == 0 && o.nfiles) {
		rc = jhconf_check_files(o.files, o.nfiles, &own, &err);
	} else if (rc == 0) {
		s = jhconf_new();
		rc = cli_project_open(s, &o.proj, &err);
		/* a refused plan's error findings are the check's verdict */
		if (rc == 0 && jhconf_plan(s, &err) < 0 && jhconf_refused(s))
			rc = 0;
		f = jhconf_findings(s);
	}
	int status;
	if (rc < 0) {
		status = cli_report(&err);
	} else {
		size_t bad = jh_findings_count(f, JH_SEV_ERROR) +
			     (o.strict ? jh_findings_count(f, JH_SEV_WARNING) : 0);
		status = bad ? JH_REFUSED : JH_OK;
		if (o.json)
			print_json(f, o.strict, status);
		else
			print_text(f, o.explain);
	}
	jh_findings_free(&own);
	jhconf_free(s);
	jh_error_clear(&err);
	free(o.files);
	return status;
}
