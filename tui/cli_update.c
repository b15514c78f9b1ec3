/* SPDX-License-Identifier: GPL-2.0-only */
/* jhconf update: the project brought to the machine after a hardware
 * change (devices moved, vanished, added; CPUs, RAM), through the
 * front-end API: a report, then the project and every cell rewritten. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { KEY_OUTPUT = 'o', KEY_DRY_RUN = CLI_KEY_COMMAND, KEY_JSON, KEY_CHOOSE };

static const struct cli_option update_options[] = {
	{ "output", KEY_OUTPUT, "DIR", "where the cells go (default .)" },
	{ "dry-run", KEY_DRY_RUN, NULL, "report and plan, write nothing" },
	{ "json", KEY_JSON, NULL, "the report as JSON on stdout" },
	{ "choose", KEY_CHOOSE, "OLD=NEW", "the device the project recorded at slot OLD is\n"
	  "the one at NEW now (00:02.0=00:04.0): the answer\nto an ambiguity the report listed" },
	{ NULL, 0, NULL, NULL },
};

static const struct cli_option *const update_tables[] = {
	update_options, cli_project_options, cli_source_options, NULL,
};

static const struct cli_spec update_spec = {
	.command = "update",
	.usage = "[-p FILE] [-r DIR | -S FILE.tar] [-o DIR]\n"
		 "       [--choose OLD=NEW]... [--dry-run] [--json]",
	.about = "Discovers the machine again (the running system unless --root or\n"
		 "--snapshot names one) and matches every PCI device the project recorded\n"
		 "to it by identity: vendor:device, class, subsystem ids and the chain of\n"
		 "bridges above it (bus numbers change when a bridge is added; the chain\n"
		 "does not). Reports one line per change: devices moved (old -> new\n"
		 "slot), vanished or new, the cells' selectors that follow their device,\n"
		 "CPUs, RAM and the hypervisor window. Then plans again and writes the\n"
		 "project (comments kept, now naming this machine) and every cell to DIR,\n"
		 "all or none.",
	.tables = update_tables,
	.notes = "A device a cell uses that vanished, or that two devices fit equally\n"
		 "well (their slots are listed), is refused: nothing is written.",
	.exit = "0 written or nothing to do, 1 refused (a used device vanished\n"
		"or is ambiguous, or the plan is refused), 2 bad input or usage.",
};

/* More answers than any machine has ambiguous devices is a typo loop. */
#define MAX_CHOICES 256

struct update_opts {
	struct cli_project_opts proj;
	const char *dir;
	bool dry_run, json;
	const char *choose[MAX_CHOICES];
	size_t nchoose;
};

static int update_option(void *ctx, int key, const char *arg, struct jh_error *err)
{
	struct update_opts *o = ctx;
	switch (key) {
	case KEY_OUTPUT:
		if (!*arg)
			return jh_fail(err, JH_BADINPUT, "-o: an empty folder name");
		o->dir = arg;
		return 1;
	case KEY_DRY_RUN:
		o->dry_run = true;
		return 1;
	case KEY_JSON:
		o->json = true;
		return 1;
	case KEY_CHOOSE:
		if (!strchr(arg, '='))
			return jh_fail(err, JH_BADINPUT, "--choose: '%s' is not OLD=NEW",
				       cli_shown(arg));
		if (o->nchoose == MAX_CHOICES)
			return jh_fail(err, JH_BADINPUT, "--choose: more than %d answers",
				       MAX_CHOICES);
		o->choose[o->nchoose++] = arg;
		return 1;
	default:
		return cli_project_handle(&o->proj, key, arg, err);
	}
}

static void print_report(const struct jhconf_session *s, const struct upd_report *r,
			 bool json)
{
	if (json) {
		struct buf b = { 0 };
		jhconf_update_json(s, r, &b);
		fwrite(b.data, 1, b.len, stdout);
		buf_free(&b);
		return;
	}
	struct strlist lines = { 0 };
	jhconf_update_lines(s, r, &lines);
	for (size_t i = 0; i < lines.n; i++)
		printf("%s\n", cli_shown(lines.v[i]));
	strlist_free(&lines);
}

int cmd_update(int argc, char **argv)
{
	struct update_opts o = { .dir = "." };
	struct jh_error err = { 0 };
	struct upd_report r = { 0 };
	struct cli_operands ops;
	enum cli_parse_result pr = cli_parse(argc, argv, &update_spec, update_option, &o,
					     &ops, &err);
	if (pr == CLI_PARSE_DONE)
		return JH_OK;
	int rc = pr == CLI_PARSE_OK ? 0 : -1;
	if (rc == 0 && ops.n)
		rc = jh_fail(&err, JH_BADINPUT, "update: unexpected argument '%s' (see --help)",
			     cli_shown(ops.v[0]));
	cli_operands_free(&ops);
	struct jhconf_session *s = jhconf_new();
	bool reported = false, have_report = false;
	if (rc == 0) {
		struct jhconf_source_override ov = { JHCONF_SOURCE_DEFAULT, NULL };
		if (o.proj.src.snapshot)
			ov = (struct jhconf_source_override){ JHCONF_SOURCE_TAR,
							      o.proj.src.snapshot };
		else if (o.proj.src.root)
			ov = (struct jhconf_source_override){ JHCONF_SOURCE_TREE,
							      o.proj.src.root };
		rc = jhconf_update_plan(s, cli_project_path(&o.proj), &ov, NULL, 0, &r, &err);
		/* answers name slots: turn them into the report's indices, then
		 * match again from the start with them */
		if (o.nchoose && r.match.old_to_new) {
			struct upd_choice ch[MAX_CHOICES];
			jh_error_clear(&err);
			rc = 0;
			for (size_t i = 0; rc == 0 && i < o.nchoose; i++) {
				char *old_slot = xstrdup(o.choose[i]);
				char *eq = strchr(old_slot, '=');
				*eq = '\0';
				rc = jhconf_update_choice(&r, old_slot, eq + 1, &ch[i], &err);
				free(old_slot);
			}
			jhconf_update_report_free(&r);
			jhconf_free(s);
			s = jhconf_new();
			if (rc == 0)
				rc = jhconf_update_plan(s, cli_project_path(&o.proj), &ov, ch,
							o.nchoose, &r, &err);
		}
		/* a report exists once the project and the machine were read */
		have_report = r.match.old_to_new != NULL;
		if (have_report)
			print_report(s, &r, o.json);
		cli_print_findings(jhconf_findings(s));
		if (rc < 0 && r.refusals.n) {
			bool ambiguous = false;
			for (size_t i = 0; i < r.refusals.n; i++)
				fprintf(stderr, "jhconf: %s\n", cli_shown(r.refusals.v[i]));
			for (size_t i = 0; i < r.nuses; i++)
				ambiguous |= r.uses[i].state == UPD_USE_AMBIGUOUS;
			if (ambiguous)
				fprintf(stderr, "jhconf: to choose, run again with --choose "
					"OLD=NEW (slots as above)\n");
			reported = true;
		} else if (rc < 0 && jhconf_refused(s)) {
			reported = true;
		}
	}
	struct strlist written = { 0 };
	if (rc == 0 && o.dry_run) {
		if (!o.json)
			printf("dry run: nothing written\n");
	} else if (rc == 0 && !jhconf_update_changed(&r)) {
		if (!o.json)
			printf("nothing to do: the project matches this machine\n");
	} else if (rc == 0 && (rc = jhconf_update_apply(s, cli_project_path(&o.proj), o.dir,
							 &written, &err)) == 0 && !o.json) {
		printf("wrote %s and %zu cells (configuration revision %d):\n",
		       cli_shown(written.v[0]), (written.n - 1) / 2, jhconf_revision(s));
		for (size_t i = 1; i < written.n; i++)
			printf("  %s\n", cli_shown(written.v[i]));
		cli_print_boot_params(s);
	}
	strlist_free(&written);
	int status = rc == 0 ? JH_OK : reported ? JH_REFUSED : cli_report(&err);
	jh_error_clear(&err);
	jhconf_update_report_free(&r);
	jhconf_free(s);
	return status;
}
