/* SPDX-License-Identifier: GPL-2.0-only */
/* jhconf check: explained validation of the project's cells or of a set
 * of .cell files (like `jailhouse config check`, and more). */
#include "cli.h"
#include "base/format.h"
#include "base/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bumped when a member changes meaning or goes away. */
#define CHECK_JSON_VERSION 1

enum { CHECK_KEY_JSON = CLI_KEY_COMMAND, CHECK_KEY_STRICT };

static const struct cli_option check_options[] = {
	{ "strict", CHECK_KEY_STRICT, NULL, "warnings count as errors" },
	{ "json", CHECK_KEY_JSON, NULL,
	  "one JSON object (schema jhconf-check, version 1; see README)" },
	{ "explain", 'v', NULL, "each finding's why (with its source) and fix under it" },
	{ NULL, 0, NULL, NULL },
};

static const struct cli_option *const check_tables[] = {
	check_options, cli_project_options, cli_source_options, NULL,
};

static const struct cli_spec check_spec = {
	.command = "check",
	.usage = "[-p FILE] [-r DIR | -S FILE.tar] [--strict] [--json] [-v]\n"
		 "[--strict] [--json] [-v] SYSTEM.cell [CELL.cell...]",
	.about = "Checks the project's cells (root and inmates as generate would write\n"
		 "them, against the machine), or a root cell's system configuration and\n"
		 "the inmate cells meant to run beside it, of configuration revision 12,\n"
		 "13 or 14. Every check of `jailhouse config check`, every refusal of\n"
		 "Jailhouse's driver and hypervisor a configuration can cause, and what\n"
		 "nothing in Jailhouse checks (cells against each other, alignment, CPUs,\n"
		 "devices, pins, ports, ivshmem peers). Prints one line per finding,\n"
		 "errors first: severity, rule id, what is wrong.",
	.tables = check_tables,
	.notes = "Without .cell files, the project (-p, default ./jhconf.conf) is checked;\n"
		 "-r/-S check it against another machine.",
	.exit = "0 clean (warnings and notes allowed), 1 an error finding (--strict:\n"
		"or a warning), 2 bad input (a file that is not a configuration, usage).",
};

struct check_opts {
	struct cli_project_opts proj;
	bool strict, json, explain, project_given;
};

static int check_option(void *ctx, int key, const char *arg, struct jh_error *err)
{
	struct check_opts *o = ctx;
	switch (key) {
	case CHECK_KEY_STRICT:
		o->strict = true;
		return 1;
	case CHECK_KEY_JSON:
		o->json = true;
		return 1;
	case 'v':
		o->explain = true;
		return 1;
	default:
		o->project_given = true;
		return cli_project_handle(&o->proj, key, arg, err);
	}
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
	json_kv_string(&j, "schema", "jhconf-check");
	json_kv_uint(&j, "version", CHECK_JSON_VERSION);
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
	struct check_opts o = { 0 };
	struct jh_error err = { 0 };
	struct jh_findings own = { 0 };
	const struct jh_findings *f = &own;
	struct jhconf_session *s = NULL;
	struct cli_operands ops = { 0 };
	int rc = 0;
	enum cli_parse_result pr = cli_parse(argc, argv, &check_spec, check_option, &o,
					     &ops, &err);
	if (pr == CLI_PARSE_DONE) {
		cli_operands_free(&ops);
		return JH_OK;
	}
	if (pr == CLI_PARSE_ERROR)
		rc = -1;
	else if (o.project_given && ops.n)
		rc = jh_fail(&err, JH_BADINPUT, "check: the project (-p, -r, -S) or .cell "
			     "files, not both");
	if (rc == 0 && ops.n) {
		rc = jhconf_check_files(ops.v, ops.n, &own, &err);
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
	cli_operands_free(&ops);
	jh_findings_free(&own);
	jhconf_free(s);
	jh_error_clear(&err);
	return status;
}
