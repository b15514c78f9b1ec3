/* SPDX-License-Identifier: GPL-2.0-only */
/* jhconf doctor: can this machine run Jailhouse? The readiness items of
 * the front-end API (core/readiness), one line each, or as JSON. */
#include "cli.h"
#include "base/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct cli_option doctor_options[] = {
	{ "project", 'p', "FILE", "check this project's machine and window (no\n"
	  "project is read without -p)" },
	{ "json", CLI_KEY_COMMAND, NULL,
	  "JSON (schema jhconf-doctor, version 1; see README)" },
	{ "mem-hv", CLI_KEY_MEM_HV, "SIZE",
	  "the window to check the memmap= reservation against:\n"
	  "hypervisor memory (default 6M, or the project's)" },
	{ "mem-inmates", CLI_KEY_MEM_INMATES, "SIZE",
	  "memory for inmate cells (default 76M, or the project's)" },
	{ NULL, 0, NULL, NULL },
};

static const struct cli_option *const doctor_tables[] = {
	cli_source_options, doctor_options, NULL,
};

static const struct cli_spec doctor_spec = {
	.command = "doctor",
	.usage = "[-r DIR | -S FILE.tar] [-p FILE] [--json] [--mem-hv SIZE]\n"
		 "       [--mem-inmates SIZE]",
	.about = "Says whether the machine (the live system when run as root, a snapshot\n"
		 "tree with --root, a tar with --snapshot, or the machine of the project\n"
		 "named with -p) can run Jailhouse, and what to change where it cannot:\n"
		 "the CPU (VT-x with EPT, unrestricted guest and preemption timer, or SVM\n"
		 "with NPT), the IOMMU (DMAR or IVRS, interrupt remapping), x2APIC,\n"
		 "MMCONFIG, the PM timer, the kernel command line (intel_iommu=off or\n"
		 "amd_iommu=off, the memmap= reservation for the planned window) and\n"
		 "whether Jailhouse is enabled already. A superset of `jailhouse hardware\n"
		 "check`, but for snapshots too: what only the CPU's MSRs or the IOMMU's\n"
		 "registers tell is reported as unknown, never guessed.",
	.tables = doctor_tables,
	.notes = "One line per item: ok, MISSING (blocks Jailhouse), missing (an optional\n"
		 "or recommended feature) or unknown; a missing item's next line says what\n"
		 "to change.",
	.exit = "0 ready, 1 something blocks Jailhouse, 2 bad input or usage.",
};

#define DOCTOR_JSON_VERSION 1

struct doctor_opts {
	struct cli_project_opts proj;
	struct cli_plan_opts plan;
	bool json;
};

static int doctor_option(void *ctx, int key, const char *arg, struct jh_error *err)
{
	struct doctor_opts *o = ctx;
	if (key == CLI_KEY_COMMAND) {
		o->json = true;
		return 1;
	}
	int r = cli_project_handle(&o->proj, key, arg, err);
	return r ? r : cli_plan_handle(&o->plan, key, arg, err);
}

/* -1 error, 0 go on, 1 done (help, version) */
static int parse_doctor_args(int argc, char **argv, struct doctor_opts *o,
			     struct jh_error *err)
{
	struct cli_operands ops;
	cli_plan_opts_default(&o->plan);
	enum cli_parse_result r = cli_parse(argc, argv, &doctor_spec, doctor_option, o,
					    &ops, err);
	if (r != CLI_PARSE_OK)
		return r == CLI_PARSE_DONE ? 1 : -1;
	int rc = 0;
	if (ops.n)
		rc = jh_fail(err, JH_BADINPUT, "doctor: '%s': takes no file "
			     "argument (see --help)", cli_shown(ops.v[0]));
	cli_operands_free(&ops);
	return rc;
}

/* Open the machine (or the project and its machine) and plan it: the
 * plan's findings and window are part of the verdict. A refusal is not
 * an error here, it is what the items report. */
static int doctor_open(struct jhconf_session *s, const struct doctor_opts *o,
		       struct jh_error *err)
{
	if (o->proj.project) {
		if (cli_project_open(s, &o->proj, err) < 0 ||
		    cli_apply_given_plan_opts(s, &o->plan, err) < 0)
			return -1;
	} else if (cli_apply_plan_opts(s, &o->plan, err) < 0 ||
		   cli_open(s, &o->proj.src, err) < 0) {
		return -1;
	}
	if (jhconf_plan(s, err) < 0) {
		if (!jhconf_refused(s))
			return -1;
		jh_error_clear(err);
	}
	return 0;
}

static const char *state_word(const struct ready_item *it)
{
	if (it->state == READY_OK)
		return "ok";
	if (it->state == READY_UNKNOWN)
		return "unknown";
	return it->blocks ? "MISSING" : "missing";
}

static void print_text(const struct machine *m, const struct ready_list *l,
		       const char *project)
{
	printf("jhconf doctor: %s%s%s%s: %s, %s, %u CPUs\n", cli_shown(m->label),
	       project ? " (project " : "", project ? cli_shown(project) : "",
	       project ? ")" : "", cli_shown(m->cpu.vendor ? m->cpu.vendor : "unknown vendor"),
	       cli_shown(m->cpu.model_name ? m->cpu.model_name : "unknown model"),
	       m->cpu.nprocessors ? m->cpu.nprocessors : m->cpu.sysfs_count);
	for (size_t i = 0; i < l->n; i++) {
		const struct ready_item *it = &l->v[i];
		printf("%-8s %s: %s\n", state_word(it), it->what, cli_shown(it->detail));
		if (it->state != READY_MISSING)
			continue;
		/* the first finding is the detail; the others follow */
		for (size_t k = 1; k < it->nfindings; k++)
			printf("         also: %s\n",
			       cli_shown(l->findings.v[it->first + k].msg));
		printf("         fix: %s\n", jh_rule_get(it->rule)->fix);
	}
	size_t blocking = readiness_blocking(l);
	size_t unknown = readiness_count(l, READY_UNKNOWN);
	if (blocking)
		printf("not ready: %zu item%s block%s Jailhouse", blocking,
		       blocking == 1 ? "" : "s", blocking == 1 ? "s" : "");
	else
		printf("ready: nothing found that blocks Jailhouse");
	if (unknown)
		printf("; %zu unknown (each line says why)", unknown);
	printf("\n");
}

static void json_finding(struct json *j, const struct jh_finding *f)
{
	json_object_begin(j);
	json_kv_string(j, "rule", jh_finding_rule(f)->id);
	json_kv_string(j, "severity", jh_severity_name(jh_finding_severity(f)));
	json_kv_string(j, "message", f->msg);
	json_kv_string(j, "file", f->file);
	json_object_end(j);
}

static void print_json(const struct machine *m, const struct ready_list *l,
		       const char *project)
{
	struct buf b = { 0 };
	struct json j;
	json_init(&j, &b, true);
	json_object_begin(&j);
	json_kv_string(&j, "schema", "jhconf-doctor");
	json_kv_uint(&j, "version", DOCTOR_JSON_VERSION);
	json_key(&j, "machine");
	json_object_begin(&j);
	json_kv_string(&j, "source", m->label);
	json_kv_string(&j, "project", project);
	json_kv_string(&j, "vendor", m->cpu.vendor);
	json_kv_string(&j, "model", m->cpu.model_name);
	json_kv_uint(&j, "cpus", m->cpu.nprocessors ? m->cpu.nprocessors
						    : m->cpu.sysfs_count);
	json_object_end(&j);
	json_kv_bool(&j, "ready", readiness_blocking(l) == 0);
	json_key(&j, "counts");
	json_object_begin(&j);
	json_kv_uint(&j, "ok", readiness_count(l, READY_OK));
	json_kv_uint(&j, "missing", readiness_count(l, READY_MISSING));
	json_kv_uint(&j, "blocking", readiness_blocking(l));
	json_kv_uint(&j, "unknown", readiness_count(l, READY_UNKNOWN));
	json_object_end(&j);
	json_key(&j, "items");
	json_array_begin(&j);
	for (size_t i = 0; i < l->n; i++) {
		const struct ready_item *it = &l->v[i];
		const struct jh_rule *r = jh_rule_get(it->rule);
		json_object_begin(&j);
		json_kv_string(&j, "key", it->key);
		json_kv_string(&j, "what", it->what);
		json_kv_string(&j, "state", ready_state_name(it->state));
		json_kv_bool(&j, "blocks", it->blocks);
		json_kv_string(&j, "detail", it->detail);
		json_kv_string(&j, "rule", r->id);
		json_kv_string(&j, "severity", jh_severity_name(r->severity));
		json_kv_string(&j, "why", r->why);
		json_kv_string(&j, "fix", r->fix);
		json_key(&j, "findings");
		json_array_begin(&j);
		for (size_t k = 0; k < it->nfindings; k++)
			json_finding(&j, &l->findings.v[it->first + k]);
		json_array_end(&j);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_object_end(&j);
	json_finish(&j);
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

static int doctor_run(const struct doctor_opts *o, struct jh_error *err)
{
	struct jhconf_session *s = jhconf_new();
	struct ready_list l = { 0 };
	int rc = -1;
	if (doctor_open(s, o, err) == 0 && jhconf_readiness(s, &l, err) == 0) {
		const char *project = o->proj.project ? cli_project_path(&o->proj) : NULL;
		if (o->json)
			print_json(jhconf_machine(s), &l, project);
		else
			print_text(jhconf_machine(s), &l, project);
		rc = readiness_blocking(&l) ? JH_REFUSED : JH_OK;
	}
	ready_list_free(&l);
	jhconf_free(s);
	return rc;
}

int cmd_doctor(int argc, char **argv)
{
	struct doctor_opts o = { 0 };
	struct jh_error err = { 0 };
	int rc = JH_OK;
	int p = parse_doctor_args(argc, argv, &o, &err);
	if (p < 0 || (p == 0 && (rc = doctor_run(&o, &err)) < 0))
		rc = cli_report(&err);
	jh_error_clear(&err);
	return rc;
}
